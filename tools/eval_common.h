// Options and reporting shared by the dlgo-eval subcommands.
//
// Contract: call from the main thread, except print_game_line (called under the match
// runner's lock).
#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "engine/agents/agent_factory.h"
#include "engine/eval/match.h"
#include "engine/gtp/gtp_client.h"

namespace dlgo::cli {

struct EvalOptions {
  MatchSettings settings;
  AgentOptions agent;
  std::uint64_t seed = 1;
  double move_timeout = 120;
  bool engine_stderr = false;
};

// --board-size, --komi, --workers, --sgf-dir, --max-moves, --mcts-rounds,
// --sampled-opening-moves, --seed,
// --move-timeout, --show-engine-stderr.
void add_eval_options(CLI::App& command, EvalOptions& options);

// Checks what CLI11 cannot (the SGF directory) and fills in derived settings; returns an error
// message or "".
std::string finish_eval_options(EvalOptions& options);

// Without --board-size on `command`: the board the players' agent files were trained for
// (default_board_side), else the usual default.
void default_board_size_to_players(const CLI::App& command, EvalOptions& options,
                                   const std::vector<const PlayerFactory*>& players);

GtpClientOptions gtp_options(const EvalOptions& options);

// The agent options for player `index`: its own seed, so two copies of one bot do not play the
// same random numbers.
AgentOptions agent_options_for(const EvalOptions& options, int index);

// "game 3/20: mcts (B) vs gnugo (W): W+12.5 after 57 moves, 4.2 s" (+ winner, note, file).
void print_game_line(const GameOutcome& outcome, int total, const std::vector<std::string>& names);

// Unique display names for the players ("mcts", "mcts#2", ...).
std::vector<std::string> display_names(const std::vector<const PlayerFactory*>& players);

// "+123", "-inf", "+inf".
std::string format_elo(double elo);

}  // namespace dlgo::cli
