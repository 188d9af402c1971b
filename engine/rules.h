// Rule settings of a game.
//
// Contract: plain value type; safe from any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace dlgo {

enum class KoRule {
  kSimple,       // only the immediate recapture of a single-stone ko is forbidden
  kPositional,   // no move may recreate an earlier board position (default)
  kSituational,  // no move may recreate an earlier position with the same player to move
};

struct Rules {
  KoRule ko_rule = KoRule::kPositional;
  bool suicide_allowed = false;
  double komi = 7.5;
};

// Every field (a new rule belongs here too).
inline bool operator==(const Rules& a, const Rules& b) {
  return a.ko_rule == b.ko_rule && a.suicide_allowed == b.suicide_allowed && a.komi == b.komi;
}

std::string_view ko_rule_name(KoRule rule);
std::optional<KoRule> parse_ko_rule(
    std::string_view name);  // "simple", "positional", "situational"

}  // namespace dlgo
