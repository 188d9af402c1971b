// The winner an SGF result (RE[]) names.
//
// RE is "B+" or "W+" followed by a margin, "R"/"Resign", "T"/"Time" or "F"/"Forfeit" when a
// player won; "0"/"Draw", "Void" and "?" (unknown) name no winner. The colour letter is read
// case-insensitively and surrounding spaces are ignored, since real records vary; anything
// else names no winner.
//
// Contract: a pure function; safe from any thread.
#pragma once

#include <optional>
#include <string_view>

#include "engine/color.h"

namespace dlgo {

// The colour RE[] says won, or nullopt for a draw, a void or unknown game, or an unreadable RE.
std::optional<Color> winner_from_result(std::string_view result);

}  // namespace dlgo
