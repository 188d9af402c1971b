// Reading GTP command arguments: colours, vertices, numbers, with the error messages the engine
// answers when they are malformed.
//
// Contract: pure functions; safe from any thread. Each parser throws GtpFailure, whose message
// becomes the text of the '?' response.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "engine/color.h"
#include "engine/coords.h"
#include "engine/gtp/gtp_command.h"
#include "engine/move.h"

namespace dlgo {

class GtpFailure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Throws "syntax error: ..." unless the command has between `min` and `max` arguments.
void expect_arguments(const GtpCommand& command, std::size_t min, std::size_t max,
                      std::string_view usage);

// "b", "black", "w", "white" in any case.
Color parse_color(std::string_view text);
// A vertex or "pass" on this board (any case); "resign" only when `allow_resign`.
Move parse_move(BoardSize size, std::string_view text, bool allow_resign = false);
// A vertex on this board (no pass).
int parse_vertex(BoardSize size, std::string_view text);
int parse_int(std::string_view text, std::string_view what);
double parse_number(std::string_view text, std::string_view what);

// "D4 Q16 ..." for a list of points.
std::string vertex_list(BoardSize size, const std::vector<int>& points);

}  // namespace dlgo
