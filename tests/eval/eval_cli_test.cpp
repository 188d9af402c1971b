// dlgo-eval as a user runs it: matches (random vs random, against GNU Go over GTP), a round
// robin, and errors with their exit codes.
#include "tests/catch.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <string>

using namespace std::string_literals;

namespace {

struct Run {
  int status = -1;
  std::string output;  // stdout and stderr together
};

Run run(const std::string& arguments) {
  Run result;
  FILE* pipe = ::popen(("'"s + DLGO_EVAL_BINARY + "' " + arguments + " 2>&1").c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buffer[4096];
  std::size_t got;
  while ((got = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) result.output.append(buffer, got);
  int status = ::pclose(pipe);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

// A GTP engine written as a shell script: `cases` are the branches of a `case` on each input
// line; anything else answers "= " (success, empty).
std::string fake_engine(const std::string& name, const std::string& cases) {
  namespace fs = std::filesystem;
  fs::path path = fs::temp_directory_path() /
                  ("dlgo_eval_test_" + name + "_" + std::to_string(::getpid()) + ".sh");
  {
    std::ofstream file(path);
    file << "#!/bin/sh\nwhile read line; do\n  case \"$line\" in\n"
         << cases << "    *) printf '= \\n\\n' ;;\n  esac\ndone\n";
  }
  fs::permissions(path, fs::perms::owner_all);
  return path.string();
}

}  // namespace

TEST_CASE("random against random over 200 games on 9x9: the interval contains one half") {
  // One worker and a fixed seed: the same 200 games every run, so the check cannot flake.
  Run match =
      run("match --agent1 random --agent2 random --games 200 --board-size 9 --workers 1 --seed 7");
  INFO(match.output);
  REQUIRE(match.status == 0);
  std::smatch found;
  REQUIRE(std::regex_search(match.output, found,
                            std::regex("win rate of random: ([0-9.]+), 95% interval "
                                       "\\[([0-9.]+), ([0-9.]+)\\] \\(Wilson\\)")));
  double low = std::stod(found[2]), high = std::stod(found[3]);
  CHECK(low < 0.5);
  CHECK(high > 0.5);
  CHECK(high - low < 0.15);
  CHECK(match.output.find("random vs random#2 on 9x9, komi 7.5: 200 games") != std::string::npos);
  CHECK(std::regex_search(match.output, std::regex("Elo difference random - random#2: [-+]\\d+, "
                                                   "95% interval \\[-\\d+, \\+\\d+\\]")));
  // One line per game.
  CHECK(std::regex_search(match.output,
                          std::regex("game 200/200: random#2 \\(B\\) vs random \\(W\\)")));
}

TEST_CASE("a game against GNU Go through gtp: completes with no protocol error") {
  std::string gnugo = DLGO_GNUGO;
  INFO("GNU Go is needed for this test: apt-get install gnugo");
  REQUIRE_FALSE(gnugo.empty());
  Run match = run("match --agent1 mcts --mcts-rounds 50 --agent2 'gtp:" + gnugo +
                  " --mode gtp --level 1' --games 2 --board-size 9");
  INFO(match.output);
  CHECK(match.status == 0);
  CHECK(match.output.find("error") == std::string::npos);
  CHECK(match.output.find("forfeits") == std::string::npos);
  CHECK(std::regex_search(match.output,
                          std::regex("game 1/2: mcts \\(B\\) vs gnugo \\(W\\): [BW]\\+")));
  CHECK(std::regex_search(match.output,
                          std::regex("game 2/2: gnugo \\(B\\) vs mcts \\(W\\): [BW]\\+")));
  CHECK(match.output.find("mcts vs gnugo on 9x9, komi 7.5: 2 games") != std::string::npos);
}

TEST_CASE("GNU Go can referee the dead stones") {
  std::string gnugo = DLGO_GNUGO;
  INFO("GNU Go is needed for this test: apt-get install gnugo");
  REQUIRE_FALSE(gnugo.empty());
  Run match = run("match --agent1 random --agent2 random --games 2 --board-size 9 --referee '" +
                  gnugo + " --mode gtp --level 1'");
  INFO(match.output);
  CHECK(match.status == 0);
  CHECK(match.output.find("2 games") != std::string::npos);
  // A referee that names a point without a stone is caught.
  std::string referee = fake_engine("liar", "    final_status_list*) printf '= Z9\\n\\n' ;;\n");
  Run liar =
      run("match --agent1 random --agent2 random --games 1 --board-size 5 --referee " + referee);
  INFO(liar.output);
  CHECK(liar.status == 1);
  CHECK(liar.output.find("but there is no stone there") != std::string::npos);
  std::filesystem::remove(referee);
}

TEST_CASE("a round robin rates every player") {
  Run elo =
      run("elo --agents random mcts random --mcts-rounds 30 --games-per-pair 4 "
          "--board-size 5 --workers 2");
  INFO(elo.output);
  REQUIRE(elo.status == 0);
  CHECK(elo.output.find("Bradley-Terry ratings") != std::string::npos);
  for (const char* name : {"random ", "mcts ", "random#2 "}) {
    CHECK(std::regex_search(
        elo.output,
        std::regex("\\n\\d +"s + name + " +[-+]\\d+ +\\[ *[-+]\\d+, *[-+]\\d+\\] +[0-9.]+ +8\\n")));
  }
  CHECK(std::regex_search(elo.output, std::regex("game 12/12: ")));
}

TEST_CASE("bad input gives a one-line error and the documented exit code") {
  Run unknown = run("match --agent1 random --agent2 no-such-bot --games 2");
  CHECK(unknown.status == 1);
  CHECK(unknown.output.find("no-such-bot") != std::string::npos);

  Run missing = run("match --agent1 random --agent2 'gtp:no-such-engine-xyz --mode gtp' --games 2");
  CHECK(missing.status == 1);
  CHECK(missing.output.find("'no-such-engine-xyz' is not an executable program") !=
        std::string::npos);

  const std::string junk = fake_engine("junk", "    *) echo junk ;;\n");
  Run protocol = run("match --agent1 random --agent2 gtp:" + junk + " --games 2");
  std::filesystem::remove(junk);
  CHECK(protocol.status == 1);
  CHECK(protocol.output.find("not a GTP response") != std::string::npos);

  // An engine that always answers A1 plays an illegal move the second time and forfeits.
  const std::string a1 = fake_engine("a1", "    genmove*) printf '= A1\\n\\n' ;;\n");
  Run illegal = run("match --agent1 random --agent2 gtp:" + a1 +
                    " --games 2 --board-size 5 --move-timeout 20");
  std::filesystem::remove(a1);
  INFO(illegal.output);
  CHECK(illegal.status == 0);
  CHECK(illegal.output.find("forfeits with the illegal move A1") != std::string::npos);
  CHECK(illegal.output.find("+F") != std::string::npos);

  // An engine that dies the first time it is asked for a move (as GNU Go 3.8 segfaults now
  // and then): the game is replayed with a fresh engine and the match goes on.
  const std::string marker = std::filesystem::temp_directory_path() /
                             ("dlgo_eval_test_crashed_" + std::to_string(::getpid()));
  std::filesystem::remove(marker);
  const std::string flaky =
      fake_engine("flaky", "    genmove*) if [ ! -e " + marker + " ]; then touch " + marker +
                               "; kill -SEGV $$; fi; printf '= pass\\n\\n' ;;\n");
  Run survived = run("match --agent1 random --agent2 gtp:" + flaky +
                     " --games 2 --board-size 5 --move-timeout 20");
  INFO(survived.output);
  CHECK(survived.status == 0);
  CHECK(survived.output.find("replayed from the start after an engine failure") !=
        std::string::npos);
  CHECK(survived.output.find("1 game(s) replayed after an engine failure") != std::string::npos);
  CHECK(survived.output.find(": 2 games") != std::string::npos);
  // One that dies every time stops the run once the game's replays are spent.
  std::filesystem::remove(marker);
  const std::string dying = fake_engine("dying", "    genmove*) kill -SEGV $$ ;;\n");
  Run stopped = run("match --agent1 random --agent2 gtp:" + dying +
                    " --games 2 --board-size 5 --engine-restarts 1");
  INFO(stopped.output);
  CHECK(stopped.status == 1);
  CHECK(stopped.output.find("match stopped after 0 games") != std::string::npos);
  CHECK(stopped.output.find("1 game(s) replayed") == std::string::npos);
  std::filesystem::remove(flaky);
  std::filesystem::remove(dying);
  std::filesystem::remove(marker);

  CHECK(run("match --agent1 random --agent2 random --games 0").status == 2);
  CHECK(run("match --agent1 random").status == 2);
  CHECK(run("elo --agents random").status == 2);
  CHECK(run("frobnicate").status == 2);
  CHECK(run("--help").status == 0);
}

TEST_CASE("a match with --record resumes where it stopped and refuses another match's record") {
  namespace fs = std::filesystem;
  const std::string record =
      (fs::temp_directory_path() / ("dlgo_eval_test_record_" + std::to_string(::getpid())))
          .string();
  fs::remove(record);
  const std::string common =
      "match --agent1 random --agent2 mcts --mcts-rounds 20 --board-size 5 "
      "--seed 3 --record '" +
      record + "'";
  Run first = run(common + " --games 3");
  INFO(first.output);
  REQUIRE(first.status == 0);
  CHECK(first.output.find("resuming") == std::string::npos);

  std::ifstream written(record);
  std::string line;
  int game_lines = 0;
  while (std::getline(written, line)) game_lines += line.rfind("game\t", 0) == 0 ? 1 : 0;
  CHECK(game_lines == 3);

  // The same command with more games plays only the missing ones and reports all of them.
  Run resumed = run(common + " --games 5 --sgf-dir '" + record + "_sgf'");
  INFO(resumed.output);
  REQUIRE(resumed.status == 0);
  CHECK(resumed.output.find("resuming from " + record + ": 3 of 5 games already played") !=
        std::string::npos);
  CHECK(resumed.output.find("random vs mcts on 5x5, komi 7.5: 5 games") != std::string::npos);
  for (int game = 1; game <= 5; ++game) {
    CHECK(resumed.output.find("game " + std::to_string(game) + "/5: ") != std::string::npos);
  }
  // Only games 4 and 5 were played this time: only they have SGF files.
  CHECK_FALSE(fs::exists(record + "_sgf/game_0003.sgf"));
  CHECK(fs::exists(record + "_sgf/game_0004.sgf"));
  CHECK(fs::exists(record + "_sgf/game_0005.sgf"));

  // Everything is played: running it again plays nothing and gives the same summary.
  Run again = run(common + " --games 5");
  INFO(again.output);
  CHECK(again.status == 0);
  CHECK(again.output.find("5 of 5 games already played") != std::string::npos);
  std::smatch before, after;
  const std::regex summary("won \\d+, mcts won \\d+, \\d+ drawn");
  REQUIRE(std::regex_search(resumed.output, before, summary));
  REQUIRE(std::regex_search(again.output, after, summary));
  CHECK(before.str() == after.str());

  // Another match's record is refused, naming the difference, and left as it was.
  std::ifstream kept_stream(record);
  const std::string kept((std::istreambuf_iterator<char>(kept_stream)), {});
  Run other = run(common + " --games 5 --komi 6.5");
  CHECK(other.status == 1);
  CHECK(other.output.find("komi is 7.5 there, 6.5 here") != std::string::npos);
  Run fewer = run(common + " --games 2");
  CHECK(fewer.status == 1);
  CHECK(fewer.output.find("holds game 3, more than --games 2") != std::string::npos);
  std::ifstream after_stream(record);
  CHECK(std::string((std::istreambuf_iterator<char>(after_stream)), {}) == kept);

  // A file that is not a record is an error naming it, and is not overwritten.
  { std::ofstream(record) << "my notes\n"; }
  Run junk = run(common + " --games 5");
  CHECK(junk.status == 1);
  CHECK(junk.output.find(record + ":1: not a match record") != std::string::npos);
  std::ifstream junk_stream(record);
  CHECK(std::string((std::istreambuf_iterator<char>(junk_stream)), {}) == "my notes\n");
  fs::remove(record);
  fs::remove_all(record + "_sgf");
}
