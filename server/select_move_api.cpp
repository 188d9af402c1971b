#include "server/select_move_api.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <set>
#include <string>

#include "engine/coords.h"
#include "server/http_response.h"

namespace dlgo::server {

namespace {

using nlohmann::json;

[[noreturn]] void bad_request(const std::string& message) {
  throw HttpError(http::status::bad_request, message);
}

// The client's text as a JSON string literal: quotes, backslashes and control characters
// (a NUL included) escaped, so the message shows them and stays one line.
std::string quoted(const std::string& text) {
  return json(text).dump(-1, ' ', false, json::error_handler_t::replace);
}

// A JSON value as a short piece of text for an error message.
std::string describe(const json& value) {
  std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
  if (text.size() > 40) text = text.substr(0, 37) + "...";
  return text;
}

int read_board_size(const json& body) {
  auto it = body.find("board_size");
  if (it == body.end()) bad_request("missing \"board_size\" (an integer, e.g. 19)");
  if (!it->is_number_integer()) {
    bad_request("\"board_size\" must be an integer, not " + describe(*it));
  }
  // Positive integers arrive unsigned (up to 2^64 - 1) and negative ones signed: compare each
  // as what it is, since a cast would turn 18446744073709551615 into -1.
  bool in_range;
  if (it->is_number_unsigned()) {
    auto side = it->get<std::uint64_t>();
    in_range = side >= std::uint64_t{kMinBoardSide} && side <= std::uint64_t{kMaxBoardSide};
  } else {
    auto side = it->get<std::int64_t>();
    in_range = side >= kMinBoardSide && side <= kMaxBoardSide;
  }
  if (!in_range) {
    bad_request("\"board_size\" " + describe(*it) + " is not a board size from " +
                std::to_string(kMinBoardSide) + " to " + std::to_string(kMaxBoardSide));
  }
  return it->get<int>();
}

// nlohmann's message without its "[json.exception.parse_error.101] " tag.
std::string json_error_text(const json::exception& error) {
  std::string_view text = error.what();
  if (!text.empty() && text.front() == '[') {
    size_t end = text.find("] ");
    if (end != std::string_view::npos) text.remove_prefix(end + 2);
  }
  return std::string(text);
}

void apply_komi(const json& body, GameState& state) {
  auto it = body.find("komi");
  if (it == body.end() || it->is_null()) return;
  if (!it->is_number()) bad_request("\"komi\" must be a number, not " + describe(*it));
  double komi = it->get<double>();
  if (!std::isfinite(komi) || std::fabs(komi) > 1000) {
    bad_request("\"komi\" " + describe(*it) + " is out of range (-1000 to 1000)");
  }
  state.set_komi(komi);
}

void apply_handicap(const json& body, GameState& state) {
  auto it = body.find("handicap");
  if (it == body.end() || it->is_null()) return;
  if (!it->is_array()) bad_request("\"handicap\" must be a list of points, not " + describe(*it));
  if (it->empty()) return;
  BoardSize size = state.size();
  std::vector<int> points;
  std::set<int> seen;
  for (size_t i = 0; i < it->size(); ++i) {
    const json& entry = (*it)[i];
    std::string where = "handicap stone " + std::to_string(i);
    if (!entry.is_string()) bad_request(where + " must be a string, not " + describe(entry));
    const std::string& text = entry.get_ref<const std::string&>();
    std::optional<int> point = gtp_to_point(size, text);
    if (!point) {
      bad_request(where + " (" + quoted(text) + ") is not a point on a " +
                  std::to_string(size.width) + "x" + std::to_string(size.height) + " board");
    }
    if (!seen.insert(*point).second) bad_request(where + " (" + quoted(text) + ") is repeated");
    points.push_back(*point);
  }
  if (points.size() >= static_cast<size_t>(size.num_points())) {
    bad_request("\"handicap\" would fill the whole board");
  }
  state.place_handicap(points);
}

void replay_moves(const json& body, GameState& state, FinishedGame finished) {
  auto it = body.find("moves");
  if (it == body.end()) bad_request("missing \"moves\" (a list such as [\"D4\", \"pass\"])");
  if (!it->is_array()) bad_request("\"moves\" must be a list, not " + describe(*it));
  BoardSize size = state.size();
  for (size_t i = 0; i < it->size(); ++i) {
    const json& entry = (*it)[i];
    std::string where = "move " + std::to_string(i);
    if (!entry.is_string()) bad_request(where + " must be a string, not " + describe(entry));
    const std::string& text = entry.get_ref<const std::string&>();
    std::optional<Move> move = gtp_to_move(size, text);
    if (!move) {
      bad_request(where + " (" + quoted(text) + ") is not a point on a " +
                  std::to_string(size.width) + "x" + std::to_string(size.height) +
                  " board, \"pass\" or \"resign\"");
    }
    if (state.is_over()) {
      bad_request(where + " (" + quoted(text) + ") comes after the end of the game");
    }
    try {
      state.play(*move);
    } catch (const IllegalMoveError& error) {
      bad_request(where + " (" + quoted(text) + ") is illegal: " + error.what());
    }
  }
  if (state.resigned()) bad_request("the game is over: a player resigned");
  if (state.is_over() && finished == FinishedGame::kRefused) {
    bad_request("the game is over: both players passed");
  }
}

// An optional integer field; out-of-range values saturate (callers check the range).
std::optional<long long> read_optional_integer(const json& body, const char* field,
                                               long long minimum) {
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) return std::nullopt;
  if (!it->is_number_integer()) {
    bad_request(std::string("\"") + field + "\" must be an integer, not " + describe(*it));
  }
  long long value;
  if (it->is_number_unsigned()) {
    value = it->get<std::uint64_t>() > std::uint64_t{1} << 62 ? 1LL << 62 : it->get<long long>();
  } else {
    value = it->get<long long>();
  }
  if (value < minimum) {
    bad_request(std::string("\"") + field + "\" must be at least " + std::to_string(minimum) +
                ", not " + describe(*it));
  }
  return value;
}

std::optional<double> read_seconds_per_move(const json& body) {
  auto it = body.find("seconds_per_move");
  if (it == body.end() || it->is_null()) return std::nullopt;
  if (!it->is_number()) {
    bad_request("\"seconds_per_move\" must be a number, not " + describe(*it));
  }
  double seconds = it->get<double>();
  if (!std::isfinite(seconds) || seconds <= 0) {
    bad_request("\"seconds_per_move\" must be a number of seconds above 0, not " + describe(*it));
  }
  return seconds;
}

// The deepest nesting of arrays and objects in JSON text (strings skipped). Checked before
// parsing: a body like [[[[...]]]] parses fine, but printing or walking it recursively could
// exhaust the stack.
int nesting_depth(std::string_view text) {
  int depth = 0, deepest = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return deepest;
}

constexpr int kMaxNesting = 16;

}  // namespace

MoveRequest parse_move_request(std::string_view body, FinishedGame finished) {
  if (nesting_depth(body) > kMaxNesting) {
    bad_request("the JSON body is nested more than " + std::to_string(kMaxNesting) +
                " levels deep");
  }
  json parsed;
  try {
    parsed = json::parse(body);
  } catch (const json::parse_error& error) {
    // nlohmann's message says where: "syntax error while parsing value - ... at line 1,
    // column 7".
    bad_request("malformed JSON: " + json_error_text(error));
  } catch (const json::exception& error) {
    // Valid JSON beyond what a double holds ("number overflow parsing '1e400'").
    bad_request("a number in the JSON body is out of range: " + json_error_text(error));
  }
  if (!parsed.is_object()) bad_request("the body must be a JSON object, not " + describe(parsed));
  int side = read_board_size(parsed);
  MoveRequest request{GameState::new_game(side), {}, {}, {}, {}};
  apply_komi(parsed, request.state);
  apply_handicap(parsed, request.state);
  request.setup = std::to_string(side) + " komi " + json(request.state.rules().komi).dump() +
                  " handicap " + parsed.value("handicap", json()).dump();  // checked points
  replay_moves(parsed, request.state, finished);
  request.level = read_optional_integer(parsed, "level", std::numeric_limits<long long>::min());
  request.seconds_per_move = read_seconds_per_move(parsed);
  request.visits = read_optional_integer(parsed, "visits", 1);
  return request;
}

GameState game_from_move_request(std::string_view body) {
  return parse_move_request(body).state;
}

json move_response_json(const MoveDecision& decision, BoardSize size) {
  const AgentDiagnostics& in = decision.diagnostics;
  json diagnostics = json::object();
  json top_moves = json::array();
  for (const MoveCandidate& candidate : in.top_moves) {
    json entry = {{"move", move_to_gtp(size, candidate.move)}};
    if (candidate.prior) entry["prior"] = *candidate.prior;
    if (candidate.visits) entry["visits"] = *candidate.visits;
    if (candidate.win_rate) entry["win_rate"] = *candidate.win_rate;
    top_moves.push_back(std::move(entry));
  }
  diagnostics["top_moves"] = std::move(top_moves);
  if (in.win_rate) diagnostics["win_rate"] = *in.win_rate;
  if (in.value) diagnostics["value"] = *in.value;
  if (in.visits) diagnostics["visits"] = *in.visits;
  json variation = json::array();
  for (const Move& move : in.principal_variation) variation.push_back(move_to_gtp(size, move));
  diagnostics["principal_variation"] = std::move(variation);
  diagnostics["seconds"] = in.seconds;
  return {{"bot_move", move_to_gtp(size, decision.move)}, {"diagnostics", std::move(diagnostics)}};
}

}  // namespace dlgo::server
