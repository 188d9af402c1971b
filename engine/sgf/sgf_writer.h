// Writing SGF: game records and games played by our programs as FF[4] text, and parsed
// collections back to text with their variations.
//
// Contract: pure functions; safe from any thread. The output is valid FF[4] SGF (GM[1],
// CA[UTF-8]; passes as B[] / W[]) that this reader, GNU Go and other SGF readers read back to
// the same moves and setup. Text values are escaped; nothing is re-encoded (callers pass
// UTF-8).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/game_state.h"
#include "engine/sgf/game_record.h"
#include "engine/sgf/sgf_tree.h"

namespace dlgo {

// A value ready to go between '[' and ']': backslash before ']' and '\'.
std::string escape_sgf_value(std::string_view value);

// Every game of a collection, variations included; reading the text back gives a collection
// with the same content (same_content).
std::string write_sgf(const SgfCollection& collection);

// One game as FF[4]: root properties (GM, FF, CA, AP, SZ, KM, HA, RU, players, ranks, DT, EV,
// GN, RE), the initial setup as AB/AW, PL when set, then one node per move. Setup that comes
// after a move gets its own node before that move. AP defaults to "dlgo"; KM is written when
// the record has one.
std::string write_sgf(const GameRecord& record);

// A record of a game our programs played. The moves come from `game` (a resignation is not a
// move in SGF: it shows in RE). Their colours alternate and are worked out backwards from the
// player to move now. `setup` is the position the game started from (e.g. the handicap stones
// given to place_handicap); when absent, the setup stones still on the board are used, which
// misses any that were captured, so callers that used setup should pass it. KM comes from
// info.komi or else the game's rules; RE from info.result or else, once the game is over,
// GameResult::to_string(); HA from info.handicap or else the number of setup stones when they
// are all Black and White moved first.
GameRecord record_from_game(const GameState& game, GameInfo info,
                            std::optional<std::vector<SetupStone>> setup = std::nullopt);

// record_from_game then write_sgf.
std::string write_game_sgf(const GameState& game, GameInfo info,
                           std::optional<std::vector<SetupStone>> setup = std::nullopt);

}  // namespace dlgo
