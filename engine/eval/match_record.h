// A match's record on disk, so that a long match (hours against GNU Go on one core) stopped by
// a crash, a kill or a reboot resumes where it stopped instead of starting over.
//
// The record names the match it belongs to (its settings, as ordered key/value pairs: players,
// agent-file fingerprints, board, komi, search budget, ...) and lists every finished game. It is
// rewritten whole after each game (write_text_atomically), so a kill leaves the previous complete
// version, never a torn line. Text, one item per line, tab-separated:
//
//   dlgo match record 1
//   setting  <key>  <value>                      (one per setting, in the match's order)
//   game  <index>  <black>  <white>  <B|W|->  <result>  <moves>  <seconds>  <replays>
//
// <index> is the 0-based game number, <black>/<white> player indices (0: --agent1), the fifth
// field the winning colour ('-': a draw).
//
// Contract: free functions. read_match_record() throws MatchRecordError naming the file, the line
// and what is wrong for anything malformed, and check_same_match() names the first setting that
// differs; write_match_record() throws FileCommitError when the file cannot be written.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "engine/eval/match.h"

namespace dlgo {

class MatchRecordError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

using MatchSettingList = std::vector<std::pair<std::string, std::string>>;

struct MatchRecord {
  MatchSettingList settings;
  std::vector<GameOutcome> games;  // in the order they finished
};

MatchRecord read_match_record(const std::string& path);
void write_match_record(const std::string& path, const MatchRecord& record);

// Throws MatchRecordError when `recorded` (read from `path`) and `current` differ, naming the
// first differing setting with both values.
void check_same_match(const std::string& path, const MatchSettingList& recorded,
                      const MatchSettingList& current);

// A file's identity for a match record: "<size> bytes, fnv1a64 <hex>" of its contents, so that
// retraining an agent file in place is noticed. Throws MatchRecordError when it cannot be read.
std::string file_fingerprint(const std::string& path);

}  // namespace dlgo
