#include "engine/eval/match.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <exception>
#include <mutex>
#include <thread>

#include "engine/eval/engine_referee.h"
#include "engine/files/atomic_text_file.h"
#include "engine/sgf/sgf_writer.h"

namespace dlgo {

namespace {

std::string sgf_file_name(const std::string& dir, int index) {
  char name[32];
  std::snprintf(name, sizeof name, "game_%04d.sgf", index + 1);
  return dir + (dir.empty() || dir.back() == '/' ? "" : "/") + name;
}

}  // namespace

std::vector<ScheduledGame> alternating_schedule(int games) {
  std::vector<ScheduledGame> schedule;
  for (int i = 0; i < games; ++i) {
    schedule.push_back(ScheduledGame{i, i % 2 == 0 ? 0 : 1, i % 2 == 0 ? 1 : 0});
  }
  return schedule;
}

std::vector<ScheduledGame> round_robin_schedule(int players, int games_per_pair) {
  std::vector<ScheduledGame> schedule;
  int index = 0;
  // Round by round, so that a run stopped early has touched every pair.
  for (int round = 0; round < games_per_pair; ++round) {
    for (int i = 0; i < players; ++i) {
      for (int j = i + 1; j < players; ++j) {
        bool i_black = round % 2 == 0;
        schedule.push_back(ScheduledGame{index++, i_black ? i : j, i_black ? j : i});
      }
    }
  }
  return schedule;
}

GameOutcome play_game(MatchPlayer& black, MatchPlayer& white, const ScheduledGame& game,
                      const MatchSettings& settings, GtpClient* referee) {
  auto start = std::chrono::steady_clock::now();
  const BoardSize size{settings.board_size, settings.board_size};
  Rules rules;
  rules.komi = settings.komi;
  GameState state(size, rules);
  const int max_moves = settings.max_moves > 0 ? settings.max_moves : 3 * size.num_points();
  black.new_game(size, settings.komi);
  white.new_game(size, settings.komi);

  GameOutcome outcome;
  outcome.game = game;
  while (!state.is_over()) {
    if (static_cast<int>(state.moves().size()) >= max_moves) {
      outcome.note = "move cap of " + std::to_string(max_moves) + " reached";
      break;
    }
    const Color mover = state.next_player();
    MatchPlayer& player = mover == Color::kBlack ? black : white;
    MatchPlayer& other = mover == Color::kBlack ? white : black;
    Move move = player.select_move(state);
    if (!state.is_legal(move)) {
      outcome.winner = opponent(mover);
      outcome.result = std::string(mover == Color::kBlack ? "W" : "B") + "+F";
      outcome.note = player.name() + " (" + std::string(color_name(mover)) +
                     ") forfeits with the illegal move " + move_to_gtp(size, move) + " at move " +
                     std::to_string(state.moves().size() + 1);
      break;
    }
    state.play(move);
    if (!move.is_resign()) other.opponent_played(mover, move);
  }
  if (outcome.result.empty()) {
    GameResult result = state.resigned() || !referee
                            ? adjudicate(state, settings.dead_stones)
                            : score_without(state, dead_stones_by_engine(*referee, state));
    outcome.winner = result.winner();
    outcome.result = result.to_string();
  }
  outcome.moves = static_cast<int>(state.moves().size());
  if (!settings.sgf_dir.empty()) {
    GameInfo info;
    info.black_player = black.name();
    info.white_player = white.name();
    info.result = outcome.result;
    info.rules = "Chinese";
    info.game_name = "game " + std::to_string(game.index + 1);
    outcome.sgf_path = sgf_file_name(settings.sgf_dir, game.index);
    write_text_atomically(outcome.sgf_path, write_game_sgf(state, info));
  }
  outcome.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return outcome;
}

std::vector<GameOutcome> run_games(const std::vector<const PlayerFactory*>& players,
                                   const std::vector<ScheduledGame>& schedule,
                                   const MatchSettings& settings, const GameCallback& on_game) {
  std::vector<GameOutcome> outcomes(schedule.size());
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::mutex mutex;  // guards outcomes, first_error and on_game calls
  std::exception_ptr first_error;

  auto worker = [&] {
    // This worker's players, made on first use.
    std::vector<std::unique_ptr<MatchPlayer>> own(players.size());
    std::unique_ptr<GtpClient> referee;
    auto start_referee = [&] {
      if (settings.referee.empty()) return;
      try {
        referee = std::make_unique<GtpClient>(split_command_line(settings.referee));
      } catch (const std::exception& error) {
        throw PlayerError(std::string("referee: ") + error.what());
      }
    };
    try {
      start_referee();
      while (!failed) {
        std::size_t i = next.fetch_add(1);
        if (i >= schedule.size()) break;
        const ScheduledGame& game = schedule[i];
        std::vector<std::string> engine_failures;
        GameOutcome outcome;
        while (true) {
          for (int who : {game.black, game.white}) {
            if (!own[who]) own[who] = players[who]->make();
          }
          try {
            outcome = play_game(*own[game.black], *own[game.white], game, settings, referee.get());
            break;
          } catch (const PlayerError& error) {
            if (static_cast<int>(engine_failures.size()) >= settings.engine_restarts || failed)
              throw;
            // The game is void: fresh players and referee (a dead engine's process is gone, a
            // confused one forgets the game), then the same game again from the start.
            engine_failures.push_back(error.what());
            for (int who : {game.black, game.white}) own[who].reset();
            referee.reset();
            start_referee();
          }
        }
        outcome.engine_failures = std::move(engine_failures);
        std::lock_guard<std::mutex> lock(mutex);
        outcomes[i] = outcome;
        if (on_game) on_game(outcome);
      }
    } catch (...) {
      std::lock_guard<std::mutex> lock(mutex);
      if (!first_error) first_error = std::current_exception();
      failed = true;
    }
  };
  const int workers =
      std::max(1, std::min<int>(settings.workers, static_cast<int>(schedule.size())));
  std::vector<std::thread> threads;
  for (int w = 1; w < workers; ++w) threads.emplace_back(worker);
  worker();
  for (std::thread& thread : threads) thread.join();
  if (first_error) std::rethrow_exception(first_error);
  return outcomes;
}

}  // namespace dlgo
