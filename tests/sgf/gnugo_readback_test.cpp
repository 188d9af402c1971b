// GNU Go reads the SGF we write: `loadsgf` then `list_stones` must give our final board.
// GNU Go is a test dependency (Debian package gnugo); without it these tests fail.
#include "tests/catch.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "engine/handicap.h"
#include "engine/playout.h"
#include "engine/sgf/sgf_writer.h"

using namespace dlgo;

namespace {

std::string find_gnugo() {
  std::vector<std::string> dirs;
  if (const char* path = std::getenv("PATH")) {
    std::stringstream list(path);
    for (std::string dir; std::getline(list, dir, ':');) dirs.push_back(dir);
  }
  dirs.push_back("/usr/games");  // where Debian installs it, often not on PATH
  for (const std::string& dir : dirs) {
    std::string candidate = (dir.empty() ? "." : dir) + "/gnugo";
    if (access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return "";
}

// A file under the system's temporary folder, removed when this goes out of scope.
class TempFile {
 public:
  TempFile(const std::string& suffix, const std::string& contents) {
    std::string pattern =
        (std::filesystem::temp_directory_path() / ("dlgo-sgf-XXXXXX" + suffix)).string();
    std::vector<char> name(pattern.begin(), pattern.end());
    name.push_back('\0');
    int fd = mkstemps(name.data(), static_cast<int>(suffix.size()));
    REQUIRE(fd >= 0);
    close(fd);
    path_ = name.data();
    std::ofstream(path_, std::ios::binary) << contents;
  }
  ~TempFile() { std::remove(path_.c_str()); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// GTP answers in order, without the "= " and the blank line.
std::vector<std::string> run_gnugo(const std::vector<std::string>& commands) {
  std::string gnugo = find_gnugo();
  REQUIRE_FALSE(gnugo.empty());  // install the Debian package gnugo
  std::string script;
  for (const std::string& c : commands) script += c + "\n";
  script += "quit\n";
  TempFile input(".gtp", script);
  std::string command = gnugo + " --mode gtp < " + input.path();
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string output;
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) {
    output.append(buffer, n);
  }
  REQUIRE(pclose(pipe) == 0);
  std::vector<std::string> answers;
  std::stringstream lines(output);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty()) continue;
    INFO("GNU Go said: " << line);
    REQUIRE(line[0] == '=');
    answers.push_back(line.size() > 2 ? line.substr(2) : "");
  }
  return answers;
}

std::vector<std::string> sorted_words(const std::string& text) {
  std::vector<std::string> words;
  std::stringstream in(text);
  for (std::string w; in >> w;) words.push_back(w);
  std::sort(words.begin(), words.end());
  return words;
}

std::vector<std::string> our_stones(const GameState& game, Color c) {
  std::vector<std::string> stones;
  for (int p = 0; p < game.size().num_points(); ++p) {
    if (game.board().at(p) == c) stones.push_back(point_to_gtp(game.size(), p));
  }
  std::sort(stones.begin(), stones.end());
  return stones;
}

void check_gnugo_reads(const GameState& game, const std::vector<SetupStone>& setup) {
  TempFile sgf(".sgf", write_game_sgf(game, GameInfo{}, setup));
  std::vector<std::string> answers =
      run_gnugo({"loadsgf " + sgf.path(), "list_stones black", "list_stones white"});
  REQUIRE(answers.size() >= 3);
  CHECK(answers[0] == std::string(game.next_player() == Color::kBlack ? "black" : "white"));
  CHECK(sorted_words(answers[1]) == our_stones(game, Color::kBlack));
  CHECK(sorted_words(answers[2]) == our_stones(game, Color::kWhite));
  CHECK(our_stones(game, Color::kBlack).size() > 0);
}

}  // namespace

TEST_CASE("GNU Go reads back a finished 9x9 game with captures and passes") {
  GameState game = GameState::new_game(9);
  Rng rng(11);
  play_random_game(game, rng);
  REQUIRE(game.is_over());
  REQUIRE(game.prisoners(Color::kBlack) + game.prisoners(Color::kWhite) > 0);
  check_gnugo_reads(game, {});
}

TEST_CASE("GNU Go reads back a 19x19 handicap game") {
  GameState game = GameState::new_game(19);
  std::vector<int> handicap = fixed_handicap_points(game.size(), 5).points;
  game.place_handicap(handicap);
  Rng rng(5);
  play_random_game(game, rng, 201);
  std::vector<SetupStone> setup;
  for (int p : handicap) setup.push_back(SetupStone{p, Color::kBlack});
  check_gnugo_reads(game, setup);
}

TEST_CASE("GNU Go reads back a 13x13 game from a setup position of both colours") {
  GameState game = GameState::new_game(13);
  std::vector<SetupStone> setup = {{point_of(game.size(), 3, 3), Color::kBlack},
                                   {point_of(game.size(), 9, 9), Color::kWhite},
                                   {point_of(game.size(), 3, 9), Color::kWhite}};
  for (const SetupStone& s : setup) game.add_setup_stone(s.point, s.color);
  Rng rng(3);
  play_random_game(game, rng, 90);
  check_gnugo_reads(game, setup);
}
