#include "download/archive_index.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <stdexcept>

#include "download/url.h"

namespace dlgo::download {
namespace {

bool starts_with_ci(const std::string& text, std::size_t pos, const char* prefix) {
  for (std::size_t i = 0; prefix[i] != '\0'; ++i) {
    if (pos + i >= text.size() ||
        std::tolower(static_cast<unsigned char>(text[pos + i])) != prefix[i]) {
      return false;
    }
  }
  return true;
}

std::size_t find_ci(const std::string& text, std::size_t from, const char* needle) {
  for (std::size_t pos = from; pos < text.size(); ++pos) {
    if (starts_with_ci(text, pos, needle)) return pos;
  }
  return std::string::npos;
}

std::string trim(const std::string& text) {
  std::size_t first = text.find_first_not_of(" \t\r\n\f");
  if (first == std::string::npos) return "";
  std::size_t last = text.find_last_not_of(" \t\r\n\f");
  return text.substr(first, last - first + 1);
}

void append_utf8(std::string& out, unsigned long code) {
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code >> 18));
    out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

// Decodes the character references an attribute value may hold; unknown ones stay as text.
std::string decode_entities(const std::string& text) {
  static const std::pair<const char*, char> kNamed[] = {
      {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}};
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    std::size_t semicolon = text[i] == '&' ? text.find(';', i) : std::string::npos;
    if (semicolon == std::string::npos || semicolon - i > 10) {
      out += text[i];
      continue;
    }
    std::string name = text.substr(i + 1, semicolon - i - 1);
    bool decoded = false;
    if (name.size() > 1 && name[0] == '#') {
      bool hex = name[1] == 'x' || name[1] == 'X';
      std::string digits = name.substr(hex ? 2 : 1);
      bool valid = !digits.empty() && std::all_of(digits.begin(), digits.end(), [&](char c) {
        return hex ? std::isxdigit(static_cast<unsigned char>(c)) != 0
                   : std::isdigit(static_cast<unsigned char>(c)) != 0;
      });
      if (valid) {
        unsigned long code = std::stoul(digits, nullptr, hex ? 16 : 10);
        if (code > 0 && code <= 0x10FFFF) {
          append_utf8(out, code);
          decoded = true;
        }
      }
    } else {
      for (const auto& [entity, character] : kNamed) {
        if (name == entity) {
          out += character;
          decoded = true;
        }
      }
    }
    if (decoded) {
      i = semicolon;
    } else {
      out += text[i];
    }
  }
  return out;
}

bool is_space(char c) {
  return std::isspace(static_cast<unsigned char>(c)) != 0;
}

// Reads the attributes of the tag whose name ends at `pos`; returns the position after '>'.
std::size_t read_attributes(const std::string& html, std::size_t pos,
                            std::vector<std::string>& links) {
  while (pos < html.size()) {
    while (pos < html.size() && (is_space(html[pos]) || html[pos] == '/')) ++pos;
    if (pos >= html.size()) return pos;
    if (html[pos] == '>') return pos + 1;
    std::size_t name_start = pos;
    while (pos < html.size() && !is_space(html[pos]) && html[pos] != '=' && html[pos] != '>' &&
           html[pos] != '/') {
      ++pos;
    }
    std::string name = html.substr(name_start, pos - name_start);
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    while (pos < html.size() && is_space(html[pos])) ++pos;
    if (pos >= html.size() || html[pos] != '=') continue;  // an attribute without a value
    ++pos;
    while (pos < html.size() && is_space(html[pos])) ++pos;
    std::string value;
    if (pos < html.size() && (html[pos] == '"' || html[pos] == '\'')) {
      char quote = html[pos++];
      std::size_t end = html.find(quote, pos);
      if (end == std::string::npos) end = html.size();
      value = html.substr(pos, end - pos);
      pos = end + 1;
    } else {
      std::size_t start = pos;
      while (pos < html.size() && !is_space(html[pos]) && html[pos] != '>') ++pos;
      value = html.substr(start, pos - start);
    }
    if (name == "href") links.push_back(trim(decode_entities(value)));
  }
  return pos;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

std::string percent_decode(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
        hex_value(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

// A name we are willing to create in the destination folder.
bool is_safe_file_name(const std::string& name) {
  if (name.empty() || name[0] == '.' || name.size() > 200) return false;
  return std::all_of(name.begin(), name.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '+';
  });
}

bool all_digits(const std::string& text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
  });
}

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

std::vector<std::string> extract_links(const std::string& html) {
  std::vector<std::string> links;
  std::size_t pos = 0;
  while ((pos = html.find('<', pos)) != std::string::npos) {
    if (html.compare(pos, 4, "<!--") == 0) {
      std::size_t end = html.find("-->", pos + 4);
      pos = end == std::string::npos ? html.size() : end + 3;
      continue;
    }
    std::size_t name_start = pos + 1;
    std::size_t name_end = name_start;
    while (name_end < html.size() && std::isalnum(static_cast<unsigned char>(html[name_end]))) {
      ++name_end;
    }
    if (name_end == name_start || !std::isalpha(static_cast<unsigned char>(html[name_start]))) {
      // "</a>", "<!DOCTYPE ...>" or a stray '<': nothing to read.
      std::size_t end = html.find('>', pos + 1);
      pos = end == std::string::npos ? html.size() : end + 1;
      continue;
    }
    bool is_script = name_end - name_start == 6 && starts_with_ci(html, name_start, "script");
    pos = read_attributes(html, name_end, links);
    if (is_script) {
      std::size_t end = find_ci(html, pos, "</script");
      pos = end == std::string::npos ? html.size() : end;
    }
  }
  return links;
}

ArchiveEntry describe_archive(const std::string& name, const std::string& url) {
  ArchiveEntry entry;
  entry.name = name;
  entry.url = url;
  // PREFIX-YEAR[_MONTH]-BOARDSIZE-GAMES-.tar.gz, read from the end: the prefix may hold dashes.
  const std::string suffix = "-.tar.gz";
  if (!ends_with(name, suffix)) return entry;
  std::vector<std::string> fields;  // GAMES, BOARDSIZE, YEAR[_MONTH], last first
  std::size_t end = name.size() - suffix.size();
  while (fields.size() < 3) {
    std::size_t dash = end == 0 ? std::string::npos : name.rfind('-', end - 1);
    if (dash == std::string::npos) return entry;
    fields.push_back(name.substr(dash + 1, end - dash - 1));
    end = dash;
  }
  const std::string& games = fields[0];
  const std::string& period = fields[2];
  bool yearly = period.size() == 4 && all_digits(period);
  bool monthly = period.size() == 7 && period[4] == '_' && all_digits(period.substr(0, 4)) &&
                 all_digits(period.substr(5));
  if (!all_digits(games) || !all_digits(fields[1]) || !(yearly || monthly)) return entry;
  entry.year = std::stoi(period.substr(0, 4));
  if (monthly) entry.month = std::stoi(period.substr(5));
  if (games.size() <= 12) entry.game_count = std::stoll(games);
  if (entry.month > 12) entry.month = 0;
  return entry;
}

std::vector<ArchiveEntry> find_archives(const std::string& html, const std::string& index_url) {
  Url base = parse_url(index_url);
  std::vector<ArchiveEntry> archives;
  std::set<std::string> seen;
  for (const std::string& link : extract_links(html)) {
    Url url;
    try {
      url = resolve_url(base, link);
    } catch (const UrlError&) {
      continue;  // a broken link elsewhere on the page is not our concern
    }
    std::string name = percent_decode(file_name_of(url));
    if (!ends_with(name, ".tar.gz") || !is_safe_file_name(name)) continue;
    if (!seen.insert(name).second) continue;
    archives.push_back(describe_archive(name, url.to_string()));
  }
  return archives;
}

YearRange parse_year_range(const std::string& text) {
  // YEAR or FIRST-LAST, four digits each, spaces allowed around the parts.
  auto bad = [&](const std::string& why) {
    return std::invalid_argument("bad year range '" + text + "': " + why);
  };
  std::size_t dash = text.find('-');
  std::string first = trim(text.substr(0, dash));
  std::string last = dash == std::string::npos ? first : trim(text.substr(dash + 1));
  for (const std::string& year : {first, last}) {
    if (year.size() != 4 || !all_digits(year)) throw bad("expected YEAR or FIRST-LAST");
  }
  YearRange range;
  range.first = std::stoi(first);
  range.last = std::stoi(last);
  if (range.first > range.last) throw bad("first year after last year");
  return range;
}

std::vector<ArchiveEntry> select_archives(const std::vector<ArchiveEntry>& archives,
                                          const ArchiveSelection& selection) {
  std::vector<ArchiveEntry> chosen;
  long long games = 0;
  for (const ArchiveEntry& archive : archives) {
    if (selection.max_games && games >= *selection.max_games) break;
    if (selection.years &&
        (archive.year < selection.years->first || archive.year > selection.years->last)) {
      continue;
    }
    if (selection.max_games && archive.game_count < 0) continue;
    chosen.push_back(archive);
    games += std::max(archive.game_count, 0LL);
  }
  return chosen;
}

}  // namespace dlgo::download
