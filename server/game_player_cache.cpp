#include "server/game_player_cache.h"

#include <algorithm>

namespace dlgo::server {

namespace {

bool continues(const CachedGame& game, const CachedGame& cached) {
  return game.setup == cached.setup && cached.moves.size() <= game.moves.size() &&
         std::equal(cached.moves.begin(), cached.moves.end(), game.moves.begin());
}

}  // namespace

GamePlayerCache::GamePlayerCache(const Agent& agent, std::size_t capacity)
    : agent_(agent), capacity_(capacity) {}

std::unique_ptr<GamePlayer> GamePlayerCache::take(const CachedGame& game) {
  std::uint64_t seed;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto best = entries_.end();
    for (auto it = entries_.begin(); it != entries_.end(); ++it) {
      if (continues(game, it->game) &&
          (best == entries_.end() || it->game.moves.size() > best->game.moves.size())) {
        best = it;
      }
    }
    if (best != entries_.end()) {
      std::unique_ptr<GamePlayer> player = std::move(best->player);
      entries_.erase(best);
      return player;
    }
    seed = ++players_made_;
  }
  return agent_.new_game_player(seed);  // outside the lock: it may load or allocate
}

void GamePlayerCache::put_back(CachedGame game, std::unique_ptr<GamePlayer> player) {
  std::lock_guard<std::mutex> lock(mutex_);
  entries_.push_front(Entry{std::move(game), std::move(player)});
  // Evicted players are destroyed under the lock; they hold no locks of their own.
  while (entries_.size() > capacity_) entries_.pop_back();
}

std::size_t GamePlayerCache::size() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return entries_.size();
}

}  // namespace dlgo::server
