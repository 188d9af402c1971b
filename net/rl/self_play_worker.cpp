#include "net/rl/self_play_worker.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <optional>
#include <thread>

#include "engine/dataset/experience_file.h"
#include "engine/dataset/experience_shards.h"
#include "net/rl/published_agent.h"
#include "net/rl/self_play.h"

namespace dlgo::net {

namespace fs = std::filesystem;

namespace {

// Sleeps about `seconds`, waking early when a stop is requested.
void wait_a_while(double seconds, const std::function<bool()>& stop_requested) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < until && !stop_requested()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

// The worker's state between batches: the agent it plays and the games it holds.
struct Worker {
  Worker(const SelfPlayWorkerOptions& worker_options,
         const std::function<void(const std::string&)>& worker_log)
      : options(worker_options),
        log(worker_log),
        shards((fs::path(worker_options.work_dir) / "shards").string()) {}

  const SelfPlayWorkerOptions& options;
  const std::function<void(const std::string&)>& log;
  ShardFolder shards;
  SelfPlayWorkerResult result;
  std::optional<PublishedAgent> notice;  // the generation loaded, when one is
  std::optional<SelfPlayer> player;
  Experience held;  // games of the loaded generation not yet published
  int held_games = 0;
  int batches = 0;

  void say(const std::string& line) const {
    if (log) log(line);
  }

  void drop_held(const std::string& why) {
    if (held_games > 0) {
      say("dropped " + std::to_string(held_games) + " game(s) of generation " +
          std::to_string(notice->generation) + ": " + why);
      result.dropped_games += held_games;
    }
    held = Experience{};
    held_games = 0;
  }

  void load(const PublishedAgent& published) {
    if (notice) drop_held("the loop now plays generation " + std::to_string(published.generation));
    SelfPlayerOptions player_options = published.player;
    // The agent draws its moves from this seed and a call counter: a new one per generation, so
    // the next agent does not replay the last one's random choices.
    player_options.seed =
        options.seed * 1000003ULL + static_cast<std::uint64_t>(published.generation) + 1;
    const std::string agent_path = (fs::path(options.work_dir) / published.agent).string();
    player = load_self_player(agent_path, player_options);
    notice = published;
    ++result.generations;
    say("playing generation " + std::to_string(published.generation) + " (" + published.agent +
        ")");
  }

  // Whether the shards the loop has not claimed yet hold a round's games of `published`'s
  // generation (counted at this worker's shard size): more would only wait, and go stale when
  // the loop promotes.
  bool backlog_full(const PublishedAgent& published) const {
    if (published.games_per_round <= 0) return false;
    int waiting = 0;
    for (const ShardFile& shard : shards.ready()) {
      waiting += shard.name.generation == published.generation;
    }
    return static_cast<std::int64_t>(waiting) * options.games_per_shard >=
           published.games_per_round;
  }

  void play_batch() {
    const int games = std::min(options.games_at_once, options.games_per_shard - held_games);
    SelfPlaySettings settings;
    settings.board_size = notice->board_size;
    settings.komi = notice->komi;
    settings.max_moves = notice->max_moves;
    settings.num_games = games;
    settings.workers = games;
    // Each batch its own games: the per-game seeds derive from the player's seed.
    player->options.seed = options.seed * 1000003ULL + static_cast<std::uint64_t>(++batches);
    SelfPlayResult played = run_self_play(*player, nullptr, settings);
    held.append(played.experience);
    held_games += games;
  }

  // Writes the held games as the next shard, if the loop still plays their generation.
  void publish_held(const std::optional<PublishedAgent>& current) {
    if (held_games == 0) return;
    if (!current || current->finished || current->generation != notice->generation) {
      drop_held("the loop moved on before the shard was full");
      return;
    }
    const ShardName name{notice->generation, result.worker_id, result.shards + 1};
    const std::string path = (fs::path(shards.path()) / shard_file_name(name)).string();
    write_experience_file(path, held);  // NAME.partial, renamed when complete
    ++result.shards;
    result.games += held_games;
    say("wrote " + fs::path(path).filename().string() + ": " + std::to_string(held_games) +
        " games, " + std::to_string(held.rows()) + " decisions");
    held = Experience{};
    held_games = 0;
  }
};

}  // namespace

SelfPlayWorkerResult run_self_play_worker(const SelfPlayWorkerOptions& options,
                                          const std::function<bool()>& stop_requested,
                                          const std::function<void(const std::string&)>& log) {
  if (options.games_per_shard < 1 || options.games_at_once < 1) {
    throw std::runtime_error("games per shard and games at once must be positive");
  }
  Worker worker(options, log);
  worker.result.worker_id = options.worker_id.empty() ? new_worker_id() : options.worker_id;
  shard_file_name({0, worker.result.worker_id, 0});  // a worker id unfit for a name fails here
  worker.say("worker " + worker.result.worker_id + " on " + options.work_dir);
  // Waits a poll interval, saying why when the reason is new.
  std::string waiting_for;
  auto wait = [&](const std::string& reason) {
    if (reason != waiting_for) worker.say(reason);
    waiting_for = reason;
    wait_a_while(options.poll_seconds, stop_requested);
  };
  while (!stop_requested()) {
    const std::optional<PublishedAgent> current = read_published_agent(options.work_dir);
    if (!current) {
      wait("waiting for a dlgo-rl loop to publish " + published_agent_path(options.work_dir));
      continue;
    }
    if (current->finished) {
      if (worker.notice) worker.drop_held("the loop has finished");
      if (options.exit_when_done) {
        worker.say("the loop has finished");
        return worker.result;
      }
      wait("the loop has finished; waiting for it to go on");
      continue;
    }
    if (worker.held_games == 0 && worker.backlog_full(*current)) {
      wait("waiting: the loop has a round's games to read");
      continue;
    }
    waiting_for.clear();
    if (!worker.notice || worker.notice->generation != current->generation) worker.load(*current);
    worker.play_batch();
    if (worker.held_games >= options.games_per_shard) {
      worker.publish_held(read_published_agent(options.work_dir));
      if (options.max_shards > 0 && worker.result.shards >= options.max_shards) {
        return worker.result;
      }
    }
  }
  if (worker.notice) worker.publish_held(read_published_agent(options.work_dir));
  worker.say("stopped");
  return worker.result;
}

}  // namespace dlgo::net
