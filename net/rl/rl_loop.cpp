#include "net/rl/rl_loop.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "engine/dataset/experience_shards.h"
#include "engine/eval/match.h"
#include "engine/eval/match_player.h"
#include "engine/eval/win_rate.h"
#include "engine/files/atomic_text_file.h"
#include "engine/files/file_commit.h"
#include "net/agent_file.h"
#include "net/rl/published_agent.h"
#include "net/rl/rl_progress_chart.h"

namespace dlgo::net {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string round_name(const char* folder, int round) {
  char name[48];
  std::snprintf(name, sizeof name, "%s/round_%03d.h5", folder, round);
  return name;
}

void copy_atomically(const fs::path& from, const fs::path& to) {
  const std::string partial = partial_path(to.string());
  std::error_code error;
  fs::copy_file(from, partial, fs::copy_options::overwrite_existing, error);
  if (error) {
    std::remove(partial.c_str());
    throw std::runtime_error(to.string() + ": cannot copy " + from.string() +
                             " to it: " + error.message());
  }
  commit_file(partial, to.string());
}

json record_to_json(const RlRoundRecord& r) {
  return {{"round", r.round},       {"games", r.games},
          {"rows", r.rows},         {"train_loss", r.train_loss},
          {"win_rate", r.win_rate}, {"low", r.low},
          {"high", r.high},         {"promoted", r.promoted},
          {"best_elo", r.best_elo}, {"reference_win_rate", r.reference_win_rate},
          {"seconds", r.seconds}};
}

RlRoundRecord record_from_json(const json& j) {
  RlRoundRecord r;
  r.round = j.at("round");
  r.games = j.at("games");
  r.rows = j.at("rows");
  r.train_loss = j.at("train_loss");
  r.win_rate = j.at("win_rate");
  r.low = j.at("low");
  r.high = j.at("high");
  r.promoted = j.at("promoted");
  r.best_elo = j.at("best_elo");
  r.reference_win_rate = j.at("reference_win_rate");
  r.seconds = j.at("seconds");
  return r;
}

// Crash-consistency tests kill the loop at exact step boundaries: with DLGO_RL_TEST_EXIT_AFTER
// set to selfplay, train, evaluate or state, the process exits at once (like a kill -9) after
// that step of the next round.
void stop_here_for_tests(const char* step) {
  static const char* wanted = std::getenv("DLGO_RL_TEST_EXIT_AFTER");
  if (wanted && std::strcmp(wanted, step) == 0) std::_Exit(3);
}

std::string learner_name(RlLearner learner) {
  return learner == RlLearner::kContinue ? "continue" : "best";
}

struct LoopState {
  int best_round = 0;     // the round whose candidate is the best (0: the initial agent)
  int learner_round = 0;  // the round whose candidate plays and trains next (continue mode)
  std::string method;
  std::string learner;  // "best" or "continue"
  std::vector<RlRoundRecord> rounds;
};

void save_state(const fs::path& dir, const LoopState& state) {
  json j;
  j["format"] = "dlgo-rl";
  j["version"] = 1;
  j["method"] = state.method;
  j["learner"] = state.learner;
  j["best_round"] = state.best_round;
  j["learner_round"] = state.learner_round;
  j["rounds"] = json::array();
  for (const auto& r : state.rounds) j["rounds"].push_back(record_to_json(r));
  write_text_atomically((dir / "state.json").string(), j.dump(2) + "\n");
}

LoopState load_state(const fs::path& path) {
  std::ifstream file(path);
  LoopState state;
  try {
    json j = json::parse(file);
    if (j.at("format") != "dlgo-rl") throw std::runtime_error("not a dlgo-rl state file");
    state.method = j.at("method");
    state.learner = j.value("learner", "best");
    state.best_round = j.at("best_round");
    state.learner_round = j.value("learner_round", state.best_round);
    for (const auto& r : j.at("rounds")) state.rounds.push_back(record_from_json(r));
  } catch (const std::exception& error) {
    throw std::runtime_error(path.string() + ": cannot resume from it: " + error.what());
  }
  return state;
}

void write_metrics(const fs::path& dir, const std::vector<RlRoundRecord>& rounds, double gate) {
  std::ostringstream csv;
  csv << "round,games,rows,train_loss,win_rate_vs_best,low,high,promoted,best_elo,reference_win_"
         "rate,seconds\n";
  for (const auto& r : rounds) {
    csv << r.round << ',' << r.games << ',' << r.rows << ',' << r.train_loss << ',' << r.win_rate
        << ',' << r.low << ',' << r.high << ',' << (r.promoted ? 1 : 0) << ',' << r.best_elo << ','
        << r.reference_win_rate << ',' << r.seconds << '\n';
  }
  write_text_atomically((dir / "metrics.csv").string(), csv.str());
  write_text_atomically((dir / "progress.svg").string(), rl_progress_svg(rounds, gate));
}

// Score of factory 0 over a set of games: wins + draws / 2.
WinRateSummary play_match(const std::string& first, const std::string& second, int games,
                          const RlLoopOptions& options, std::uint64_t seed,
                          const std::string& sgf_dir) {
  AgentOptions agent_options;
  agent_options.seed = seed;
  // One search thread per game: the gate plays `workers` games at once on as many threads, and
  // a seeded one-thread search repeats itself.
  agent_options.search_threads = 1;
  agent_options.rounds = options.eval_rounds;
  agent_options.sampled_opening_moves = options.eval_sampled_opening_moves;
  PlayerFactory a(first, agent_options);
  agent_options.seed = seed + 1;
  PlayerFactory b(second, agent_options);
  MatchSettings settings;
  settings.board_size = options.board_size;
  settings.komi = options.komi;
  settings.workers = options.workers;
  settings.sgf_dir = sgf_dir;
  auto outcomes = run_games({&a, &b}, alternating_schedule(games), settings);
  int wins = 0, draws = 0, losses = 0;
  for (const auto& outcome : outcomes) {
    const int winner = outcome.winner_index();
    wins += winner == 0;
    losses += winner == 1;
    draws += winner < 0;
  }
  return summarize_win_rate(wins, draws, losses);
}

using LogLine = std::function<void(const std::string&)>;

// A new loop: the work dir must hold no earlier loop's files and the agent must suit the
// method and board; it becomes initial.h5 (and best.h5).
LoopState start_loop(const RlLoopOptions& options, const fs::path& dir, const LogLine& say) {
  const fs::path state_path = dir / "state.json";
  for (const char* folder : {"experience", "candidates"}) {
    if (!fs::is_empty(dir / folder)) {
      throw std::runtime_error((dir / folder).string() + " holds files of an earlier loop but " +
                               state_path.string() +
                               " is missing; use an empty work dir for a new loop");
    }
  }
  const AgentFileInfo info = read_agent_info(options.agent_path);  // fails early on a bad file
  check_agent_for_method(info, options.agent_path, options.train.method);
  if (options.train.method == "zero" && info.metadata.kind != AgentKind::kZero) {
    throw std::runtime_error(options.agent_path +
                             ": method zero learns from a zero agent's searches; this is a " +
                             std::string(agent_kind_name(info.metadata.kind)) + " agent");
  }
  if (info.metadata.board_width != options.board_size ||
      info.metadata.board_height != options.board_size) {
    throw std::runtime_error(
        options.agent_path + " is for " + std::to_string(info.metadata.board_width) + "x" +
        std::to_string(info.metadata.board_height) + ", not " + std::to_string(options.board_size) +
        "x" + std::to_string(options.board_size));
  }
  copy_atomically(options.agent_path, dir / "initial.h5");
  copy_atomically(dir / "initial.h5", dir / "best.h5");
  LoopState state;
  state.method = options.train.method;
  state.learner = learner_name(options.learner);
  save_state(dir, state);
  say("new loop: " + options.agent_path + " -> " + dir.string() + ", method " +
      options.train.method);
  return state;
}

// A loop already under way: its state, which must be for the same method and learner.
LoopState resume_loop(const RlLoopOptions& options, const fs::path& dir, const LogLine& say) {
  const fs::path state_path = dir / "state.json";
  LoopState state = load_state(state_path);
  if (state.method != options.train.method) {
    throw std::runtime_error(state_path.string() + ": this loop trains with --method " +
                             state.method + ", not " + options.train.method);
  }
  if (state.learner != learner_name(options.learner)) {
    throw std::runtime_error(state_path.string() + ": this loop's learner is " + state.learner +
                             ", not " + learner_name(options.learner));
  }
  if (!options.agent_path.empty() && fs::path(options.agent_path) != dir / "initial.h5") {
    say("note: resuming, so --agent " + options.agent_path +
        " is not used; the loop goes on from its own files");
  }
  say("resuming after round " + std::to_string(state.rounds.size()) + " (best: " +
      (state.best_round == 0 ? std::string("initial.h5")
                             : round_name("candidates", state.best_round)) +
      ")");
  return state;
}

// One loop under way: its folder, options and state, shared by the steps of a round.
struct Loop {
  const RlLoopOptions& options;
  fs::path dir;
  LoopState state;
  LogLine say;         // to log.txt and the console
  const LogLine& log;  // to the console only

  // Who plays and is trained: the best (default), or in continue mode the latest candidate.
  bool continuing() const { return options.learner == RlLearner::kContinue; }
  std::string agent_of_round(int round) const {
    return (round == 0 ? dir / "initial.h5" : dir / round_name("candidates", round)).string();
  }
  // The best is named by the state (initial.h5 or a candidate), so a kill between promoting and
  // saving the state cannot make a candidate the best by accident; best.h5 is a copy for users.
  std::string best_path() const { return agent_of_round(state.best_round); }
  std::string learner_path() const {
    return continuing() ? agent_of_round(state.learner_round) : best_path();
  }
  // The generation of remote self-play: the round whose candidate is the learner.
  int learner_round() const { return continuing() ? state.learner_round : state.best_round; }
};

// Tells remote workers which agent plays now (or that the loop is done).
void publish_learner(const Loop& loop, bool finished) {
  const RlLoopOptions& options = loop.options;
  PublishedAgent agent;
  agent.generation = loop.learner_round();
  agent.agent = agent.generation == 0 ? "initial.h5" : round_name("candidates", agent.generation);
  agent.board_size = options.board_size;
  agent.komi = options.komi;
  agent.player = options.player;
  agent.games_per_round = options.games_per_round;
  agent.finished = finished;
  publish_agent(loop.dir.string(), agent);
}

int count_games(const Experience& experience) {
  return static_cast<int>(std::set<int>(experience.games.begin(), experience.games.end()).size());
}

// 1. Self-play by the learner, unless a killed run already wrote this round's experience.
// Returns the number of games.
int self_play_round(const Loop& loop, int round) {
  const RlLoopOptions& options = loop.options;
  const fs::path experience_path = loop.dir / round_name("experience", round);
  if (fs::exists(experience_path)) return options.games_per_round;
  SelfPlayerOptions player_options = options.player;
  player_options.seed = options.player.seed * 7919 + round;
  SelfPlayer player = load_self_player(loop.learner_path(), player_options);
  SelfPlaySettings settings;
  settings.board_size = options.board_size;
  settings.komi = options.komi;
  settings.num_games = options.games_per_round;
  settings.workers = options.workers;
  int reported = 0;
  SelfPlayResult games = run_self_play(player, nullptr, settings, [&](int done, int total) {
    if (loop.log && done * 4 >= (reported + 1) * total && done < total) {  // console, quarterly
      reported = done * 4 / total;
      loop.log("round " + std::to_string(round) + ": self-play " + std::to_string(done) + "/" +
               std::to_string(total) + " games");
    }
  });
  write_experience_file(experience_path.string(), games.experience);
  loop.say("round " + std::to_string(round) + ": self-play " +
           std::to_string(options.games_per_round) + " games, " +
           std::to_string(games.experience.rows()) + " decisions in " +
           std::to_string(static_cast<int>(games.seconds)) + " s");
  return options.games_per_round;
}

// A claimed shard read and checked against the learner's encoder and board; false (and the
// shard moved to shards/bad/) when it cannot be used.
bool take_shard(const Loop& loop, int round, const ShardFolder& shards, const ShardFile& shard,
                const AgentMetadata& learner, Experience& round_experience, int& games) {
  try {
    Experience experience = read_experience_file(shard.path);
    if (experience.encoder != learner.encoder || experience.board_width != learner.board_width ||
        experience.board_height != learner.board_height) {
      throw std::runtime_error("encoder " + experience.encoder + " on " +
                               std::to_string(experience.board_width) + "x" +
                               std::to_string(experience.board_height) + ", the learner plays " +
                               learner.encoder + " on " + std::to_string(learner.board_width) +
                               "x" + std::to_string(learner.board_height));
    }
    if (round_experience.rows() > 0 && experience.rows() > 0 &&
        !round_experience.compatible(experience)) {
      throw std::runtime_error("its rows have another shape than the round's other shards");
    }
    games += count_games(experience);
    round_experience.append(experience);
    if (loop.log) {
      loop.log("round " + std::to_string(round) + ": shard " +
               fs::path(shard.path).filename().string() + ", " +
               std::to_string(count_games(experience)) + " games (" + std::to_string(games) + "/" +
               std::to_string(loop.options.games_per_round) + ")");
    }
    return true;
  } catch (const std::exception& error) {
    const std::string moved = shards.set_aside_bad(shard.path);
    loop.say("round " + std::to_string(round) + ": moved unusable shard to " + moved + ": " +
             error.what());
    return false;
  }
}

// 1'. Remote self-play: publish the learner, then claim shards of its generation until they
// hold the round's games. Shards claimed before a kill (in shards/used/round_RRR/) count.
int remote_self_play_round(const Loop& loop, int round) {
  const RlLoopOptions& options = loop.options;
  const fs::path experience_path = loop.dir / round_name("experience", round);
  if (fs::exists(experience_path)) {
    return count_games(read_experience_file(experience_path.string()));
  }
  const int generation = loop.learner_round();
  publish_learner(loop, false);
  const AgentMetadata learner = read_agent_info(loop.learner_path()).metadata;
  const ShardFolder shards((loop.dir / "shards").string());
  TemporarySweeper sweeper(shards.path(), std::chrono::seconds(options.partial_timeout_seconds));
  const std::string prefix = "round " + std::to_string(round) + ": ";
  const auto start = std::chrono::steady_clock::now();
  Experience experience;
  int games = 0, used = 0;
  std::set<std::string> workers;
  auto take = [&](const ShardFile& shard) {
    if (take_shard(loop, round, shards, shard, learner, experience, games)) {
      ++used;
      workers.insert(shard.name.worker);
    }
  };
  for (const ShardFile& shard : shards.claimed(round)) take(shard);
  bool said_waiting = false;
  while (games < options.games_per_round) {
    for (const ShardFile& stale : shards.drop_stale(generation)) {
      loop.say(prefix + "moved " + fs::path(stale.path).filename().string() + " to " +
               "shards/stale/: played by generation " + std::to_string(stale.name.generation) +
               ", the loop plays generation " + std::to_string(generation));
    }
    for (const ShardFile& shard : shards.ready()) {
      if (games >= options.games_per_round) break;
      if (shard.name.generation != generation) continue;  // arrived late: stale at the next look
      if (std::optional<std::string> claimed = shards.claim(shard, round)) {
        take({*claimed, shard.name});
      }
    }
    for (const std::string& removed : sweeper.sweep(std::chrono::steady_clock::now())) {
      loop.say(prefix + "removed " + removed + ", a temporary unchanged for " +
               std::to_string(options.partial_timeout_seconds) + " s (its writer was stopped)");
    }
    if (games >= options.games_per_round) break;
    if (!said_waiting && loop.log) {
      loop.log(prefix + "waiting for shards of generation " + std::to_string(generation) + " in " +
               shards.path() + " (dlgo-selfplay --worker --work-dir " + loop.dir.string() + ")");
    }
    said_waiting = true;
    std::this_thread::sleep_for(std::chrono::duration<double>(options.shard_poll_seconds));
  }
  write_experience_file(experience_path.string(), experience);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  loop.say(prefix + "self-play by " + std::to_string(workers.size()) + " worker(s), generation " +
           std::to_string(generation) + ": " + std::to_string(games) + " games in " +
           std::to_string(used) + " shard(s), " + std::to_string(experience.rows()) +
           " decisions in " + std::to_string(static_cast<int>(seconds)) + " s");
  return games;
}

// 2. Train a candidate from the learner on the window of experience since the best.
void train_candidate(const Loop& loop, int round, RlRoundRecord& record) {
  const RlLoopOptions& options = loop.options;
  std::vector<std::string> window;
  const int oldest = loop.continuing() ? 1 : loop.state.best_round + 1;
  for (int r = std::max(oldest, round - options.experience_window + 1); r <= round; ++r) {
    window.push_back((loop.dir / round_name("experience", r)).string());
  }
  ExperienceTrainOptions train = options.train;
  train.experience_paths = window;
  train.agent_path = loop.learner_path();
  train.out_path = loop.agent_of_round(round);
  train.seed = options.train.seed * 7919 + round;
  ExperienceTrainResult trained = train_from_experience(train);
  record.rows = trained.rows;
  record.train_loss = trained.epoch_losses.empty() ? 0.0 : trained.epoch_losses.back();
  loop.say("round " + std::to_string(round) + ": trained on " + std::to_string(window.size()) +
           " round(s), " + std::to_string(trained.rows) + " decisions, loss " +
           std::to_string(record.train_loss));
}

// 3. Evaluate the candidate against the best (and the reference agent, if any).
void evaluate_candidate(const Loop& loop, int round, RlRoundRecord& record) {
  const RlLoopOptions& options = loop.options;
  const std::string candidate = loop.agent_of_round(round);
  const std::uint64_t eval_seed = options.player.seed * 104729 + round;
  WinRateSummary versus_best =
      play_match(candidate, loop.best_path(), options.eval_games, options, eval_seed, "");
  record.win_rate = versus_best.win_rate;
  record.low = versus_best.interval.low;
  record.high = versus_best.interval.high;
  if (!options.reference.empty() && options.reference_games > 0) {
    record.reference_win_rate = play_match(candidate, options.reference, options.reference_games,
                                           options, eval_seed + 17, "")
                                    .win_rate;
  }
}

// 4. Promote only on a win. Returns the round's line for the log.
std::string promote_on_a_win(Loop& loop, int round, RlRoundRecord& record) {
  const RlLoopOptions& options = loop.options;
  record.promoted = record.win_rate >= options.promote_threshold;
  char line[160];
  std::snprintf(line, sizeof line, "round %d: candidate vs best %.1f%% [%.1f, %.1f] of %d games",
                round, 100 * record.win_rate, 100 * record.low, 100 * record.high,
                options.eval_games);
  std::string message = line;
  if (record.reference_win_rate >= 0) {
    std::snprintf(line, sizeof line, ", vs %s %.1f%% of %d", options.reference.c_str(),
                  100 * record.reference_win_rate, options.reference_games);
    message += line;
  }
  message += record.promoted ? " -> promoted" : " -> the best stays";
  if (record.promoted) {
    loop.state.best_round = round;
    record.best_elo += std::clamp(elo_from_win_rate(record.win_rate), -800.0, 800.0);
  }
  if (loop.continuing()) loop.state.learner_round = round;
  return message;
}

}  // namespace

RlLoopResult run_rl_loop(const RlLoopOptions& options, const LogLine& log) {
  if (options.rounds < 1 || options.games_per_round < 1 || options.eval_games < 1 ||
      options.experience_window < 1 || options.partial_timeout_seconds < 1 ||
      options.shard_poll_seconds <= 0) {
    throw std::runtime_error(
        "rounds, games per round, evaluation games, the experience window, the partial timeout "
        "and the shard poll interval must be positive");
  }
  const fs::path dir = options.work_dir;
  fs::create_directories(dir / "experience");
  fs::create_directories(dir / "candidates");
  std::ofstream log_file(dir / "log.txt", std::ios::app);
  auto say = [&](const std::string& line) {
    log_file << line << '\n' << std::flush;
    if (log) log(line);
  };
  Loop loop{options, dir, {}, say, log};
  loop.state = fs::exists(dir / "state.json") ? resume_loop(options, dir, say)
                                              : start_loop(options, dir, say);

  for (int round = static_cast<int>(loop.state.rounds.size()) + 1; round <= options.rounds;
       ++round) {
    const auto round_start = std::chrono::steady_clock::now();
    RlRoundRecord record;
    record.round = round;
    record.best_elo = loop.state.rounds.empty() ? 0.0 : loop.state.rounds.back().best_elo;
    record.games = options.remote_self_play ? remote_self_play_round(loop, round)
                                            : self_play_round(loop, round);
    stop_here_for_tests("selfplay");
    train_candidate(loop, round, record);
    stop_here_for_tests("train");
    evaluate_candidate(loop, round, record);
    stop_here_for_tests("evaluate");
    const std::string message = promote_on_a_win(loop, round, record);
    record.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - round_start).count();
    loop.state.rounds.push_back(record);
    save_state(dir, loop.state);
    stop_here_for_tests("state");
    copy_atomically(loop.best_path(), dir / "best.h5");
    write_metrics(dir, loop.state.rounds, options.promote_threshold);
    say(message);
  }
  // A kill between saving the state and refreshing these would leave them a round behind.
  copy_atomically(loop.best_path(), dir / "best.h5");
  write_metrics(dir, loop.state.rounds, options.promote_threshold);
  if (options.remote_self_play) publish_learner(loop, true);
  RlLoopResult result;
  result.rounds = loop.state.rounds;
  result.best_path = loop.best_path();
  return result;
}

}  // namespace dlgo::net
