#include "net/rl/self_play.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <mutex>
#include <numeric>
#include <stdexcept>
#include <thread>

#include "engine/agents/agent_factory.h"
#include "engine/agents/game_player.h"
#include "engine/dead_stones/adjudication.h"
#include "engine/files/atomic_text_file.h"
#include "engine/sgf/sgf_writer.h"
#include "net/agent_files.h"
#include "net/agents/move_choice.h"
#include "net/model.h"

namespace dlgo::net {

namespace {

bool is_builtin(const std::string& spec) {
  for (const auto& name : builtin_agent_names()) {
    if (name == spec) return true;
  }
  return false;
}

// The per-game view of a player: the agent's own player for this game (zero keeps its tree).
struct GameSide {
  const SelfPlayer* player = nullptr;
  std::unique_ptr<GamePlayer> game;
  bool record = false;
};

// Rows of one game, before the outcome is known.
struct GameRows {
  Experience rows;
  std::vector<Color> movers;
  std::vector<float> values;  // the mover's value estimate, 0 where none
};

void record_decision(GameRows& game, const GameSide& side, const GameState& state,
                     const MoveDecision& decision) {
  const Model& model = *side.player->model;
  const Encoder& encoder = model.encoder();
  if (decision.move.is_resign()) return;
  if (decision.move.is_pass() && !encoder.predicts_pass()) return;
  // Search players (zero) give the root's visit counts as the target of searched decisions.
  const std::vector<int>& visits = side.game->root_visit_counts();
  const bool searched = !visits.empty();
  // A pass made by the pass rule (no policy consulted, no diagnostics) is not the policy's choice.
  if (decision.move.is_pass() && !searched && decision.diagnostics.top_moves.empty()) return;
  // A pass the pass rule chose before searching counts one visit; as a policy target it would
  // teach "pass" with full confidence, so only searched decisions are recorded.
  if (searched && std::accumulate(visits.begin(), visits.end(), 0) < 2) return;
  const int label = encoder.encode_move(decision.move);
  Experience& rows = game.rows;
  const size_t offset = rows.states.size();
  rows.states.resize(offset + model.input_size());
  model.encode_input(state, rows.states.data() + offset);
  rows.actions.push_back(label);
  if (searched) {
    rows.visit_counts.insert(rows.visit_counts.end(), visits.begin(), visits.end());
  } else {
    // The points the policy sampled among (first_playable's rule), so pg/ac train the
    // distribution that was actually played from, not one spread over occupied points.
    const size_t mask_offset = rows.move_masks.size();
    rows.move_masks.resize(mask_offset + static_cast<size_t>(encoder.num_moves()), 0);
    std::uint8_t* mask = rows.move_masks.data() + mask_offset;
    for (int label = 0; label < encoder.num_points(); ++label) {
      mask[label] = is_playable_point(state, encoder.decode_point(label)) ? 1 : 0;
    }
    mask[label] = 1;  // a pass taken for want of playable points
  }
  game.movers.push_back(state.next_player());
  game.values.push_back(decision.diagnostics.value ? static_cast<float>(*decision.diagnostics.value)
                                                   : 0.0f);
}

Experience empty_experience(const Model& model) {
  Experience e;
  e.encoder = model.metadata().encoder;
  e.board_width = model.encoder().width();
  e.board_height = model.encoder().height();
  e.channels = model.encoder().num_input_channels();
  e.action_space = model.encoder().num_moves();
  return e;
}

// Both players can play this board, the first one records only if it has a network, and
// there is work to do.
void check_settings(const SelfPlayer& first, const SelfPlayer* second,
                    const SelfPlaySettings& settings) {
  const BoardSize size{settings.board_size, settings.board_size};
  for (const SelfPlayer* player : {&first, second}) {
    if (!player) continue;
    if (!player->plays_on(size)) {
      throw std::runtime_error(player->spec + " cannot play on " +
                               std::to_string(settings.board_size) + "x" +
                               std::to_string(settings.board_size));
    }
  }
  if (settings.record && !first.model) {
    throw std::runtime_error(first.spec +
                             ": experience needs a network agent (an agent file), not '" +
                             first.spec + "'");
  }
  if (settings.num_games < 1 || settings.workers < 1) {
    throw std::runtime_error("self-play needs at least one game and one worker");
  }
}

// Plays one game from the empty board until it is over or `max_moves` are played, recording
// the decisions of the sides that record. Returns the final position; `moves` is set.
GameState play_game(GameSide& black, GameSide& white, const SelfPlaySettings& settings,
                    int max_moves, GameRows& rows, int& moves) {
  Rules rules;
  rules.komi = settings.komi;
  GameState state = GameState::new_game(settings.board_size, rules);
  moves = 0;
  while (!state.is_over() && moves < max_moves) {
    GameSide& side = state.next_player() == Color::kBlack ? black : white;
    MoveDecision decision = side.game->select_move(state);
    if (side.record) record_decision(rows, side, state, decision);
    state.play(decision.move);
    ++moves;
  }
  return state;
}

// The game's outcome on its recorded decisions: reward +1 for the winner's moves, -1 for the
// loser's, 0 for all after a draw; advantage is the reward minus the mover's own estimate.
void score_decisions(GameRows& rows, Color winner, int index) {
  Experience& experience = rows.rows;
  experience.games.assign(experience.actions.size(), index);
  for (size_t i = 0; i < rows.movers.size(); ++i) {
    const float reward = winner == Color::kEmpty ? 0.0f : (rows.movers[i] == winner ? 1.0f : -1.0f);
    experience.rewards.push_back(reward);
    experience.advantages.push_back(reward - rows.values[i]);
  }
}

// game_NNNN.sgf in the SGF folder, numbered from 1.
void write_game_sgf_file(const std::string& sgf_dir, int index, const GameState& state,
                         const GameResult& outcome, const GameSide& black, const GameSide& white) {
  GameInfo info;
  info.black_player = black.player->spec;
  info.white_player = white.player->spec;
  info.result = outcome.to_string();
  char name[32];
  std::snprintf(name, sizeof name, "game_%04d.sgf", index + 1);
  const std::string path = (std::filesystem::path(sgf_dir) / name).string();
  write_text_atomically(path, write_game_sgf(state, info));
}

// Runs `play` on `workers` threads, the calling thread one of them. A failure (in `play`, which
// records it in `failure` under `mutex`, or in starting a thread) is rethrown once all stopped.
void run_on_workers(int workers, const std::function<void()>& play, std::mutex& mutex,
                    std::exception_ptr& failure) {
  std::vector<std::thread> threads;
  try {
    for (int i = 1; i < workers; ++i) threads.emplace_back(play);
  } catch (...) {  // no more threads: stop the started ones cleanly, then report
    {
      std::lock_guard<std::mutex> lock(mutex);
      if (!failure) failure = std::current_exception();
    }
    for (auto& thread : threads) thread.join();
    std::rethrow_exception(failure);
  }
  play();
  for (auto& thread : threads) thread.join();
  if (failure) std::rethrow_exception(failure);
}

// The games' experience joined in game order, and the wins and draws counted.
void collect_results(std::vector<GameRows>& per_game, const SelfPlayer& first,
                     const SelfPlaySettings& settings, SelfPlayResult& result) {
  if (settings.record) result.experience = empty_experience(*first.model);
  for (int index = 0; index < settings.num_games; ++index) {
    if (settings.record) {
      // Game numbers are the game indices (append() would renumber them).
      Experience& rows = per_game[index].rows;
      Experience& all = result.experience;
      all.states.insert(all.states.end(), rows.states.begin(), rows.states.end());
      all.actions.insert(all.actions.end(), rows.actions.begin(), rows.actions.end());
      all.rewards.insert(all.rewards.end(), rows.rewards.begin(), rows.rewards.end());
      all.advantages.insert(all.advantages.end(), rows.advantages.begin(), rows.advantages.end());
      all.visit_counts.insert(all.visit_counts.end(), rows.visit_counts.begin(),
                              rows.visit_counts.end());
      all.move_masks.insert(all.move_masks.end(), rows.move_masks.begin(), rows.move_masks.end());
      all.games.insert(all.games.end(), rows.games.begin(), rows.games.end());
    }
    const SelfPlayGame& game = result.games[index];
    if (game.winner == Color::kEmpty) {
      ++result.draws;
    } else if (game.winner == game.first_player_color) {
      ++result.first_wins;
    } else {
      ++result.second_wins;
    }
  }
}

}  // namespace

SelfPlayer load_self_player(const std::string& spec, const SelfPlayerOptions& options) {
  SelfPlayer player;
  player.spec = spec;
  player.options = options;
  AgentOptions agent_options;
  agent_options.seed = options.seed;
  agent_options.temperature = options.temperature;
  agent_options.rounds = options.zero_rounds;
  agent_options.root_noise = options.zero_noise;
  agent_options.sampled_opening_moves = options.zero_temperature_moves;
  agent_options.search_threads = options.search_threads;
  agent_options.resign = false;  // every game is played out
  if (is_builtin(spec)) {
    player.agent = make_agent(spec, agent_options);
    return player;
  }
  LoadedAgent loaded = load_agent_and_model(spec, agent_options);
  player.agent = std::move(loaded.agent);
  player.model = std::move(loaded.model);
  return player;
}

bool SelfPlayer::plays_on(BoardSize size) const {
  return agent->supports(size);
}

SelfPlayResult run_self_play(const SelfPlayer& first, const SelfPlayer* second,
                             const SelfPlaySettings& settings,
                             const std::function<void(int, int)>& progress) {
  check_settings(first, second, settings);
  if (!settings.sgf_dir.empty()) std::filesystem::create_directories(settings.sgf_dir);
  const BoardSize size{settings.board_size, settings.board_size};
  const int max_moves = settings.max_moves > 0 ? settings.max_moves : 3 * size.num_points();
  std::vector<GameRows> per_game(settings.num_games);
  SelfPlayResult result;
  result.games.resize(settings.num_games);
  std::atomic<int> next_game{0};
  std::mutex report_mutex;
  int done = 0;
  std::exception_ptr failure;
  const auto start = std::chrono::steady_clock::now();

  auto play_games = [&]() {
    for (;;) {
      const int index = next_game.fetch_add(1);
      if (index >= settings.num_games) return;
      {
        std::lock_guard<std::mutex> lock(report_mutex);
        if (failure) return;
      }
      try {
        const bool first_is_black = second == nullptr || index % 2 == 0;
        GameSide black, white;
        black.player = first_is_black ? &first : second;
        white.player = first_is_black ? second : &first;
        if (!second) white.player = &first;
        black.record = settings.record && (second == nullptr || first_is_black);
        white.record = settings.record && (second == nullptr || !first_is_black);
        int side_number = 0;
        for (GameSide* side : {&black, &white}) {
          const std::uint64_t seed =
              side->player->options.seed * 1000003ULL + index * 2ULL + side_number++;
          side->game = side->player->agent->new_game_player(seed);
        }
        GameRows& rows = per_game[index];
        if (settings.record) rows.rows = empty_experience(*first.model);
        SelfPlayGame& game = result.games[index];
        const GameState state = play_game(black, white, settings, max_moves, rows, game.moves);
        // As a referee counts, with the dead stones taken off: the agents pass by that count
        // (engine/agents/pass_policy.h), and a game cut off at the move limit is unfinished.
        const GameResult outcome = adjudicate(state);
        score_decisions(rows, outcome.winner(), index);
        game.index = index;
        game.first_player_color = first_is_black ? Color::kBlack : Color::kWhite;
        game.winner = outcome.winner();
        game.result = outcome.to_string();
        if (!settings.sgf_dir.empty()) {
          write_game_sgf_file(settings.sgf_dir, index, state, outcome, black, white);
        }
        std::lock_guard<std::mutex> lock(report_mutex);
        ++done;
        if (progress) progress(done, settings.num_games);
      } catch (...) {
        std::lock_guard<std::mutex> lock(report_mutex);
        if (!failure) failure = std::current_exception();
        return;
      }
    }
  };
  run_on_workers(std::min(settings.workers, settings.num_games), play_games, report_mutex, failure);
  collect_results(per_game, first, settings, result);
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace dlgo::net
