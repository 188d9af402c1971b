// The GTP client: talking to GNU Go, batching, and every way an engine can misbehave (played by
// small /bin/sh scripts standing in for an engine).
#include "tests/catch.h"

#include <signal.h>
#include <sys/wait.h>

#include <cerrno>
#include <chrono>

#include "tests/gnugo/gnugo_reference.h"
#include "tests/gnugo/gtp_process.h"

using namespace dlgo;
using Catch::Contains;

namespace {

// An "engine" written in shell, answering the way the script says. Scripts `exec` any long
// sleep, so that killing the engine leaves no grandchild holding our output open.
std::unique_ptr<GtpProcess> shell_engine(const std::string& script,
                                         GtpProcessOptions options = {}) {
  return std::make_unique<GtpProcess>(std::vector<std::string>{"sh", "-c", script}, options);
}

bool process_gone(pid_t pid) {
  // Reaped children are no longer ours: waitpid fails with ECHILD and kill finds nothing.
  return ::waitpid(pid, nullptr, WNOHANG) == -1 && errno == ECHILD;
}

}  // namespace

TEST_CASE("GtpProcess talks GTP to GNU Go") {
  std::unique_ptr<GtpProcess> gnugo = start_gnugo();
  CHECK(gnugo->running());
  CHECK(gnugo->ask("protocol_version") == "2");
  CHECK(gnugo->ask("name") == "GNU Go");

  GtpResponse unknown = gnugo->send("no_such_command");
  CHECK_FALSE(unknown.success);
  CHECK(unknown.text == "unknown command");
  CHECK_THROWS_WITH(gnugo->ask("no_such_command"),
                    Contains("rejected 'no_such_command'") && Contains("unknown command"));

  // Multi-line responses keep their lines.
  std::string commands = gnugo->ask("list_commands");
  CHECK_THAT(commands, Contains("\nall_legal\n"));

  CHECK_THROWS_AS(gnugo->send("boardsize 9\nclear_board"), std::invalid_argument);
  CHECK_THROWS_AS(gnugo->send("   "), std::invalid_argument);
}

TEST_CASE("a large batch is answered in order without deadlock") {
  // Far more input than a socket buffer holds and more output than a pipe holds: writing it
  // all before reading would block both sides forever.
  std::unique_ptr<GtpProcess> gnugo = start_gnugo();
  std::vector<std::string> commands;
  for (int i = 0; i < 20000; ++i) {
    commands.push_back(i % 2 == 0 ? "known_command protocol_version" : "known_command nonsense");
  }
  commands.push_back("boardsize 19");
  commands.push_back("showboard");
  std::vector<GtpResponse> responses = gnugo->send_all(commands);
  REQUIRE(responses.size() == commands.size());
  for (int i = 0; i < 20000; ++i) {
    REQUIRE(responses[i].success);
    REQUIRE(responses[i].text == (i % 2 == 0 ? "true" : "false"));
  }
  CHECK_THAT(responses.back().text, Contains("A B C D E F G H J K L M N O P Q R S T"));
}

TEST_CASE("the destructor sends quit and reaps the engine") {
  pid_t pid = 0;
  {
    std::unique_ptr<GtpProcess> gnugo = start_gnugo();
    pid = gnugo->pid();
    CHECK(pid > 0);
  }
  CHECK(process_gone(pid));

  // An engine that never answers `quit` is killed after the grace period.
  GtpProcessOptions options;
  options.quit_grace = std::chrono::milliseconds(200);
  auto silent = shell_engine("while read line; do :; done", options);
  pid = silent->pid();
  auto started = std::chrono::steady_clock::now();
  CHECK_THROWS_WITH(silent->quit(), Contains("did not answer 'quit'"));
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(5));
  CHECK_FALSE(silent->running());
  CHECK(process_gone(pid));
}

TEST_CASE("responses with ids, CR LF line ends and failures are parsed") {
  auto engine = shell_engine(
      "read line; printf '=7 hi there\\r\\n\\r\\n';"
      "read line; printf '? bad thing\\n\\n';"
      "read line; printf '= line one\\nline two\\n\\n';"
      "read line; printf '=\\n\\n'");
  GtpResponse first = engine->send("a");
  CHECK(first.success);
  CHECK(first.text == "hi there");
  GtpResponse second = engine->send("b");
  CHECK_FALSE(second.success);
  CHECK(second.text == "bad thing");
  CHECK(engine->ask("c") == "line one\nline two");
  CHECK(engine->ask("d").empty());
}

TEST_CASE("an engine that dies mid-command gives a clear error") {
  auto engine = shell_engine("read line; exit 3");
  pid_t pid = engine->pid();
  CHECK_THROWS_WITH(engine->send("genmove black"), Contains("'sh'") &&
                                                       Contains("'genmove black'") &&
                                                       Contains("exited with status 3"));
  CHECK_FALSE(engine->running());
  CHECK(process_gone(pid));
  CHECK_THROWS_WITH(engine->send("name"), Contains("not running"));

  auto killed = shell_engine("read line; kill -9 $$");
  CHECK_THROWS_WITH(killed->send("name"), Contains("killed by signal 9"));
}

TEST_CASE("a response that is not GTP is a protocol error") {
  auto engine = shell_engine("read line; echo 'hello, world'; echo; exec sleep 60");
  pid_t pid = engine->pid();
  auto started = std::chrono::steady_clock::now();
  CHECK_THROWS_WITH(engine->send("name"),
                    Contains("protocol error") && Contains("'hello, world'") && Contains("'name'"));
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(5));
  CHECK_FALSE(engine->running());
  CHECK(process_gone(pid));
}

TEST_CASE("an engine silent past the timeout is killed") {
  GtpProcessOptions options;
  options.response_timeout = std::chrono::milliseconds(200);
  auto engine = shell_engine("read line; exec sleep 60", options);
  pid_t pid = engine->pid();
  CHECK_THROWS_WITH(engine->send("genmove white"),
                    Contains("did not answer 'genmove white'") && Contains("200 ms"));
  CHECK(process_gone(pid));
}

TEST_CASE("a program that does not exist is reported, not run") {
  CHECK_THROWS_WITH(GtpProcess({"dlgo-no-such-gtp-engine"}),
                    Contains("dlgo-no-such-gtp-engine") && Contains("no such executable"));
  CHECK_THROWS_WITH(GtpProcess({"/nonexistent/engine"}), Contains("no such executable"));
  CHECK_THROWS_AS(GtpProcess(std::vector<std::string>{}), GtpError);
}

TEST_CASE("find_executable searches PATH, then the fallback directories") {
  std::optional<std::string> sh = find_executable("sh");
  REQUIRE(sh);
  CHECK(sh->back() == 'h');
  CHECK(find_executable(*sh) == sh);
  CHECK_FALSE(find_executable("dlgo-no-such-program"));
  std::string dir = sh->substr(0, sh->rfind('/'));
  CHECK(find_executable("sh", {dir}));
  CHECK_FALSE(find_executable(""));
}

TEST_CASE("GNU Go's vertex lists are read as points") {
  BoardSize size{9, 9};
  CHECK(parse_vertex_list(size, "").empty());
  CHECK(parse_vertex_list(size, "J9 A1 b2") == std::vector<int>{0, 10, 80});
  CHECK(vertex_list(size, {80, 0, 10}) == "A1 B2 J9");
  CHECK_THROWS_WITH(parse_vertex_list(size, "A1 K10"), Contains("'K10'"));
}
