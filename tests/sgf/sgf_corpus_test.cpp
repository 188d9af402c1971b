// Regression corpus: nasty SGF files (truncated, unbalanced, huge, binary, deeply nested, and
// every crasher the fuzzer ever found) with the exact outcome each must have. The outcomes
// live in corpus/expected.txt, one line per file: "<file> ok <games> <moves>",
// "<file> error <offset or -> <reason>" or "<file> illegal <offset> <move number>".
#include "tests/catch.h"

#include <dirent.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "engine/sgf/game_record.h"
#include "engine/sgf/sgf_reader.h"
#include "engine/sgf/sgf_writer.h"

using namespace dlgo;

namespace {

const std::string kCorpusDir = DLGO_SGF_CORPUS_DIR;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  std::ostringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

// Parse, read every game's record and replay it: what a dataset reader does with a file.
std::string outcome_of(const std::string& text, const std::string& name) {
  try {
    SgfCollection collection = parse_sgf(text, name);
    std::size_t moves = 0;
    for (int game = 0; game < collection.game_count(); ++game) {
      GameRecord record = read_game_record(collection, game);
      replay_game(record);
      moves += record.moves.size();
    }
    // Whatever reads also writes back to the same content.
    CHECK(same_content(collection, parse_sgf(write_sgf(collection))));
    return "ok " + std::to_string(collection.game_count()) + " " + std::to_string(moves);
  } catch (const SgfIllegalMoveError& e) {
    CHECK(e.source() == name);
    return "illegal " + std::to_string(e.offset()) + " " + std::to_string(e.move_number());
  } catch (const SgfError& e) {
    CHECK(e.source() == name);
    std::string offset = e.offset() == SgfError::kNoOffset ? "-" : std::to_string(e.offset());
    return "error " + offset + " " + e.reason();
  }
}

std::map<std::string, std::string> expected_outcomes() {
  std::map<std::string, std::string> expected;
  std::ifstream in(kCorpusDir + "/expected.txt");
  REQUIRE(in);
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::size_t space = line.find(' ');
    REQUIRE(space != std::string::npos);
    expected[line.substr(0, space)] = line.substr(space + 1);
  }
  return expected;
}

std::set<std::string> corpus_files() {
  std::set<std::string> files;
  DIR* dir = opendir(kCorpusDir.c_str());
  REQUIRE(dir != nullptr);
  while (dirent* entry = readdir(dir)) {
    std::string name = entry->d_name;
    if (name != "." && name != ".." && name != "expected.txt") files.insert(name);
  }
  closedir(dir);
  return files;
}

}  // namespace

TEST_CASE("every corpus file has an expected outcome and every outcome a file") {
  std::map<std::string, std::string> expected = expected_outcomes();
  std::set<std::string> files = corpus_files();
  CHECK(files.size() >= 40);
  for (const std::string& file : files) {
    INFO(file);
    CHECK(expected.count(file) == 1);
  }
  for (const auto& entry : expected) {
    INFO(entry.first);
    CHECK(files.count(entry.first) == 1);
  }
}

TEST_CASE("corpus files give exactly their expected outcome") {
  for (const auto& entry : expected_outcomes()) {
    INFO(entry.first);
    std::string text = read_file(kCorpusDir + "/" + entry.first);
    CHECK(outcome_of(text, entry.first) == entry.second);
  }
}

TEST_CASE("every prefix of a real-looking record is read or rejected cleanly") {
  std::string text = read_file(kCorpusDir + "/kgs_handicap.sgf");
  int complete = 0;
  for (std::size_t n = 0; n <= text.size(); ++n) {
    std::string outcome = outcome_of(text.substr(0, n), "prefix.sgf");
    if (outcome.rfind("ok", 0) == 0) ++complete;
  }
  CHECK(complete >= 1);  // the whole file, and the whole file less its final newline
}
