#include "engine/dataset/prepare.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <stdexcept>
#include <thread>
#include <unordered_map>
#include <utility>

#include "engine/dataset/bounded_queue.h"
#include "engine/dataset/dataset_file.h"
#include "engine/dataset/record_reader.h"
#include "engine/encoders/registry.h"
#include "engine/rng.h"
#include "engine/sgf/game_record.h"
#include "engine/sgf/game_result.h"
#include "engine/sgf/sgf_reader.h"

namespace dlgo::dataset {

namespace {

// A usable game found by the index pass.
struct IndexedGame {
  std::uint64_t rank;  // position in the seeded shuffle
  std::int32_t container;
  std::int32_t ordinal;
  std::int32_t game;
  bool test = false;
};

std::uint64_t fnv1a(std::uint64_t hash, const std::string& text) {
  for (unsigned char c : text) hash = (hash ^ c) * 0x100000001B3ull;
  return hash;
}

// Depends only on the seed and the game's identity, not on where the archive lies or on the
// order of the inputs, so a split is reproducible across machines.
std::uint64_t shuffle_rank(std::uint64_t seed, const std::string& container,
                           const std::string& entry, int game) {
  std::uint64_t hash =
      fnv1a(0xCBF29CE484222325ull, std::filesystem::path(container).filename().string());
  hash = fnv1a(hash, "\n" + entry + "#" + std::to_string(game));
  std::uint64_t state = hash ^ (seed * 0x9E3779B97F4A7C15ull);
  return splitmix64(state);
}

std::string game_name(const RecordFile& record, int game) {
  std::string name = std::filesystem::path(record.container).filename().string();
  if (!record.name.empty()) name += ":" + record.name;
  return name + "#" + std::to_string(game);
}

class Problems {
 public:
  explicit Problems(const std::function<void(const SkippedRecord&)>& on_skipped)
      : on_skipped_(on_skipped) {}
  void skip(SkippedRecord::Why why, std::string message) {
    if (!on_skipped_) return;
    std::lock_guard<std::mutex> lock(mutex_);
    on_skipped_(SkippedRecord{why, std::move(message)});
  }
  void fail(std::exception_ptr error) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!error_) error_ = error;
    failed_ = true;
  }
  bool failed() const { return failed_.load(); }
  void rethrow() {
    if (error_) std::rethrow_exception(error_);
  }

 private:
  const std::function<void(const SkippedRecord&)>& on_skipped_;
  std::mutex mutex_;
  std::exception_ptr error_;
  std::atomic<bool> failed_{false};
};

// Runs `work(index)` for every index in [0, count) on `workers` threads, reporting progress
// from the calling thread while it waits.
template <typename Work>
void run_parallel(int count, int workers, Problems& problems, Work work,
                  const std::function<void(std::int64_t)>& report) {
  std::atomic<int> next{0};
  std::atomic<int> done{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < std::max(1, workers); ++t) {
    threads.emplace_back([&] {
      for (int index; !problems.failed() && (index = next++) < count;) {
        try {
          work(index);
        } catch (...) {
          problems.fail(std::current_exception());
        }
        ++done;
      }
    });
  }
  while (done.load() < count && !problems.failed()) {
    if (report) report(done.load());
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  for (auto& thread : threads) thread.join();
  if (report) report(done.load());
}

// Records are replayed with the simple ko rule: KGS games are mostly played under Japanese
// rules, where a long cycle (triple ko) is not illegal, and the record is the truth to learn
// from. Captures, the only thing replay must get right, do not depend on the ko rule.
Rules replay_rules() {
  Rules rules;
  rules.ko_rule = KoRule::kSimple;
  return rules;
}

struct IndexCounts {
  std::int64_t records = 0, filtered = 0, malformed = 0, illegal = 0;
  std::map<std::string, std::int64_t> filtered_by_reason;
};

// Parses and replays every record of one container; appends its usable games.
void index_container(const std::string& path, int container, const PrepareOptions& options,
                     std::vector<IndexedGame>& usable, IndexCounts& counts, Problems& problems) {
  SgfCollection collection;
  GameRecord record;
  read_records(path, [&](const RecordFile& file) {
    ++counts.records;
    try {
      parse_sgf_into(file.content, file.display_name(), collection);
    } catch (const SgfError& error) {
      ++counts.malformed;
      problems.skip(SkippedRecord::Why::kMalformed,
                    std::string("skipped malformed file: ") + error.what());
      return !problems.failed();
    }
    for (int game = 0; game < collection.game_count(); ++game) {
      try {
        read_game_record_into(collection, game, record);
        if (std::string reason = options.filter.rejection(record); !reason.empty()) {
          ++counts.filtered;
          ++counts.filtered_by_reason[reason];
          problems.skip(
              SkippedRecord::Why::kFiltered,
              "filtered out: " + file.display_name() + "#" + std::to_string(game) + ": " + reason);
          continue;
        }
        GameReplay replay(record, replay_rules());
        while (!replay.done()) replay.step();
      } catch (const SgfIllegalMoveError& error) {
        ++counts.illegal;
        problems.skip(SkippedRecord::Why::kIllegal,
                      std::string("skipped game with an illegal move: ") + error.what());
        continue;
      } catch (const SgfError& error) {
        ++counts.malformed;
        problems.skip(SkippedRecord::Why::kMalformed,
                      std::string("skipped malformed game: ") + error.what());
        continue;
      }
      usable.push_back(
          {shuffle_rank(options.seed, path, file.name, game), container, file.ordinal, game});
    }
    return !problems.failed();
  });
}

// Rows of one game, ready for the writer.
struct GameRows {
  bool test = false;
  std::string name;
  std::vector<std::uint8_t> features;  // stored (bit-packed) layout
  std::vector<std::int16_t> labels;
  std::vector<std::int8_t> outcomes;  // the game's result for each row's player to move
};

struct ContainerSelection {
  int container;
  std::unordered_map<int, std::vector<std::pair<int, bool>>> games_by_ordinal;  // (game, test)
};

// Random, not derived from the seed: two runs with the same seed and inputs must still differ,
// or a train file of one would pass for the partner of the other's test file.
std::string new_run_id() {
  std::random_device device;
  std::uint64_t state =
      (static_cast<std::uint64_t>(device()) << 32) ^ device() ^
      static_cast<std::uint64_t>(std::chrono::system_clock::now().time_since_epoch().count());
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(splitmix64(state)));
  return text;
}

std::string plural(std::int64_t count, const char* noun) {
  return std::to_string(count) + " " + noun + (count == 1 ? "" : "s");
}

using ProgressCallback = std::function<void(const PrepareProgress&)>;

}  // namespace

std::string record_counts(const PrepareReport& report) {
  std::string text = plural(report.records, "SGF file") +
                     " read: " + plural(report.usable_games, "usable game") + ", " +
                     std::to_string(report.filtered_games) + " filtered out";
  if (!report.filtered_by_reason.empty()) {
    std::string reasons;
    for (const auto& [reason, count] : report.filtered_by_reason) {
      reasons += (reasons.empty() ? "" : ", ") + std::to_string(count) + " " + reason;
    }
    text += " (" + reasons + ")";
  }
  return text + ", " + std::to_string(report.illegal_games) + " with illegal moves, " +
         std::to_string(report.malformed_files) + " malformed";
}

namespace {

// Index pass: every container parsed and replayed, in parallel; returns the usable games and
// adds the counts of the others to `report`.
std::vector<IndexedGame> index_games(const std::vector<std::string>& containers,
                                     const PrepareOptions& options, int workers, Problems& problems,
                                     const ProgressCallback& progress, PrepareReport& report) {
  auto start = std::chrono::steady_clock::now();
  const int container_count = static_cast<int>(containers.size());
  std::vector<std::vector<IndexedGame>> usable_by_container(container_count);
  std::vector<IndexCounts> counts_by_container(container_count);
  run_parallel(
      container_count, workers, problems,
      [&](int c) {
        index_container(containers[c], c, options, usable_by_container[c], counts_by_container[c],
                        problems);
      },
      [&](std::int64_t done) {
        if (progress) progress({"index", done, container_count, "files"});
      });
  problems.rethrow();
  std::vector<IndexedGame> usable;
  for (int c = 0; c < container_count; ++c) {
    usable.insert(usable.end(), usable_by_container[c].begin(), usable_by_container[c].end());
    report.records += counts_by_container[c].records;
    report.filtered_games += counts_by_container[c].filtered;
    report.malformed_files += counts_by_container[c].malformed;
    report.illegal_games += counts_by_container[c].illegal;
    for (const auto& [reason, count] : counts_by_container[c].filtered_by_reason) {
      report.filtered_by_reason[reason] += count;
    }
  }
  report.usable_games = static_cast<std::int64_t>(usable.size());
  report.index_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return usable;
}

// The games chosen for the two files, grouped by container in reading order.
struct GameSelection {
  std::vector<ContainerSelection> containers;
  std::int64_t train_count = 0, test_count = 0;
};

// Split: the first test_count games of the seeded shuffle go to the test file, the next
// train_count to the training file. Throws when the counts asked for cannot be met.
GameSelection select_games(std::vector<IndexedGame> usable, const PrepareOptions& options,
                           BoardSize size, const PrepareReport& report) {
  const std::int64_t total = report.usable_games;
  const std::string board = std::to_string(size.width) + "x" + std::to_string(size.height);
  if (total == 0) {
    throw std::runtime_error("the inputs hold no usable " + board + " games (" +
                             record_counts(report) + ")");
  }
  GameSelection selection;
  const std::int64_t test_count = options.test_games.value_or(total / 10);
  const std::int64_t train_count =
      options.train_games.value_or(std::max<std::int64_t>(0, total - test_count));
  if (test_count < 0 || train_count < 0) {
    throw std::runtime_error("game counts must not be negative");
  }
  if (train_count + test_count > total) {
    throw std::runtime_error("asked for " + std::to_string(train_count) + " training and " +
                             std::to_string(test_count) + " test games, but the inputs have only " +
                             std::to_string(total) + " usable " + board + " games (" +
                             record_counts(report) + ")");
  }
  if (train_count + test_count == 0) {
    throw std::runtime_error("no games selected: --games and --test-games are both 0");
  }
  std::sort(usable.begin(), usable.end(), [](const IndexedGame& a, const IndexedGame& b) {
    return std::tie(a.rank, a.container, a.ordinal, a.game) <
           std::tie(b.rank, b.container, b.ordinal, b.game);
  });
  usable.resize(static_cast<std::size_t>(train_count + test_count));
  for (std::int64_t i = 0; i < test_count; ++i) usable[i].test = true;
  std::sort(usable.begin(), usable.end(), [](const IndexedGame& a, const IndexedGame& b) {
    return std::tie(a.container, a.ordinal, a.game) < std::tie(b.container, b.ordinal, b.game);
  });
  for (const IndexedGame& game : usable) {
    if (selection.containers.empty() || selection.containers.back().container != game.container) {
      selection.containers.push_back({game.container, {}});
    }
    selection.containers.back().games_by_ordinal[game.ordinal].push_back({game.game, game.test});
  }
  selection.train_count = train_count;
  selection.test_count = test_count;
  return selection;
}

DatasetHeader dataset_header(const PrepareOptions& options, const Encoder& encoder,
                             BoardSize size) {
  DatasetHeader header;
  header.encoder = std::string(encoder.name());
  header.board_width = size.width;
  header.board_height = size.height;
  header.planes = encoder.num_planes();
  header.bit_packed = true;  // every encoder stores 0/1 planes
  header.label_space = encoder.num_moves();
  header.seed = options.seed;
  header.sources = options.inputs;
  header.run_id = new_run_id();
  return header;
}

// What encoding a game needs besides the game: the encoder, the stored layout and a buffer.
struct GameEncoding {
  const Encoder& encoder;
  std::size_t stored_row_bytes;
  int plane_rows;
  int width;
  std::vector<std::uint8_t> planes;  // one position, unpacked
  std::atomic<std::int64_t>& passes_skipped;
};

// The rows of one game: a position and its move per row (passes left out where the encoder
// has no label for them), with the game's result from the mover's side.
GameRows encode_game(const GameRecord& record, std::string name, bool test,
                     GameEncoding& encoding) {
  GameRows rows;
  rows.test = test;
  rows.name = std::move(name);
  rows.features.reserve(record.moves.size() * encoding.stored_row_bytes);
  rows.labels.reserve(record.moves.size());
  rows.outcomes.reserve(record.moves.size());
  const std::optional<Color> winner = winner_from_result(record.info.result);
  for (GameReplay replay(record, replay_rules()); !replay.done(); replay.step()) {
    const Move move = replay.next_move().move;
    if (move.is_pass() && !encoding.encoder.predicts_pass()) {
      ++encoding.passes_skipped;
      continue;
    }
    encoding.encoder.encode(replay.state(), encoding.planes.data());
    std::size_t offset = rows.features.size();
    rows.features.resize(offset + encoding.stored_row_bytes);
    pack_feature_rows(encoding.planes.data(), encoding.plane_rows, encoding.width,
                      rows.features.data() + offset);
    rows.labels.push_back(static_cast<std::int16_t>(encoding.encoder.encode_move(move)));
    rows.outcomes.push_back(!winner                                   ? kOutcomeUnknown
                            : *winner == replay.state().next_player() ? kOutcomeWin
                                                                      : kOutcomeLoss);
  }
  return rows;
}

// Reads one container again and queues the rows of its selected games, in reading order.
void encode_selection(const std::string& container, const ContainerSelection& selection,
                      GameEncoding& encoding, BoundedQueue<GameRows>& queue,
                      const Problems& problems) {
  SgfCollection collection;
  GameRecord record;
  read_records(
      container,
      [&](const RecordFile& file) {
        auto found = selection.games_by_ordinal.find(file.ordinal);
        if (found == selection.games_by_ordinal.end()) return true;
        parse_sgf_into(file.content, file.display_name(), collection);
        for (auto [game, test] : found->second) {
          read_game_record_into(collection, game, record);
          if (!queue.push(encode_game(record, game_name(file, game), test, encoding))) {
            return false;
          }
        }
        return !problems.failed();
      },
      [&](int ordinal) { return selection.games_by_ordinal.count(ordinal) > 0; });
}

// Write pass: workers encode the selected games container by container, and this thread
// writes them in selection order, so the files do not depend on the number of workers.
// Returns the number of passes left out.
std::int64_t write_games(const std::vector<std::string>& containers, const GameSelection& selection,
                         const Encoder& encoder, const DatasetHeader& header,
                         DatasetWriter& train_writer, DatasetWriter& test_writer, int workers,
                         Problems& problems, const ProgressCallback& progress) {
  const auto& selections = selection.containers;
  const int selection_count = static_cast<int>(selections.size());
  std::vector<std::unique_ptr<BoundedQueue<GameRows>>> queues;
  for (int i = 0; i < selection_count; ++i) {
    queues.push_back(std::make_unique<BoundedQueue<GameRows>>(64));
  }
  std::atomic<std::int64_t> passes_skipped{0};
  std::atomic<int> next_selection{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < workers; ++t) {
    threads.emplace_back([&] {
      GameEncoding encoding{encoder,
                            header.stored_row_bytes(),
                            header.planes * header.board_height,
                            header.board_width,
                            std::vector<std::uint8_t>(encoder.encoded_size()),
                            passes_skipped};
      for (int s; (s = next_selection++) < selection_count;) {
        if (!problems.failed()) {
          try {
            encode_selection(containers[selections[s].container], selections[s], encoding,
                             *queues[s], problems);
          } catch (...) {
            problems.fail(std::current_exception());
          }
        }
        queues[s]->close();
      }
    });
  }

  std::int64_t games_written = 0;
  const std::int64_t games_total = selection.train_count + selection.test_count;
  std::vector<std::int32_t> game_column;
  auto last_report = std::chrono::steady_clock::now();
  try {
    for (int s = 0; s < selection_count && !problems.failed(); ++s) {
      while (auto rows = queues[s]->pop()) {
        DatasetWriter& writer = rows->test ? test_writer : train_writer;
        std::int32_t game_index = writer.add_game(rows->name);
        game_column.assign(rows->labels.size(), game_index);
        writer.append(rows->features.data(), rows->labels.data(), game_column.data(),
                      rows->labels.size(), rows->outcomes.data());
        ++games_written;
        auto now = std::chrono::steady_clock::now();
        if (progress && now - last_report > std::chrono::milliseconds(100)) {
          progress({"write", games_written, games_total, "games"});
          last_report = now;
        }
      }
    }
  } catch (...) {
    problems.fail(std::current_exception());
  }
  for (auto& queue : queues) queue->close();
  for (auto& thread : threads) thread.join();
  problems.rethrow();
  if (progress) progress({"write", games_written, games_total, "games"});
  return passes_skipped.load();
}

}  // namespace

PrepareReport prepare_dataset(const PrepareOptions& options, const ProgressCallback& progress) {
  PrepareReport report;
  if (options.out_prefix.empty()) throw std::runtime_error("no output prefix given (--out)");
  const BoardSize size{options.filter.board_size, options.filter.board_size};
  std::unique_ptr<Encoder> encoder = make_encoder(options.encoder, size);
  const std::vector<std::string> containers = list_record_containers(options.inputs);
  if (containers.empty()) throw std::runtime_error("the inputs hold no .sgf files or archives");
  const int workers = std::max(1, options.workers);
  Problems problems(options.on_skipped);

  std::vector<IndexedGame> usable =
      index_games(containers, options, workers, problems, progress, report);
  const GameSelection selection = select_games(std::move(usable), options, size, report);

  auto start = std::chrono::steady_clock::now();
  DatasetHeader header = dataset_header(options, *encoder, size);
  header.split = "train";
  report.train_path = options.out_prefix + ".train.h5";
  report.test_path = options.out_prefix + ".test.h5";
  DatasetWriter train_writer(report.train_path, header);
  header.split = "test";
  DatasetWriter test_writer(report.test_path, header);
  report.pass_moves_skipped = write_games(containers, selection, *encoder, header, train_writer,
                                          test_writer, workers, problems, progress);

  const std::int64_t skipped =
      report.filtered_games + report.illegal_games + report.malformed_files;
  train_writer.set_skipped_games(skipped);
  test_writer.set_skipped_games(skipped);
  report.train_rows = train_writer.rows();
  report.test_rows = test_writer.rows();
  train_writer.finish();
  test_writer.finish();
  report.train_games = selection.train_count;
  report.test_games = selection.test_count;
  report.write_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace dlgo::dataset
