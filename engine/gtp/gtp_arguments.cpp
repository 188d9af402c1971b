#include "engine/gtp/gtp_arguments.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace dlgo {

namespace {

std::string lower(std::string_view text) {
  std::string result(text);
  for (char& c : result) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return result;
}

// Quoting user text in a message: bounded, so a huge argument makes a short error.
std::string quoted(std::string_view text) {
  if (text.size() > 40) return "'" + std::string(text.substr(0, 40)) + "...'";
  return "'" + std::string(text) + "'";
}

}  // namespace

void expect_arguments(const GtpCommand& command, std::size_t min, std::size_t max,
                      std::string_view usage) {
  if (command.args.size() < min || command.args.size() > max) {
    throw GtpFailure("syntax error: usage: " + std::string(usage));
  }
}

Color parse_color(std::string_view text) {
  std::string name = lower(text);
  if (name == "b" || name == "black") return Color::kBlack;
  if (name == "w" || name == "white") return Color::kWhite;
  throw GtpFailure("syntax error: invalid color " + quoted(text));
}

Move parse_move(BoardSize size, std::string_view text, bool allow_resign) {
  std::optional<Move> move = gtp_to_move(size, text);
  if (!move || (move->is_resign() && !allow_resign)) {
    throw GtpFailure("syntax error: invalid vertex " + quoted(text));
  }
  return *move;
}

int parse_vertex(BoardSize size, std::string_view text) {
  std::optional<int> point = gtp_to_point(size, text);
  if (!point) throw GtpFailure("syntax error: invalid vertex " + quoted(text));
  return *point;
}

int parse_int(std::string_view text, std::string_view what) {
  std::string copy(text);
  char* end = nullptr;
  errno = 0;
  long value = std::strtol(copy.c_str(), &end, 10);
  if (copy.empty() || *end != '\0' || errno == ERANGE || value < -1000000000L ||
      value > 1000000000L) {
    throw GtpFailure("syntax error: " + std::string(what) + " must be an integer, got " +
                     quoted(text));
  }
  return static_cast<int>(value);
}

double parse_number(std::string_view text, std::string_view what) {
  std::string copy(text);
  char* end = nullptr;
  double value = std::strtod(copy.c_str(), &end);
  if (copy.empty() || *end != '\0' || !std::isfinite(value) || std::fabs(value) > 1e9) {
    throw GtpFailure("syntax error: " + std::string(what) + " must be a number, got " +
                     quoted(text));
  }
  return value;
}

std::string vertex_list(BoardSize size, const std::vector<int>& points) {
  std::string text;
  for (int point : points) {
    if (!text.empty()) text += ' ';
    text += point_to_gtp(size, point);
  }
  return text;
}

}  // namespace dlgo
