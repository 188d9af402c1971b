#include "server/strength_levels.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "server/http_response.h"

namespace dlgo::server {

namespace {

using nlohmann::json;

constexpr const char* kSearchLevelNames[] = {"quick", "light", "medium", "full"};
constexpr int kSearchLevelDivisors[] = {8, 4, 2, 1};

// "2 s", "0.25 s": seconds as people write them.
std::string seconds_text(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%g s", seconds);
  return text;
}

}  // namespace

std::vector<StrengthLevel> strength_levels(const StrengthSettings& settings) {
  std::vector<StrengthLevel> levels;
  if (settings.visits || settings.seconds) {
    for (int i = 0; i < 4; ++i) {
      StrengthLevel level;
      level.name = kSearchLevelNames[i];
      if (settings.visits) {
        int visits = std::max(1, *settings.visits / kSearchLevelDivisors[i]);
        // Small caps make equal budgets: keep the strongest name for each.
        if (!levels.empty() && levels.back().budget.visits == visits) levels.pop_back();
        level.budget.visits = visits;
        level.description = std::to_string(visits) + " visits a move";
      } else {
        // Milliseconds at least, so every level searches something.
        double seconds = std::max(0.001, *settings.seconds / kSearchLevelDivisors[i]);
        level.budget.seconds = seconds;
        level.description = seconds_text(seconds) + " a move";
      }
      levels.push_back(level);
    }
  } else if (settings.greedy) {
    levels.push_back({0, "sampling", "samples its move from the policy: varied, weaker", {}});
    levels.back().budget.greedy = false;
    levels.push_back({0, "best move", "always plays the policy's best move", {}});
    levels.back().budget.greedy = true;
  }
  for (std::size_t i = 0; i < levels.size(); ++i) levels[i].level = static_cast<int>(i) + 1;
  return levels;
}

int default_level(const StrengthSettings& settings) {
  std::vector<StrengthLevel> levels = strength_levels(settings);
  if (levels.empty()) return 0;
  if (settings.greedy && !*settings.greedy) return 1;
  return levels.back().level;
}

ResolvedStrength resolve_strength(const StrengthSettings& settings, const MoveRequest& request,
                                  const std::string& bot_name) {
  ResolvedStrength resolved;
  if (!request.level && !request.seconds_per_move && !request.visits) return resolved;
  json limits = json::object();
  std::vector<std::string> notes;
  bool clamped = false;

  if (request.level) {
    std::vector<StrengthLevel> levels = strength_levels(settings);
    auto found = std::find_if(levels.begin(), levels.end(), [&](const StrengthLevel& level) {
      return level.level == *request.level;
    });
    if (found == levels.end()) {
      std::string known;
      for (const StrengthLevel& level : levels) {
        known +=
            (known.empty() ? "" : ", ") + std::to_string(level.level) + " (" + level.name + ")";
      }
      throw HttpError(http::status::bad_request,
                      "\"level\" " + std::to_string(*request.level) + " is not a level of bot '" +
                          bot_name + "'" +
                          (known.empty() ? ": it has none" : "; its levels are " + known));
    }
    resolved.budget = found->budget;
    limits["level"] = found->level;
  }

  if (request.seconds_per_move) {
    double asked = *request.seconds_per_move;
    if (!settings.seconds) {
      notes.push_back("\"seconds_per_move\" does not apply to bot '" + bot_name + "'" +
                      (settings.visits ? " (it searches a number of visits)" : ""));
    } else if (asked > *settings.seconds) {
      clamped = true;
      resolved.budget.seconds = *settings.seconds;
      notes.push_back("asked for " + seconds_text(asked) + " a move; this server's cap is " +
                      seconds_text(*settings.seconds));
    } else {
      resolved.budget.seconds = asked;
    }
  }
  if (request.visits) {
    long long asked = *request.visits;
    if (!settings.visits) {
      notes.push_back("\"visits\" does not apply to bot '" + bot_name + "'" +
                      (settings.seconds ? " (it searches for a time)" : ""));
    } else if (asked > *settings.visits) {
      clamped = true;
      resolved.budget.visits = *settings.visits;
      notes.push_back("asked for " + std::to_string(asked) +
                      " visits a move; this server's cap is " + std::to_string(*settings.visits));
    } else {
      resolved.budget.visits = static_cast<int>(asked);
    }
  }

  if (settings.seconds)
    limits["seconds_per_move"] = resolved.budget.seconds.value_or(*settings.seconds);
  if (settings.visits) limits["visits"] = resolved.budget.visits.value_or(*settings.visits);
  if (settings.greedy) limits["greedy"] = resolved.budget.greedy.value_or(*settings.greedy);
  limits["clamped"] = clamped;
  if (!notes.empty()) {
    std::string message;
    for (const std::string& note : notes) message += (message.empty() ? "" : "; ") + note;
    limits["message"] = message;
  }
  resolved.limits = std::move(limits);
  return resolved;
}

}  // namespace dlgo::server
