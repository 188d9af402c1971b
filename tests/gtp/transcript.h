// Golden GTP transcripts (tests/gtp/transcripts/*.gtp): commands and the exact responses
// expected, run through the engine in-process and through the dlgo-gtp binary over pipes.
//
// Format, line by line:
//   "#! key value"  an engine option: bot, seed, mcts-rounds, board-size, komi
//   "# ..."         a comment of the transcript
//   "> text"        an input line sent as is after "> " (escapes: \t \r \\ \xNN); ">" alone is
//                   an empty input line
//   anything else   the output expected from the inputs before it, line by line, compared with
//                   trailing spaces removed (blank lines matter: they end responses);
//                   "~ RE" matches one line by regular expression, "~* RE" zero or more lines,
//                   "~+ RE" one or more.
// Before any input, blank lines are ignored. "@DATA@" in an input line stands for the
// transcripts folder, "@TMP@" for a scratch folder.
//
// Contract: plain functions for tests; they throw std::runtime_error for an unreadable file.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace dlgo::test {

struct TranscriptStep {
  int line = 0;  // in the transcript file, for messages
  std::string input;
  std::vector<std::string> expected;
};

struct Transcript {
  std::string path;
  std::map<std::string, std::string> options;
  std::vector<TranscriptStep> steps;
};

Transcript read_transcript(const std::string& path);
std::vector<std::string> transcript_files(const std::string& dir);

// Replaces @DATA@ and @TMP@.
std::string substitute(std::string text, const std::string& data_dir, const std::string& tmp_dir);

// "" when `actual` matches the expected lines, else what differs.
std::string compare_output(const std::vector<std::string>& expected, const std::string& actual);

}  // namespace dlgo::test
