#include "engine/eval/match_record.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "engine/files/atomic_text_file.h"

namespace dlgo {

namespace {

constexpr const char* kHeader = "dlgo match record 1";

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> fields;
  std::size_t start = 0;
  while (true) {
    std::size_t tab = line.find('\t', start);
    fields.push_back(line.substr(start, tab - start));
    if (tab == std::string::npos) return fields;
    start = tab + 1;
  }
}

// A whole non-negative decimal integer, or -1.
long long parse_count(const std::string& text) {
  if (text.empty() || text.size() > 12) return -1;
  long long value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return -1;
    value = value * 10 + (c - '0');
  }
  return value;
}

void check_field(const std::string& what, const std::string& text) {
  if (text.find_first_of("\t\n\r") != std::string::npos) {
    throw MatchRecordError("match record: the " + what + " '" + text +
                           "' contains a tab or a line break, which the record cannot hold");
  }
}

GameOutcome parse_game(const std::vector<std::string>& fields, const std::string& where) {
  if (fields.size() != 9) {
    throw MatchRecordError(where + ": a game line has 9 tab-separated fields, this one " +
                           std::to_string(fields.size()));
  }
  GameOutcome game;
  long long index = parse_count(fields[1]);
  long long black = parse_count(fields[2]);
  long long white = parse_count(fields[3]);
  if (index < 0 || index > 1000000)
    throw MatchRecordError(where + ": bad game number '" + fields[1] + "'");
  if (black < 0 || black > 1 || white < 0 || white > 1 || black == white) {
    throw MatchRecordError(where + ": the players must be 0 and 1, one each, not '" + fields[2] +
                           "' and '" + fields[3] + "'");
  }
  game.game =
      ScheduledGame{static_cast<int>(index), static_cast<int>(black), static_cast<int>(white)};
  const std::string& winner = fields[4];
  if (winner == "B")
    game.winner = Color::kBlack;
  else if (winner == "W")
    game.winner = Color::kWhite;
  else if (winner == "-")
    game.winner = Color::kEmpty;
  else
    throw MatchRecordError(where + ": the winner must be B, W or -, not '" + winner + "'");
  game.result = fields[5];
  const char expected = winner == "-" ? '0' : winner[0];
  if (game.result.empty() || game.result[0] != expected) {
    throw MatchRecordError(where + ": the result '" + game.result +
                           "' does not match the winner '" + winner + "'");
  }
  long long moves = parse_count(fields[6]);
  if (moves < 0) throw MatchRecordError(where + ": bad move count '" + fields[6] + "'");
  game.moves = static_cast<int>(moves);
  errno = 0;
  char* end = nullptr;
  game.seconds = std::strtod(fields[7].c_str(), &end);
  if (fields[7].empty() || *end != '\0' || errno != 0 || !(game.seconds >= 0)) {
    throw MatchRecordError(where + ": bad seconds '" + fields[7] + "'");
  }
  long long replays = parse_count(fields[8]);
  if (replays < 0) throw MatchRecordError(where + ": bad replay count '" + fields[8] + "'");
  game.engine_failures.assign(static_cast<std::size_t>(replays),
                              "(details in the output of the run that played it)");
  return game;
}

}  // namespace

MatchRecord read_match_record(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw MatchRecordError("cannot read the match record '" + path + "'");
  MatchRecord record;
  std::string line;
  int number = 0;
  std::vector<bool> seen;
  while (std::getline(file, line)) {
    ++number;
    const std::string where = path + ":" + std::to_string(number);
    if (number == 1) {
      if (line != kHeader) {
        throw MatchRecordError(where + ": not a match record (the first line must be '" +
                               std::string(kHeader) + "')");
      }
      continue;
    }
    if (line.empty()) continue;
    std::vector<std::string> fields = split_tabs(line);
    if (fields[0] == "setting") {
      if (fields.size() != 3) {
        throw MatchRecordError(where + ": a setting line has 3 tab-separated fields, this one " +
                               std::to_string(fields.size()));
      }
      if (!record.games.empty()) {
        throw MatchRecordError(where + ": a setting after the games");
      }
      record.settings.emplace_back(fields[1], fields[2]);
    } else if (fields[0] == "game") {
      GameOutcome game = parse_game(fields, where);
      const auto index = static_cast<std::size_t>(game.game.index);
      if (index >= seen.size()) seen.resize(index + 1, false);
      if (seen[index]) {
        throw MatchRecordError(where + ": game " + std::to_string(index + 1) + " is listed twice");
      }
      seen[index] = true;
      record.games.push_back(std::move(game));
    } else {
      throw MatchRecordError(where + ": unknown line kind '" + fields[0] +
                             "' (expected 'setting' or 'game')");
    }
  }
  if (number == 0) throw MatchRecordError(path + ": empty file, not a match record");
  return record;
}

void write_match_record(const std::string& path, const MatchRecord& record) {
  std::ostringstream text;
  text << kHeader << '\n';
  for (const auto& [key, value] : record.settings) {
    check_field("setting name", key);
    check_field("value of " + key, value);
    text << "setting\t" << key << '\t' << value << '\n';
  }
  for (const GameOutcome& game : record.games) {
    check_field("result", game.result);
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%.1f", game.seconds);
    const char* winner =
        game.winner == Color::kBlack ? "B" : (game.winner == Color::kWhite ? "W" : "-");
    text << "game\t" << game.game.index << '\t' << game.game.black << '\t' << game.game.white
         << '\t' << winner << '\t' << game.result << '\t' << game.moves << '\t' << seconds << '\t'
         << game.engine_failures.size() << '\n';
  }
  write_text_atomically(path, text.str());
}

void check_same_match(const std::string& path, const MatchSettingList& recorded,
                      const MatchSettingList& current) {
  for (const auto& [key, value] : current) {
    const std::string* there = nullptr;
    for (const auto& item : recorded) {
      if (item.first == key) there = &item.second;
    }
    if (!there) {
      throw MatchRecordError("the match record '" + path +
                             "' belongs to another match: it has no " + key + " (here: " + value +
                             ")");
    }
    if (*there != value) {
      throw MatchRecordError("the match record '" + path + "' belongs to another match: " + key +
                             " is " + *there + " there, " + value +
                             " here (use another record file, or the same settings)");
    }
  }
  for (const auto& item : recorded) {
    bool known = false;
    for (const auto& mine : current) known = known || mine.first == item.first;
    if (!known) {
      throw MatchRecordError("the match record '" + path + "' belongs to another match: it sets " +
                             item.first + " = " + item.second + ", which this match does not have");
    }
  }
}

std::string file_fingerprint(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw MatchRecordError("cannot read '" + path + "' to fingerprint it");
  std::uint64_t hash = 0xCBF29CE484222325ull;
  std::uint64_t size = 0;
  char buffer[1 << 16];
  while (file) {
    file.read(buffer, sizeof buffer);
    const std::streamsize got = file.gcount();
    for (std::streamsize i = 0; i < got; ++i) {
      hash = (hash ^ static_cast<unsigned char>(buffer[i])) * 0x100000001B3ull;
    }
    size += static_cast<std::uint64_t>(got);
  }
  if (file.bad()) throw MatchRecordError("cannot read '" + path + "' to fingerprint it");
  char text[64];
  std::snprintf(text, sizeof text, "%llu bytes, fnv1a64 %016llx",
                static_cast<unsigned long long>(size), static_cast<unsigned long long>(hash));
  return text;
}

}  // namespace dlgo
