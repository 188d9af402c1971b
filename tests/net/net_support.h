// Small datasets for the net tests: random 9x9 games, every position encoded, written with
// the same DatasetWriter `dlgo-data prepare` uses.
#pragma once

#include <string>

namespace dlgo::testing {

// Writes PREFIX.train.h5 and PREFIX.test.h5 with `train_games` and `test_games` random games;
// each row's outcome is the game's area-scored result (with `komi`) for its player to move.
void write_random_dataset(const std::string& prefix, const std::string& encoder, int board_size,
                          int train_games, int test_games, unsigned seed, double komi = 7.5);

std::string make_temp_directory(const std::string& stem);

// The device the test cases tagged [device] train and play on: DLGO_TEST_DEVICE when set
// (tools/gpu/check runs them with "cuda"), else "cpu".
std::string test_device();

}  // namespace dlgo::testing
