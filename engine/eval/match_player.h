// The players of a refereed game: our own agents, or external programs spoken to over GTP.
//
// A player spec is what a user types: a bot name ("random", "mcts"), an agent file, or
// "gtp:<command line>" for an external engine (e.g. "gtp:gnugo --mode gtp --level 10").
//
// Contract: a MatchPlayer plays one game at a time from one thread. Agent players share their
// Agent (thread-safe by the Agent contract); every GTP player runs its own engine process, so
// a match with several workers starts one process per worker and side. Failures of an external
// engine (it died, hung, answered outside the protocol, refused a legal move of its opponent)
// throw PlayerError naming the engine and what went wrong. An illegal move is not thrown: the
// referee sees it and forfeits the game.
#pragma once

#include <functional>
#include <memory>
#include <stdexcept>
#include <string>

#include "engine/agents/agent.h"
#include "engine/agents/agent_factory.h"
#include "engine/agents/game_player.h"
#include "engine/gtp/gtp_client.h"

namespace dlgo {

class PlayerError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class MatchPlayer {
 public:
  virtual ~MatchPlayer() = default;
  // A short name for reports and SGF (PB/PW).
  virtual std::string name() const = 0;
  virtual void new_game(BoardSize size, double komi) = 0;
  // The move for the player to move in `state`; may be a resignation.
  virtual Move select_move(const GameState& state) = 0;
  // The opponent's move, already played into the referee's state.
  virtual void opponent_played(Color color, Move move) = 0;
};

class AgentPlayer : public MatchPlayer {
 public:
  AgentPlayer(std::shared_ptr<const Agent> agent, std::string name)
      : agent_(std::move(agent)), name_(std::move(name)) {}
  std::string name() const override { return name_; }
  void new_game(BoardSize size, double komi) override;
  Move select_move(const GameState& state) override;
  void opponent_played(Color, Move) override {}

 private:
  std::shared_ptr<const Agent> agent_;
  std::string name_;
  std::unique_ptr<GamePlayer> game_;  // this game's player (zero keeps its tree)
};

class GtpPlayer : public MatchPlayer {
 public:
  // `command_line` without the "gtp:" prefix. Starts the engine and asks its name.
  GtpPlayer(const std::string& command_line, GtpClientOptions options = {});
  std::string name() const override { return name_; }
  void new_game(BoardSize size, double komi) override;
  // Throws PlayerError for an answer that is not a vertex, pass or resign.
  Move select_move(const GameState& state) override;
  void opponent_played(Color color, Move move) override;

 private:
  std::string ask(const std::string& command);

  GtpClient client_;
  std::string name_;
  BoardSize size_;
};

// Makes players for one spec; make() is called once per worker. Agents are created once, in the
// constructor (so a bad spec fails before any game starts), with `options`.
class PlayerFactory {
 public:
  PlayerFactory(const std::string& spec, const AgentOptions& options,
                GtpClientOptions gtp_options = {});
  std::unique_ptr<MatchPlayer> make() const;
  // The spec's short name: the bot name, the file name, or the engine's program name.
  const std::string& label() const { return label_; }
  const std::string& spec() const { return spec_; }
  bool is_external() const { return !agent_; }
  // Whether its agent plays on this board; an external engine is taken to (new_game asks it).
  bool supports(BoardSize size) const { return !agent_ || agent_->supports(size); }

 private:
  std::string spec_;
  std::string label_;
  std::shared_ptr<const Agent> agent_;
  GtpClientOptions gtp_options_;
};

}  // namespace dlgo
