// The match record: what it writes reads back, malformed files are errors naming the line, and
// another match's record is refused naming the setting that differs.
#include "tests/catch.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/eval/match_record.h"

using namespace dlgo;

namespace {

std::string temp_path(const std::string& name) {
  return (std::filesystem::temp_directory_path() /
          ("dlgo_match_record_" + name + "_" + std::to_string(::getpid())))
      .string();
}

void write_file(const std::string& path, const std::string& text) {
  std::ofstream file(path, std::ios::binary);
  file << text;
}

std::string read_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

GameOutcome outcome(int index, int black, Color winner, const std::string& result, int moves,
                    double seconds, int replays) {
  GameOutcome game;
  game.game = ScheduledGame{index, black, 1 - black};
  game.winner = winner;
  game.result = result;
  game.moves = moves;
  game.seconds = seconds;
  game.engine_failures.assign(static_cast<std::size_t>(replays), "died");
  return game;
}

}  // namespace

TEST_CASE("a match record reads back what was written") {
  const std::string path = temp_path("round_trip");
  MatchRecord record;
  record.settings = {{"agent1", "agents/zero_19.h5"},
                     {"agent2", "gtp:gnugo --mode gtp --level 10"},
                     {"komi", "7.5"}};
  record.games = {outcome(1, 1, Color::kBlack, "B+R", 166, 658.14, 0),
                  outcome(0, 0, Color::kWhite, "W+3.5", 316, 1249.5, 2),
                  outcome(2, 0, Color::kEmpty, "0", 300, 1.0, 0)};
  write_match_record(path, record);
  MatchRecord back = read_match_record(path);
  CHECK(back.settings == record.settings);
  REQUIRE(back.games.size() == 3);
  CHECK(back.games[0].game.index == 1);
  CHECK(back.games[0].game.black == 1);
  CHECK(back.games[0].game.white == 0);
  CHECK(back.games[0].winner == Color::kBlack);
  CHECK(back.games[0].winner_index() == 1);
  CHECK(back.games[0].result == "B+R");
  CHECK(back.games[0].moves == 166);
  CHECK(back.games[0].seconds == Approx(658.1));
  CHECK(back.games[1].winner_index() == 1);
  CHECK(back.games[1].engine_failures.size() == 2);
  CHECK(back.games[2].winner_index() == -1);
  std::filesystem::remove(path);
}

TEST_CASE("a malformed match record is an error naming the file, the line and the fault") {
  const std::string path = temp_path("malformed");
  const std::string head = "dlgo match record 1\nsetting\tkomi\t7.5\n";
  struct Case {
    std::string text;
    std::string message;
  };
  const Case cases[] = {
      {"", "empty file"},
      {"komi 7.5\n", ":1: not a match record"},
      {head + "game\t0\t0\t1\tB\tB+R\t10\n",
       ":3: a game line has 9 tab-separated fields, this one 7"},
      {head + "game\t0\t0\t0\tB\tB+R\t10\t1.0\t0\n", ":3: the players must be 0 and 1"},
      {head + "game\tx\t0\t1\tB\tB+R\t10\t1.0\t0\n", ":3: bad game number 'x'"},
      {head + "game\t0\t0\t1\tQ\tB+R\t10\t1.0\t0\n", ":3: the winner must be B, W or -"},
      {head + "game\t0\t0\t1\tW\tB+R\t10\t1.0\t0\n", ":3: the result 'B+R' does not match"},
      {head + "game\t0\t0\t1\tB\tB+R\t-4\t1.0\t0\n", ":3: bad move count '-4'"},
      {head + "game\t0\t0\t1\tB\tB+R\t4\tsoon\t0\n", ":3: bad seconds 'soon'"},
      {head + "game\t0\t0\t1\tB\tB+R\t4\t1.0\t0\ngame\t0\t1\t0\tB\tB+R\t4\t1.0\t0\n",
       ":4: game 1 is listed twice"},
      {head + "game\t0\t0\t1\tB\tB+R\t4\t1.0\t0\nsetting\tx\ty\n", ":4: a setting after the games"},
      {head + "move\tD4\n", ":3: unknown line kind 'move'"},
  };
  for (const Case& c : cases) {
    write_file(path, c.text);
    INFO(c.text);
    CHECK_THROWS_WITH(read_match_record(path), Catch::Contains(c.message));
  }
  CHECK_THROWS_WITH(read_match_record(path + ".missing"),
                    Catch::Contains("cannot read the match record"));
  std::filesystem::remove(path);
}

TEST_CASE("another match's record is refused, naming the setting that differs") {
  const MatchSettingList recorded = {{"agent1", "a.h5"}, {"komi", "7.5"}, {"rounds", "600"}};
  CHECK_NOTHROW(check_same_match("r.txt", recorded, recorded));
  CHECK_THROWS_WITH(
      check_same_match("r.txt", recorded, {{"agent1", "a.h5"}, {"komi", "6.5"}, {"rounds", "600"}}),
      Catch::Contains("komi is 7.5 there, 6.5 here"));
  CHECK_THROWS_WITH(check_same_match("r.txt", recorded, {{"agent1", "a.h5"}, {"komi", "7.5"}}),
                    Catch::Contains("it sets rounds = 600"));
  CHECK_THROWS_WITH(
      check_same_match("r.txt", recorded,
                       {{"agent1", "a.h5"}, {"komi", "7.5"}, {"rounds", "600"}, {"greedy", "no"}}),
      Catch::Contains("it has no greedy"));
}

TEST_CASE("a setting or result the format cannot hold is refused before anything is written") {
  const std::string path = temp_path("unwritable");
  write_file(path, "kept");
  MatchRecord record;
  record.settings = {{"agent2", "gtp:engine\twith a tab"}};
  CHECK_THROWS_WITH(write_match_record(path, record), Catch::Contains("contains a tab"));
  CHECK(read_file(path) == "kept");
  std::filesystem::remove(path);
}

TEST_CASE("a file's fingerprint follows its contents") {
  const std::string path = temp_path("fingerprint");
  write_file(path, "agent weights");
  const std::string first = file_fingerprint(path);
  CHECK(first.find("13 bytes, fnv1a64 ") == 0);
  CHECK(file_fingerprint(path) == first);
  write_file(path, "agent weightz");
  CHECK(file_fingerprint(path) != first);
  std::filesystem::remove(path);
  CHECK_THROWS_AS(file_fingerprint(path), MatchRecordError);
}
