// `dlgo-data prepare`: game records in, train/test HDF5 datasets out.
//
// Two passes over the inputs. The index pass parses and replays every record (in parallel,
// one container per worker) to learn which games are usable; the split then ranks usable games
// by a hash of (seed, archive file name, entry, game number), so the same seed picks the same
// games whatever folder the archives sit in, and a game is in train or test, never both. The
// write pass replays the chosen games again, encodes the position before every move and
// streams rows to PREFIX.train.h5 and PREFIX.test.h5 through bounded queues: memory stays
// bounded by the queue sizes, not by the corpus.
//
// Every record the index pass does not take is handed to `on_skipped` with its reason (a
// malformed file or game, an illegal move, a filter), also when the run then fails for want of
// games, so a program can always say which files were unusable and why.
//
// Both files carry one run id, made afresh by every run, so a train file and a test file of
// different runs are told apart (dataset_pair.h).
//
// Contract: prepare_dataset() runs on the calling thread and starts its own workers; progress
// callbacks come from the calling thread, `on_skipped` from the workers, one call at a time.
// Errors (unreadable input, too few games, unknown encoder, unwritable output) throw
// std::runtime_error with a one-line message that gives the counts of record_counts(); a failed
// run leaves no partial dataset under the final names.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/dataset/game_filter.h"

namespace dlgo::dataset {

// A record the dataset does not take.
struct SkippedRecord {
  enum class Why { kMalformed, kIllegal, kFiltered };
  Why why;
  std::string message;  // names the file (and game) and the reason, e.g. "skipped malformed file:
                        // a.sgf: byte 12: ..."
};

struct PrepareOptions {
  std::vector<std::string> inputs;
  std::string encoder = "sevenplane";
  std::string out_prefix;
  std::optional<std::int64_t> train_games;  // default: every usable game not in test
  std::optional<std::int64_t> test_games;   // default: 10% of the usable games
  std::uint64_t seed = 1337;
  int workers = 2;
  GameFilter filter;
  std::function<void(const SkippedRecord&)> on_skipped;  // optional
};

struct PrepareProgress {
  const char* phase;  // "index" or "write"
  std::int64_t done;
  std::int64_t total;
  const char* unit;  // "archives" or "games"
};

struct PrepareReport {
  std::int64_t records = 0;  // SGF files read in the index pass
  std::int64_t usable_games = 0;
  std::int64_t filtered_games = 0;                         // wrong size, handicap, rank, no moves
  std::map<std::string, std::int64_t> filtered_by_reason;  // GameFilter::rejection() -> games
  std::int64_t malformed_files = 0;                        // SGF that does not parse
  std::int64_t illegal_games = 0;                          // a move the rules forbid
  std::int64_t train_games = 0, test_games = 0;
  std::int64_t train_rows = 0, test_rows = 0;
  std::int64_t pass_moves_skipped = 0;  // passes, for encoders without a pass label
  std::string train_path, test_path;
  double index_seconds = 0, write_seconds = 0;
};

// "3 SGF files read: 1 usable game, 1 filtered out (1 board size 9x9), 0 with illegal moves,
// 1 malformed": the index pass's counts, for messages.
std::string record_counts(const PrepareReport& report);

PrepareReport prepare_dataset(
    const PrepareOptions& options,
    const std::function<void(const PrepareProgress&)>& progress = nullptr);

}  // namespace dlgo::dataset
