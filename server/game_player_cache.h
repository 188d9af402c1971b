// The game players of one served bot, kept between the requests of a game. Each /select-move
// request carries the whole game; a request that continues a cached game (same setup, and the
// cached game's moves a prefix of its moves) plays with that game's player, so a searching bot
// (zero) goes on from the tree of its previous move. Other requests start a new player.
//
// Contract: thread-safe. take() hands a player out of the cache, so two requests never share
// one; put_back() returns it under the game it has played, with the bot's move. At most
// `capacity` games are kept; putting back one more evicts the least recently used.
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "engine/agents/game_player.h"

namespace dlgo::server {

// A game as the cache tells games apart: what was set before the first move (board size, komi,
// handicap) and the moves since.
struct CachedGame {
  std::string setup;
  std::vector<Move> moves;
};

class GamePlayerCache {
 public:
  // A kept 19x19 zero tree holds megabytes (about 6 MB per game after six moves at one second
  // each, measured): 16 games keep a served bot well inside the 1 GB of a 2 GB box.
  static constexpr std::size_t kDefaultCapacity = 16;

  // `agent` must outlive the cache.
  explicit GamePlayerCache(const Agent& agent, std::size_t capacity = kDefaultCapacity);

  // The player of the longest cached game that `game` continues, taken out of the cache, or a
  // new player of the agent.
  std::unique_ptr<GamePlayer> take(const CachedGame& game);
  // Keeps `player` for `game` (the request's game and the bot's move).
  void put_back(CachedGame game, std::unique_ptr<GamePlayer> player);

  std::size_t size() const;

 private:
  struct Entry {
    CachedGame game;
    std::unique_ptr<GamePlayer> player;
  };

  const Agent& agent_;
  const std::size_t capacity_;
  mutable std::mutex mutex_;
  std::list<Entry> entries_;  // most recently put back first
  std::uint64_t players_made_ = 0;
};

}  // namespace dlgo::server
