#include "net/agents/resign_judge.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <string>

#include "engine/rng.h"

namespace dlgo::net {

namespace {

constexpr std::size_t kMaxRemembered = 1 << 16;

// Hash of the game's identity and its first `count` moves.
std::uint64_t history_key(const GameState& state, std::size_t count) {
  std::uint64_t komi_bits = 0;
  double komi = state.rules().komi;
  std::memcpy(&komi_bits, &komi, sizeof komi_bits);
  std::uint64_t seed = 0x9E3779B97F4A7C15ull ^ static_cast<std::uint64_t>(state.size().width) ^
                       (static_cast<std::uint64_t>(state.size().height) << 8) ^ (komi_bits << 1);
  std::uint64_t key = splitmix64(seed);
  const auto& moves = state.moves();
  for (std::size_t i = 0; i < count && i < moves.size(); ++i) {
    const Move& m = moves[i];
    std::uint64_t code = m.is_play()   ? static_cast<std::uint64_t>(m.point) + 2
                         : m.is_pass() ? 0
                                       : 1;
    std::uint64_t mixed = key ^ (code * 0xD1B54A32D192ED03ull);
    key = splitmix64(mixed);
  }
  return key;
}

}  // namespace

ResignOptions clear_loss_resignation(BoardSize size) {
  ResignOptions options;
  options.threshold = 0.05;
  options.moves = 3;
  options.min_game_moves = std::max(20, size.num_points() / 6);
  return options;
}

ResignJudge::ResignJudge(ResignOptions options) : options_(options) {
  if (!(options_.threshold >= 0 && options_.threshold < 1)) {
    throw std::invalid_argument("resign threshold must be in 0..1 (0: never), got " +
                                std::to_string(options_.threshold));
  }
  if (options_.moves < 1) {
    throw std::invalid_argument("resign moves must be >= 1, got " + std::to_string(options_.moves));
  }
}

bool ResignJudge::should_resign(const GameState& state, double win_rate) const {
  if (!enabled()) return false;
  const std::size_t played = state.moves().size();
  const std::uint64_t key = history_key(state, played);
  MutexLock lock(mutex_);
  if (win_rate >= options_.threshold) {
    low_streaks_.erase(key);
    return false;
  }
  int streak = 1;
  if (played >= 2) {
    auto previous = low_streaks_.find(history_key(state, played - 2));
    if (previous != low_streaks_.end()) streak = previous->second + 1;
  }
  if (low_streaks_.size() >= kMaxRemembered) low_streaks_.clear();
  low_streaks_[key] = streak;
  return streak >= options_.moves && static_cast<int>(played) >= options_.min_game_moves;
}

}  // namespace dlgo::net
