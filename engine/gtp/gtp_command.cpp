#include "engine/gtp/gtp_command.h"

namespace dlgo {

std::string clean_gtp_line(std::string_view raw) {
  std::string line;
  line.reserve(raw.size());
  for (char c : raw) {
    unsigned char byte = static_cast<unsigned char>(c);
    if (c == '#') break;
    if (c == '\t') {
      line += ' ';
    } else if (byte >= 32 && byte != 127) {
      line += c;  // bytes >= 128 are kept: they may be UTF-8 in a file name
    }
  }
  std::size_t begin = line.find_first_not_of(' ');
  if (begin == std::string::npos) return {};
  std::size_t end = line.find_last_not_of(' ');
  return line.substr(begin, end - begin + 1);
}

std::optional<GtpCommand> parse_gtp_line(std::string_view raw) {
  std::string line = clean_gtp_line(raw);
  if (line.empty()) return std::nullopt;
  std::vector<std::string> tokens;
  std::size_t pos = 0;
  while (pos < line.size()) {
    std::size_t end = line.find(' ', pos);
    if (end == std::string::npos) end = line.size();
    if (end > pos) tokens.push_back(line.substr(pos, end - pos));
    pos = end + 1;
  }
  GtpCommand command;
  std::size_t next = 0;
  if (tokens[0].find_first_not_of("0123456789") == std::string::npos) {
    command.id = tokens[0];
    next = 1;
  }
  if (next < tokens.size()) command.name = tokens[next++];
  command.args.assign(tokens.begin() + static_cast<std::ptrdiff_t>(next), tokens.end());
  return command;
}

std::string format_gtp_response(bool success, std::string_view id, std::string_view text) {
  std::string response(1, success ? '=' : '?');
  response += id;
  response += ' ';
  // Copy the text without empty lines or trailing newlines: an empty line ends the response.
  bool at_line_start = false;
  for (char c : text) {
    if (c == '\r') continue;
    if (c == '\n') {
      if (!at_line_start) response += '\n';
      at_line_start = true;
      continue;
    }
    at_line_start = false;
    response += c;
  }
  if (!response.empty() && response.back() == '\n' && response.size() > id.size() + 2) {
    response.pop_back();
  }
  response += "\n\n";
  return response;
}

}  // namespace dlgo
