// A GTP version 2 engine around any Agent: what dlgo-gtp speaks to GNU Go, GoGui, Sabaki and
// gtp2ogs. Commands and their answers are listed in docs/gtp.md.
//
// The engine reads one line at a time (handle_line) and writes complete responses to a
// GtpOutput. `lz-analyze` is the exception: its response stays open while a worker thread
// streams `info` lines into the same output, and the next command line closes it (handle_line
// stops the analysis and writes the terminating empty line before it handles that command).
// Any input line gives a response or, if it is empty or a comment, none: errors in commands are
// '?' responses, never exceptions.
//
// Time: after time_settings / kgs-time_settings, genmove spends a share of the time left
// (engine/agents/time_control.h), through the game's ClockedPlayer: agents that search for a
// time get the seconds, agents that search a number of visits as many as their measured speed
// fits (at most `max_timed_rounds`); agents without a search are not affected.
//
// Contract: a GtpEngine belongs to one controller thread (handle_line is not re-entrant). The
// output must accept writes from the analysis thread while handle_line waits for the next line.
// The agent is shared: the engine only calls its const select_move and set_seed.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "engine/agents/agent.h"
#include "engine/agents/agent_factory.h"
#include "engine/agents/clocked_player.h"
#include "engine/dead_stones/final_status.h"
#include "engine/gtp/analysis.h"
#include "engine/gtp/gtp_command.h"
#include "engine/gtp/gtp_game.h"

namespace dlgo {

// Where responses go. write() must be safe to call from two threads (the controller thread and
// the analysis thread); each call is one piece of text written whole.
class GtpOutput {
 public:
  virtual ~GtpOutput() = default;
  virtual void write(std::string_view text) = 0;
};

// An output to a std::ostream, flushed after every write.
class StreamOutput : public GtpOutput {
 public:
  explicit StreamOutput(std::ostream& stream) : stream_(stream) {}
  void write(std::string_view text) override;

 private:
  std::mutex mutex_;
  std::ostream& stream_;
};

// An output collected in memory (tests, execute()).
class StringOutput : public GtpOutput {
 public:
  void write(std::string_view text) override;
  std::string take();

 private:
  std::mutex mutex_;
  std::string text_;
};

struct GtpEngineOptions {
  std::string name = "dlgo";
  int board_size = 19;
  Rules rules;                  // komi, ko rule, suicide
  std::uint64_t seed = 0x5EED;  // seeds what the game's player draws for itself
  // The most visits a move timed by the clock gets (agents that search a number of visits).
  int max_timed_rounds = 100000;
  // loadsgf and printsgf with a file name touch the file system; off for untrusted input.
  bool allow_files = true;
  // Playouts of the dead-stone estimate (final_status_list, final_score); the default is the
  // server's /score, so both give the same answer for the same position.
  int dead_stone_playouts = DeadStoneOptions{}.playouts;
  // Per-move diagnostics (move, visits, win rate, time, PV) go here when set (e.g. stderr).
  std::ostream* log = nullptr;
};

class GtpEngine {
 public:
  GtpEngine(std::shared_ptr<Agent> agent, GtpEngineOptions options);
  ~GtpEngine();

  // Handles one input line (see above).
  void handle_line(std::string_view line, GtpOutput& out);
  // Ends a running lz-analyze and closes its response; does nothing otherwise.
  void stop_analysis();
  bool analysing() const { return analysis_ != nullptr; }
  bool quit_requested() const { return quit_; }

  // One line in, its response out; an lz-analyze is stopped at once (for tests and tools).
  std::string execute(std::string_view line);

  const GtpGame& game() const { return game_; }
  std::vector<std::string> command_names() const;

 private:
  // A handler returns the success text or throws GtpFailure with the error message.
  using Handler = std::string (GtpEngine::*)(const GtpCommand&);
  void register_commands();

  // Board and setup (gtp_engine.cpp).
  std::string cmd_protocol_version(const GtpCommand&);
  std::string cmd_name(const GtpCommand&);
  std::string cmd_version(const GtpCommand&);
  std::string cmd_known_command(const GtpCommand&);
  std::string cmd_list_commands(const GtpCommand&);
  std::string cmd_quit(const GtpCommand&);
  std::string cmd_boardsize(const GtpCommand&);
  std::string cmd_clear_board(const GtpCommand&);
  std::string cmd_komi(const GtpCommand&);
  std::string cmd_play(const GtpCommand&);
  std::string cmd_undo(const GtpCommand&);
  std::string cmd_showboard(const GtpCommand&);
  std::string cmd_fixed_handicap(const GtpCommand&);
  std::string cmd_place_free_handicap(const GtpCommand&);
  std::string cmd_set_free_handicap(const GtpCommand&);
  std::string cmd_is_legal(const GtpCommand&);
  std::string cmd_list_stones(const GtpCommand&);
  std::string cmd_captures(const GtpCommand&);
  std::string cmd_loadsgf(const GtpCommand&);
  std::string cmd_printsgf(const GtpCommand&);
  // Moves, time, scoring and analysis (gtp_engine_play.cpp).
  std::string cmd_genmove(const GtpCommand&);
  std::string cmd_genmove_cleanup(const GtpCommand&);
  std::string cmd_time_settings(const GtpCommand&);
  std::string cmd_kgs_time_settings(const GtpCommand&);
  std::string cmd_time_left(const GtpCommand&);
  std::string cmd_kgs_game_over(const GtpCommand&);
  std::string cmd_final_score(const GtpCommand&);
  std::string cmd_final_status_list(const GtpCommand&);

  std::string generate_move(const GtpCommand& command, bool cleanup);
  void start_analysis(const GtpCommand& command, GtpOutput& out);
  FinalStatus final_status() const;
  void reset_clocks();

  std::shared_ptr<Agent> agent_;
  // agent_'s player for the game on the board, made at the first genmove (zero keeps its tree
  // for as long as the positions continue each other).
  std::unique_ptr<ClockedPlayer> player_;
  GtpEngineOptions options_;
  GtpGame game_;
  std::map<std::string, Handler, std::less<>> handlers_;
  std::vector<std::string> command_order_;
  bool quit_ = false;

  TimeControl time_control_;
  ClockReading clocks_[2];

  std::unique_ptr<AnalysisRunner> analysis_;
  GtpOutput* analysis_out_ = nullptr;
};

}  // namespace dlgo
