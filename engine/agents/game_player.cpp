#include "engine/agents/game_player.h"

#include <memory>

namespace dlgo {

std::unique_ptr<GamePlayer> Agent::new_game_player(std::uint64_t seed) const {
  (void)seed;  // a stateless agent draws from its own per-call generators
  return std::make_unique<StatelessPlayer>(*this);
}

}  // namespace dlgo
