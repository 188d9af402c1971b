#include "tests/catch.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "corpus_builder.h"
#include "engine/dataset/dataset_file.h"
#include "engine/dataset/prepare.h"
#include "engine/dataset/record_reader.h"
#include "engine/encoders/registry.h"
#include "engine/sgf/game_record.h"

using namespace dlgo;
using namespace dlgo::dataset;
namespace fs = std::filesystem;

namespace {

// Every game of the inputs by the name the pipeline gives it ("archive:entry#k").
std::map<std::string, GameRecord> records_by_name(const std::vector<std::string>& inputs) {
  std::map<std::string, GameRecord> records;
  for (const auto& container : list_record_containers(inputs)) {
    read_records(container, [&](const RecordFile& file) {
      std::vector<GameRecord> games;
      try {
        games = read_game_records(file.content, file.display_name());
      } catch (const SgfError&) {
        return true;
      }
      std::string base = fs::path(file.container).filename().string();
      if (!file.name.empty()) base += ":" + file.name;
      for (size_t k = 0; k < games.size(); ++k) records[base + "#" + std::to_string(k)] = games[k];
      return true;
    });
  }
  return records;
}

// Replays every game of a dataset from its source record and checks each row: the features
// are the encoder's planes of the position before the move, the label is the move.
void check_rows_replay(const std::string& path, const std::map<std::string, GameRecord>& records,
                       bool expect_pass_rows) {
  DatasetReader reader(path);
  const auto& header = reader.header();
  auto encoder = make_encoder(header.encoder, header.board_width);
  const size_t row_bytes = header.unpacked_row_bytes();
  std::vector<std::uint8_t> features(static_cast<size_t>(reader.rows()) * row_bytes);
  std::vector<std::int16_t> labels(reader.rows());
  std::vector<std::int32_t> games(reader.rows());
  reader.read(0, reader.rows(), features.data(), labels.data(), games.data());
  Rules simple_ko;
  simple_ko.ko_rule = KoRule::kSimple;
  std::int64_t row = 0;
  bool saw_pass = false;
  for (size_t g = 0; g < reader.game_names().size(); ++g) {
    const std::string& name = reader.game_names()[g];
    auto found = records.find(name);
    REQUIRE(found != records.end());
    for (GameReplay replay(found->second, simple_ko); !replay.done(); replay.step()) {
      Move move = replay.next_move().move;
      if (move.is_pass() && !encoder->predicts_pass()) continue;
      INFO(name << " move " << replay.next_move_number());
      REQUIRE(row < reader.rows());
      CHECK(games[row] == static_cast<std::int32_t>(g));
      CHECK(labels[row] == encoder->encode_move(move));
      saw_pass = saw_pass || move.is_pass();
      std::vector<std::uint8_t> expected = encoder->encode(replay.state());
      CHECK(std::equal(expected.begin(), expected.end(), features.begin() + row * row_bytes));
      ++row;
    }
  }
  CHECK(row == reader.rows());
  CHECK(saw_pass == expect_pass_rows);
}

std::set<std::string> names_of(const std::string& path) {
  DatasetReader reader(path);
  return {reader.game_names().begin(), reader.game_names().end()};
}

}  // namespace

TEST_CASE("prepare reads folders and every archive format, splits by game, rows replay") {
  std::string dir = testing::make_temp_directory("dlgo-prepare");
  testing::CorpusFiles corpus = testing::build_corpus(dir, 12, 5);
  std::vector<std::string> inputs = {corpus.folder, corpus.tar_gz, corpus.tar_bz2, corpus.zip};
  auto records = records_by_name(inputs);

  PrepareOptions options;
  options.inputs = inputs;
  options.out_prefix = dir + "/out";
  options.train_games = 30;
  options.test_games = 12;
  options.workers = 2;
  PrepareReport report = prepare_dataset(options);
  CHECK(report.usable_games == 48);  // 12 games in each of four containers
  CHECK(report.malformed_files == 1);
  CHECK(report.illegal_games == 1);
  CHECK(report.train_games == 30);
  CHECK(report.test_games == 12);
  CHECK(report.pass_moves_skipped > 0);

  auto train = names_of(report.train_path);
  auto test = names_of(report.test_path);
  CHECK(train.size() == 30);
  CHECK(test.size() == 12);
  for (const auto& name : test) CHECK(train.count(name) == 0);
  check_rows_replay(report.train_path, records, false);
  check_rows_replay(report.test_path, records, false);

  SECTION("the same seed gives the same split; another seed another") {
    PrepareOptions again = options;
    again.out_prefix = dir + "/again";
    again.workers = 1;
    PrepareReport second = prepare_dataset(again);
    CHECK(names_of(second.train_path) == train);
    CHECK(names_of(second.test_path) == test);
    again.seed = 99;
    again.out_prefix = dir + "/other";
    PrepareReport third = prepare_dataset(again);
    CHECK(names_of(third.test_path) != test);
  }
  SECTION("the zero encoder labels passes instead of dropping them") {
    PrepareOptions zero = options;
    zero.encoder = "zero";
    zero.out_prefix = dir + "/zero";
    PrepareReport with_passes = prepare_dataset(zero);
    CHECK(with_passes.pass_moves_skipped == 0);
    CHECK(with_passes.train_rows + with_passes.test_rows ==
          report.train_rows + report.test_rows + report.pass_moves_skipped);
    check_rows_replay(with_passes.train_path, records, true);
  }
  SECTION("filters: handicap games and ranks") {
    PrepareOptions filtered = options;
    filtered.train_games.reset();
    filtered.test_games = 0;
    filtered.filter.skip_handicap = true;
    filtered.out_prefix = dir + "/nohandicap";
    CHECK(prepare_dataset(filtered).usable_games == 4 * 8);  // every third game has a handicap
    filtered.filter.skip_handicap = false;
    filtered.filter.min_rank = parse_rank("6d");
    filtered.out_prefix = dir + "/ranked";
    CHECK(prepare_dataset(filtered).usable_games == 4 * 9);  // every fourth game has a 3k
  }
  fs::remove_all(dir);
}

TEST_CASE("prepare refuses impossible requests with counts and leaves no files") {
  std::string dir = testing::make_temp_directory("dlgo-prepare");
  testing::CorpusFiles corpus = testing::build_corpus(dir, 4, 9);
  PrepareOptions options;
  options.inputs = {corpus.tar_gz};
  options.out_prefix = dir + "/out";
  options.train_games = 4;
  options.test_games = 1;
  CHECK_THROWS_WITH(prepare_dataset(options), Catch::Contains("only 4 usable 19x19 games"));
  CHECK_FALSE(fs::exists(dir + "/out.train.h5"));
  options.train_games = 2;
  options.encoder = "nonsense";
  CHECK_THROWS_WITH(prepare_dataset(options), Catch::Contains("nonsense"));
  options.encoder = "sevenplane";
  options.inputs = {dir + "/does-not-exist"};
  CHECK_THROWS_WITH(prepare_dataset(options), Catch::Contains("does-not-exist"));
  options.inputs = {corpus.tar_gz};
  options.filter.board_size = 9;
  CHECK_THROWS_WITH(prepare_dataset(options),
                    Catch::Contains("the inputs hold no usable 9x9 games ("));
  fs::remove_all(dir);
}

TEST_CASE("prepare names every skipped record with its reason, also when it then fails") {
  std::string dir = testing::make_temp_directory("dlgo-prepare");
  testing::CorpusFiles corpus = testing::build_corpus(dir, 6, 3);
  std::vector<SkippedRecord> skipped;
  PrepareOptions options;
  options.inputs = {corpus.folder};
  options.out_prefix = dir + "/out";
  options.filter.skip_handicap = true;
  options.on_skipped = [&](const SkippedRecord& record) { skipped.push_back(record); };
  auto count = [&](SkippedRecord::Why why, const std::string& text) {
    return std::count_if(skipped.begin(), skipped.end(), [&](const SkippedRecord& record) {
      return record.why == why && record.message.find(text) != std::string::npos;
    });
  };

  PrepareReport report = prepare_dataset(options);
  CHECK(skipped.size() == 4);  // broken.sgf, illegal.sgf, two handicap games
  CHECK(count(SkippedRecord::Why::kMalformed,
              "skipped malformed file: " + corpus.folder + "/broken.sgf: byte ") == 1);
  CHECK(count(SkippedRecord::Why::kIllegal, "/illegal.sgf: byte ") == 1);
  CHECK(count(SkippedRecord::Why::kFiltered, ": handicap game") == 2);
  CHECK(report.filtered_by_reason == std::map<std::string, std::int64_t>{{"handicap game", 2}});
  CHECK(record_counts(report) ==
        "8 SGF files read: 4 usable games, 2 filtered out (2 handicap game), 1 with illegal moves, "
        "1 malformed");

  SECTION("a lone truncated file is named, and the error gives the counts") {
    skipped.clear();
    options.inputs = {corpus.folder + "/broken.sgf"};
    CHECK_THROWS_WITH(prepare_dataset(options),
                      "the inputs hold no usable 19x19 games (1 SGF file read: 0 usable games, 0 "
                      "filtered out, 0 with illegal moves, 1 malformed)");
    REQUIRE(skipped.size() == 1);
    CHECK(skipped[0].message.find("broken.sgf: byte 21: unterminated property value") !=
          std::string::npos);
  }
  SECTION("games of another board size are counted by reason") {
    options.filter.board_size = 9;
    CHECK_THROWS_WITH(prepare_dataset(options),
                      Catch::Contains("7 filtered out (7 board size 19x19)"));
  }
  fs::remove_all(dir);
}

#ifdef DLGO_KGS_DIR
// Registered only where the KGS archives lie beside the repository (tests/dataset/CMakeLists.txt
// leaves the [kgs] tests out otherwise), so a missing archive here is a failure, not a skip.
TEST_CASE("prepare on real KGS archives", "[kgs]") {
  std::vector<std::string> archives = {std::string(DLGO_KGS_DIR) + "/KGS-2017_02-19-525-.tar.gz",
                                       std::string(DLGO_KGS_DIR) + "/KGS-2016_02-19-577-.tar.gz"};
  for (const auto& archive : archives) {
    INFO(archive);
    REQUIRE(fs::exists(archive));
  }
  std::string dir = testing::make_temp_directory("dlgo-kgs");
  PrepareOptions options;
  options.inputs = archives;
  options.out_prefix = dir + "/kgs";
  options.train_games = 40;
  options.test_games = 10;
  PrepareReport report = prepare_dataset(options);
  CHECK(report.usable_games > 1000);
  auto records = records_by_name(archives);
  check_rows_replay(report.train_path, records, false);
  check_rows_replay(report.test_path, records, false);
  for (const auto& name : names_of(report.test_path))
    CHECK(names_of(report.train_path).count(name) == 0);
  fs::remove_all(dir);
}
#endif
