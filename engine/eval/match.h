// The referee: plays games between players, keeps the only authoritative game state, and
// decides the results.
//
// A game ends after two passes in a row, a resignation, an illegal move (the mover forfeits:
// "B+F" / "W+F"), or the move cap (then it is scored as it stands). Scores are area scores after
// the dead stones are taken off: estimated by playouts (adjudication.h), or named by a referee
// engine (engine_referee.h). Every move is checked against the referee's
// rules before it reaches the other player, so two engines can never drift apart silently.
//
// Schedules: a match alternates colours (the first player is Black in even-numbered games); a
// round robin gives every pair the same number of games with colours as balanced as the count
// allows. Games run on `workers` threads; each worker makes its own players from the factories.
//
// An external engine that fails mid-game (it died, hung, or broke the protocol: GNU Go 3.8
// segfaults now and then) voids the game: the worker starts that game's players and referee
// afresh and replays it from the start, the same colours, at most `engine_restarts` times; each
// failure is recorded in the outcome's `engine_failures`.
//
// Contract: run_games() blocks until every game is done, or until a game fails more often than
// `engine_restarts` allows (a PlayerError): the games already finished are reported, the error
// is rethrown once the workers have stopped. on_game is called for each finished game, from the
// worker threads but never two at once.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "engine/dead_stones/adjudication.h"
#include "engine/eval/match_player.h"
#include "engine/game_state.h"

namespace dlgo {

struct MatchSettings {
  int board_size = 9;
  double komi = 7.5;
  int workers = 1;
  int max_moves = 0;    // 0: three times the number of points
  std::string sgf_dir;  // when set, one SGF file per game is written there
  DeadStoneOptions dead_stones;
  // A GTP engine command line (e.g. "gnugo --mode gtp --level 10") whose final_status_list
  // decides the dead stones instead of the Monte Carlo estimate; one process per worker.
  std::string referee;
  int engine_restarts = 2;  // replays of one game after an external engine failed
};

// One game to play: indices into the factories.
struct ScheduledGame {
  int index = 0;  // 0-based game number, also in the SGF file name
  int black = 0;
  int white = 1;
};

struct GameOutcome {
  ScheduledGame game;
  Color winner = Color::kEmpty;  // kEmpty: a draw
  std::string result;            // "B+3.5", "W+R", "B+F", "0"
  std::string note;              // why it ended when not by passes: forfeit reason, move cap
  int moves = 0;
  double seconds = 0;
  std::string sgf_path;
  // The engine failures that voided earlier attempts at this game, oldest first.
  std::vector<std::string> engine_failures;
  // Index of the winning factory, or -1 for a draw.
  int winner_index() const {
    return winner == Color::kBlack ? game.black : (winner == Color::kWhite ? game.white : -1);
  }
};

// Games 0..games-1 between factories 0 and 1, factory 0 Black in even games.
std::vector<ScheduledGame> alternating_schedule(int games);
// Every pair (i < j) of `players` plays `games_per_pair` games, colours alternating.
std::vector<ScheduledGame> round_robin_schedule(int players, int games_per_pair);

using GameCallback = std::function<void(const GameOutcome&)>;

std::vector<GameOutcome> run_games(const std::vector<const PlayerFactory*>& players,
                                   const std::vector<ScheduledGame>& schedule,
                                   const MatchSettings& settings, const GameCallback& on_game = {});

// Plays one game between two players (exposed for tests and tools); `referee`, when given,
// is the engine that names the dead stones.
GameOutcome play_game(MatchPlayer& black, MatchPlayer& white, const ScheduledGame& game,
                      const MatchSettings& settings, GtpClient* referee = nullptr);

}  // namespace dlgo
