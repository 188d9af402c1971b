#include "tools/bench_encode.h"

#include <time.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "engine/encoders/registry.h"
#include "engine/game_state.h"
#include "engine/playout.h"

namespace dlgo::bench {

namespace {

struct EncodeOptions {
  std::string encoder = "sevenplane";
  int board_size = 19;
  double seconds = 5.0;
  int threads = 1;
  std::uint64_t seed = 1;
};

struct ThreadTally {
  long long positions = 0;
  long long games = 0;
  double wall_encode_seconds = 0.0;  // summed over the timed encode calls
  double cpu_seconds_with_encoding = 0.0;
  double cpu_seconds_games_only = 0.0;
  std::uint64_t checksum = 0;  // keeps the encoded bytes observable
};

double thread_cpu_seconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + 1e-9 * static_cast<double>(now.tv_nsec);
}

// Plays one random game; with an encoder, encodes every position as a data pipeline meets
// it (the live state of a game being replayed, warm in cache).
void play_game(const BoardSize size, Rng& rng, const Encoder* encoder,
               std::vector<std::uint8_t>& planes, ThreadTally& tally) {
  GameState state(size);
  while (!state.is_over()) {
    if (encoder) {
      const auto begin = std::chrono::steady_clock::now();
      encoder->encode(state, planes.data());
      tally.wall_encode_seconds +=
          std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
      tally.checksum += planes[static_cast<std::size_t>(tally.positions) % planes.size()];
      ++tally.positions;
    }
    state.play_unchecked(select_random_move(state, rng));
  }
}

// Encodes random games until told to stop, then replays the same games without encoding, so
// that the encoder's share of the thread's CPU time is the difference. CPU time, unlike wall
// time, does not count the time a busy machine gives to other processes.
void run_thread(const EncodeOptions& options, const Encoder& encoder, int thread,
                const std::atomic<bool>& stop, ThreadTally& tally) {
  const BoardSize size{options.board_size, options.board_size};
  const std::uint64_t seed = options.seed * 1000003ull + static_cast<std::uint64_t>(thread);
  std::vector<std::uint8_t> planes(encoder.encoded_size());
  Rng rng(seed);
  double start = thread_cpu_seconds();
  while (!stop.load(std::memory_order_relaxed)) {
    play_game(size, rng, &encoder, planes, tally);
    ++tally.games;
  }
  tally.cpu_seconds_with_encoding = thread_cpu_seconds() - start;
  rng.reseed(seed);
  start = thread_cpu_seconds();
  for (long long game = 0; game < tally.games; ++game) {
    play_game(size, rng, nullptr, planes, tally);
  }
  tally.cpu_seconds_games_only = thread_cpu_seconds() - start;
}

void run_encode(const EncodeOptions& options) {
  const BoardSize size{options.board_size, options.board_size};
  auto encoder = make_encoder(options.encoder, size);
  std::atomic<bool> stop{false};
  std::vector<ThreadTally> tallies(static_cast<std::size_t>(options.threads));
  std::vector<std::thread> workers;
  const auto start = std::chrono::steady_clock::now();
  for (int t = 0; t < options.threads; ++t) {
    workers.emplace_back(
        [&, t] { run_thread(options, *encoder, t, stop, tallies[static_cast<std::size_t>(t)]); });
  }
  std::this_thread::sleep_for(std::chrono::duration<double>(options.seconds));
  stop = true;
  for (auto& worker : workers) worker.join();
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  ThreadTally total;
  for (const auto& tally : tallies) {
    total.positions += tally.positions;
    total.games += tally.games;
    total.wall_encode_seconds += tally.wall_encode_seconds;
    total.cpu_seconds_with_encoding += tally.cpu_seconds_with_encoding;
    total.cpu_seconds_games_only += tally.cpu_seconds_games_only;
    total.checksum += tally.checksum;
  }
  const double cpu_encode = total.cpu_seconds_with_encoding - total.cpu_seconds_games_only;
  auto per_second = [&](double seconds) { return seconds > 0 ? total.positions / seconds : 0.0; };
  std::printf("encode: %s, %dx%d, %d planes (%zu bytes/position), %d thread(s), %.2f s\n",
              options.encoder.c_str(), options.board_size, options.board_size,
              encoder->num_planes(), encoder->encoded_size(), options.threads, elapsed);
  std::printf("  games              %lld\n", total.games);
  std::printf("  positions          %lld\n", total.positions);
  std::printf("  positions/s        %.0f per thread (CPU time of encoding)\n",
              per_second(cpu_encode));
  std::printf("  ns/position        %.1f (CPU time)\n",
              total.positions ? cpu_encode * 1e9 / total.positions : 0.0);
  std::printf("  positions/s wall   %.0f per thread (timed calls; lower on a busy machine)\n",
              per_second(total.wall_encode_seconds));
  std::printf("  checksum           %llu\n", static_cast<unsigned long long>(total.checksum));
}

}  // namespace

void register_encode_benchmark(CLI::App& app) {
  static EncodeOptions options;
  CLI::App* command = app.add_subcommand(
      "encode", "Feature encoding of positions from random games (positions per second)");
  command->add_option("--encoder", options.encoder, "Encoder name")
      ->check(CLI::IsMember(encoder_names()))
      ->capture_default_str();
  command->add_option("--board-size", options.board_size, "Board side, 2..25")
      ->check(CLI::Range(2, 25))
      ->capture_default_str();
  command->add_option("--seconds", options.seconds, "How long to encode")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  command->add_option("--threads", options.threads, "Threads, each encoding its own games")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  command->add_option("--seed", options.seed, "Random seed")->capture_default_str();
  command->callback([] { run_encode(options); });
}

}  // namespace dlgo::bench
