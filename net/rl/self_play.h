// Self-play for reinforcement learning: games between one or two players, recording the
// recorded player's decisions as experience (experience_file.h) and optionally each game as SGF.
//
// A player is an agent file (or a built-in name such as `random`) loaded for self-play:
// pg/ac/q/value agents sample with the given temperature; zero agents search with Dirichlet
// noise at the root, sample their move from the visit counts during the first
// `zero_temperature_moves` moves, keep their tree between moves, and batch the leaves of every
// concurrent game through one evaluator. What is recorded for a move: the network input of the
// position, the move's label, the game's outcome for the mover (+1/-1/0), the advantage
// (outcome minus the agent's value estimate where it has one) and, for zero, the root's visit
// counts. Passes are recorded only where the encoder labels them; resignations never; for zero
// only searched decisions (a pass made by the pass rule without a search has no visit counts).
//
// Games are numbered 0..num_games-1 and handed to `workers` threads; the experience comes back
// in game order whatever the number of workers, so nothing is dropped or counted twice.
//
// Contract: run_self_play() blocks until every game is done; `progress` is called from worker
// threads, never two at once. Errors (a player for another board, a player that cannot be
// recorded) throw std::runtime_error before any game starts.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "engine/agents/agent.h"
#include "engine/dataset/experience_file.h"

namespace dlgo::net {

class Model;

struct SelfPlayerOptions {
  double temperature = 1.0;        // pg, ac, q, value: sampling temperature
  int zero_rounds = 100;           // zero, alphago: simulations per move
  double zero_noise = 0.25;        // zero: share of Dirichlet noise at the root
  int zero_temperature_moves = 8;  // zero: moves chosen in proportion to visits at the start
  int search_threads = 1;          // zero: threads per search
  std::uint64_t seed = 1;
};

// One loaded player. Shared by all worker threads; each game gets the agent's own player for
// that game (Agent::new_game_player(): zero keeps its tree, and all games batch their leaves
// through the agent's evaluator).
struct SelfPlayer {
  std::string spec;                    // the file or name it was made from
  std::shared_ptr<const Agent> agent;  // loaded with the self-play options below
  std::shared_ptr<const Model> model;  // network agents: encodes recorded positions
  SelfPlayerOptions options;

  // Whether it plays on a board of this size (a network only on its own).
  bool plays_on(BoardSize size) const;
};

SelfPlayer load_self_player(const std::string& spec, const SelfPlayerOptions& options);

struct SelfPlaySettings {
  int board_size = 9;
  double komi = 7.5;
  int num_games = 1;
  int workers = 1;
  int max_moves = 0;    // 0: three times the number of points; then the game is scored
  bool record = true;   // collect experience of the recorded player
  std::string sgf_dir;  // when set: game_NNNN.sgf per game
};

struct SelfPlayGame {
  int index = 0;
  Color first_player_color = Color::kBlack;  // the first player's colour in this game
  Color winner = Color::kEmpty;              // kEmpty: a draw
  std::string result;                        // "B+3.5", "W+R", ...
  int moves = 0;
};

struct SelfPlayResult {
  Experience experience;
  std::vector<SelfPlayGame> games;
  int first_wins = 0, second_wins = 0, draws = 0;  // by player (first = `first`)
  double seconds = 0;
};

// `second` null: `first` plays both colours and both sides are recorded. Otherwise `first`
// is Black in even-numbered games and only its moves are recorded.
SelfPlayResult run_self_play(const SelfPlayer& first, const SelfPlayer* second,
                             const SelfPlaySettings& settings,
                             const std::function<void(int done, int total)>& progress = {});

}  // namespace dlgo::net
