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
// Contract: prepare_dataset() runs on the calling thread and starts its own workers; progress
// callbacks come from the calling thread. Errors (unreadable input, too few games, unknown
// encoder, unwritable output) throw std::runtime_error with a one-line message; a failed run
// leaves no partial dataset under the final names.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "engine/dataset/game_filter.h"

namespace dlgo::dataset {

struct PrepareOptions {
  std::vector<std::string> inputs;
  std::string encoder = "sevenplane";
  std::string out_prefix;
  std::optional<std::int64_t> train_games;  // default: every usable game not in test
  std::optional<std::int64_t> test_games;   // default: 10% of the usable games
  std::uint64_t seed = 1337;
  int workers = 2;
  GameFilter filter;
};

struct PrepareProgress {
  const char* phase;  // "index" or "write"
  std::int64_t done;
  std::int64_t total;
  const char* unit;  // "archives" or "games"
};

struct PrepareReport {
  std::int64_t records = 0;          // SGF files read in the index pass
  std::int64_t usable_games = 0;
  std::int64_t filtered_games = 0;   // wrong size, handicap, rank, no moves
  std::int64_t malformed_files = 0;  // SGF that does not parse
  std::int64_t illegal_games = 0;    // a move the rules forbid
  std::int64_t train_games = 0, test_games = 0;
  std::int64_t train_rows = 0, test_rows = 0;
  std::int64_t pass_moves_skipped = 0;  // passes, for encoders without a pass label
  std::vector<std::string> warnings;    // the first few problems, for the user
  std::string train_path, test_path;
  double index_seconds = 0, write_seconds = 0;
};

PrepareReport prepare_dataset(const PrepareOptions& options,
                              const std::function<void(const PrepareProgress&)>& progress = nullptr);

}  // namespace dlgo::dataset
