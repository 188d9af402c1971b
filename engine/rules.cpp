#include "engine/rules.h"

namespace dlgo {

std::string_view ko_rule_name(KoRule rule) {
  switch (rule) {
    case KoRule::kSimple:
      return "simple";
    case KoRule::kPositional:
      return "positional";
    case KoRule::kSituational:
      return "situational";
  }
  return "positional";
}

std::optional<KoRule> parse_ko_rule(std::string_view name) {
  if (name == "simple") return KoRule::kSimple;
  if (name == "positional" || name == "psk") return KoRule::kPositional;
  if (name == "situational" || name == "ssk") return KoRule::kSituational;
  return std::nullopt;
}

}  // namespace dlgo
