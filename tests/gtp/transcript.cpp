#include "tests/gtp/transcript.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <stdexcept>

namespace dlgo::test {

namespace {

std::string rtrim(std::string text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\r')) text.pop_back();
  return text;
}

std::string decode(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\' || i + 1 == text.size()) {
      out += text[i];
      continue;
    }
    char next = text[++i];
    if (next == 't')
      out += '\t';
    else if (next == 'r')
      out += '\r';
    else if (next == '\\')
      out += '\\';
    else if (next == 'x' && i + 2 < text.size()) {
      out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += '\\';
      out += next;
    }
  }
  return out;
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(rtrim(text.substr(start, end - start)));
    start = end + 1;
  }
  return lines;
}

bool full_match(const std::string& pattern, const std::string& line) {
  return std::regex_match(line, std::regex(pattern));
}

// Matches expected[e..] against actual[a..]; a star or plus pattern tries every length.
bool match_from(const std::vector<std::string>& expected, std::size_t e,
                const std::vector<std::string>& actual, std::size_t a) {
  if (e == expected.size()) return a == actual.size();
  const std::string& want = expected[e];
  if (want.rfind("~* ", 0) == 0 || want.rfind("~+ ", 0) == 0) {
    std::string pattern = want.substr(3);
    std::size_t count = 0;
    while (a + count < actual.size() && full_match(pattern, actual[a + count])) ++count;
    std::size_t least = want[1] == '+' ? 1 : 0;
    for (std::size_t take = count + 1; take-- > least;) {
      if (match_from(expected, e + 1, actual, a + take)) return true;
    }
    return false;
  }
  if (a == actual.size()) return false;
  bool same = want.rfind("~ ", 0) == 0 ? full_match(want.substr(2), actual[a]) : want == actual[a];
  return same && match_from(expected, e + 1, actual, a + 1);
}

}  // namespace

Transcript read_transcript(const std::string& path) {
  std::ifstream file(path);
  if (!file) throw std::runtime_error("cannot read transcript " + path);
  Transcript transcript;
  transcript.path = path;
  std::string line;
  int number = 0;
  while (std::getline(file, line)) {
    ++number;
    if (line.rfind("#! ", 0) == 0) {
      std::string rest = line.substr(3);
      std::size_t space = rest.find(' ');
      transcript.options[rest.substr(0, space)] =
          space == std::string::npos ? "" : rest.substr(space + 1);
      continue;
    }
    if (!line.empty() && line[0] == '#') continue;
    if (line == ">" || line.rfind("> ", 0) == 0) {
      TranscriptStep step;
      step.line = number;
      step.input = line.size() > 2 ? decode(line.substr(2)) : "";
      transcript.steps.push_back(step);
      continue;
    }
    if (transcript.steps.empty()) {
      if (rtrim(line).empty()) continue;
      throw std::runtime_error(path + ":" + std::to_string(number) + ": output before any input");
    }
    transcript.steps.back().expected.push_back(rtrim(line));
  }
  return transcript;
}

std::vector<std::string> transcript_files(const std::string& dir) {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".gtp") files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string substitute(std::string text, const std::string& data_dir, const std::string& tmp_dir) {
  for (const auto& [key, value] :
       {std::pair{std::string("@DATA@"), data_dir}, std::pair{std::string("@TMP@"), tmp_dir}}) {
    for (std::size_t at = text.find(key); at != std::string::npos; at = text.find(key, at)) {
      text.replace(at, key.size(), value);
      at += value.size();
    }
  }
  return text;
}

std::string compare_output(const std::vector<std::string>& expected, const std::string& actual) {
  std::vector<std::string> lines = split_lines(actual);
  if (match_from(expected, 0, lines, 0)) return "";
  std::string message = "expected:\n";
  for (const std::string& line : expected) message += "  |" + line + "\n";
  message += "actual:\n";
  for (const std::string& line : lines) message += "  |" + line + "\n";
  return message;
}

}  // namespace dlgo::test
