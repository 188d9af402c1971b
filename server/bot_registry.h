// The bots a server offers, by name: the agent, where it came from, and the play page that
// goes with it.
//
// Contract: filled once before the server starts (add()), then only read, which is safe from
// any thread. Agents are shared: Agent::select_move() is thread-safe (engine/agents/agent.h);
// each bot's game players are kept in its thread-safe GamePlayerCache.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/agents/agent.h"
#include "server/game_player_cache.h"

namespace dlgo::server {

struct Bot {
  std::string name;  // as in /select-move/<name>
  std::shared_ptr<const Agent> agent;
  std::string source;                  // the agent file, empty for a built-in bot
  std::optional<std::string> encoder;  // when the loader tells it
};

class BotRegistry {
 public:
  // Throws std::invalid_argument for a name that is not [A-Za-z0-9_-]{1,64} or already taken.
  void add(Bot bot);
  const Bot* find(std::string_view name) const;
  // The players of the games a registered bot is playing.
  GamePlayerCache& game_players(const Bot& bot) const;
  const std::vector<Bot>& bots() const { return bots_; }
  // "random, mcts": for error messages.
  std::string names() const;

 private:
  std::vector<Bot> bots_;
  std::map<std::string, std::unique_ptr<GamePlayerCache>, std::less<>> game_players_;
};

bool is_valid_bot_name(std::string_view name);

// The board sizes a bot plays: nullopt when it plays every square size the engine has (2 to
// 25), else the square sizes it supports (network agents: their own).
std::optional<std::vector<int>> supported_board_sizes(const Agent& agent);

// The play page made for a bot name ("random" -> "play_random_99.html"; docs/http-api.md, "The
// play pages"), with its board size; nullopt for names without one.
struct BotPage {
  std::string file;
  int board_size;
};
std::optional<BotPage> standard_page(std::string_view bot_name);

// Where to play a bot in a browser: its standard page, or else a standard page told which bot
// and board size to use through its query string. Relative to the server root.
std::string play_url(const Bot& bot);

}  // namespace dlgo::server
