// GTP version 2 framing: turning one input line into a command, and a result into the text of
// a response.
//
// Input lines are preprocessed as the specification says: control characters other than
// horizontal tab and line feed are dropped (so CR LF line ends and stray bytes do no harm), tabs
// become spaces, everything from '#' on is a comment, and a line left empty is ignored. A
// command is `[id] command_name [arguments]`, where the id is a string of decimal digits.
//
// Responses are `=[id] result` or `?[id] error_message`, ended by an empty line. A result never
// contains an empty line of its own (that would end the response early), so formatting one
// drops empty lines inside it.
//
// Contract: pure functions; safe from any thread; they accept any bytes and never throw.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dlgo {

struct GtpCommand {
  std::string id;    // digits, or empty when the command had none
  std::string name;  // as sent (GTP command names are case-sensitive)
  std::vector<std::string> args;
};

// The line after preprocessing (control characters, tabs, comment removed; trimmed).
std::string clean_gtp_line(std::string_view raw);

// The command on a line; nullopt for a line that is empty after preprocessing. A line holding
// only an id yields a command with an empty name.
std::optional<GtpCommand> parse_gtp_line(std::string_view raw);

// "=<id> <result>\n\n" or "?<id> <message>\n\n"; for an empty text "=<id> \n\n" as GNU Go and
// most engines write it.
std::string format_gtp_response(bool success, std::string_view id, std::string_view text);

}  // namespace dlgo
