// The external-engine client: talking to dlgo-gtp, and clear errors for engines that misbehave.
#include "tests/catch.h"

#include <sys/wait.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <optional>

#include "engine/gtp/gtp_client.h"

using namespace dlgo;

namespace {

std::vector<std::string> shell(const std::string& script) {
  return {"sh", "-c", script};
}

std::string error_of(std::vector<std::string> argv, const std::string& command,
                     GtpClientOptions options = {}) {
  try {
    GtpClient client(std::move(argv), options);
    client.send(command);
    client.send(command);
  } catch (const GtpEngineError& error) {
    return error.what();
  }
  return "";
}

bool process_gone(pid_t pid) {
  // Reaped children are no longer ours: waitpid fails with ECHILD.
  return ::waitpid(pid, nullptr, WNOHANG) == -1 && errno == ECHILD;
}

}  // namespace

TEST_CASE("command lines are split like a shell splits simple ones") {
  CHECK(split_command_line("gnugo --mode gtp --level 10") ==
        std::vector<std::string>{"gnugo", "--mode", "gtp", "--level", "10"});
  CHECK(split_command_line("  a  'b c'  \"d e\" f\\ g ''") ==
        std::vector<std::string>{"a", "b c", "d e", "f g", ""});
  CHECK(split_command_line("say \"it's\"") == std::vector<std::string>{"say", "it's"});
  CHECK(split_command_line(R"(sh -c "printf \"a\n\" \\")") ==
        std::vector<std::string>{"sh", "-c", R"(printf "a\n" \)"});
  CHECK_THROWS_AS(split_command_line("a 'b"), std::invalid_argument);
  CHECK_THROWS_AS(split_command_line("   "), std::invalid_argument);
  CHECK_THROWS_AS(split_command_line("a\\"), std::invalid_argument);
}

TEST_CASE("the client drives dlgo-gtp") {
  GtpClient client({DLGO_GTP_BINARY, "--bot", "random", "--board-size", "9"});
  CHECK(client.ask("protocol_version") == "2");
  CHECK(client.ask("name") == "dlgo");
  GtpReply reply = client.send("play b Z9");
  CHECK_FALSE(reply.success);
  CHECK(reply.text == "syntax error: invalid vertex 'Z9'");
  CHECK_THROWS_WITH(client.ask("frobnicate"),
                    Catch::Contains("refused 'frobnicate': unknown command"));
  CHECK(client.ask("showboard").find("A B C D E F G H J") != std::string::npos);
  client.quit();
  CHECK_FALSE(client.running());
  CHECK_THROWS_AS(client.send("name"), GtpEngineError);
}

TEST_CASE("a missing program is a clear error") {
  CHECK_THROWS_WITH(GtpClient({"no-such-gtp-engine-xyz"}),
                    Catch::Contains("'no-such-gtp-engine-xyz' is not an executable program"));
  CHECK_THROWS_WITH(GtpClient({"/no/such/dir/engine"}), Catch::Contains("not an executable"));
}

TEST_CASE("an answer outside the protocol is a protocol error") {
  std::string error = error_of(shell("read line; echo 'hello there'; sleep 5"), "name");
  CHECK_THAT(error, Catch::Contains("answered with 'hello there'"));
  CHECK_THAT(error, Catch::Contains("not a GTP response"));
  CHECK_THAT(error, Catch::Contains("command 'name'"));
}

TEST_CASE("an engine that exits is reported with its status and error output") {
  std::string error = error_of(shell("read line; echo 'out of cheese' >&2; exit 3"), "genmove b");
  CHECK_THAT(error, Catch::Contains("closed its output"));
  CHECK_THAT(error, Catch::Contains("exited with status 3"));
  CHECK_THAT(error, Catch::Contains("out of cheese"));
  CHECK_THAT(error, Catch::Contains("'genmove b'"));
}

TEST_CASE("an engine that stops reading is reported") {
  std::string error = error_of(shell("exec 0<&-; sleep 0.2; printf '= x\\n\\n'"), "name");
  CHECK_FALSE(error.empty());
}

TEST_CASE("a silent engine is killed after the response timeout") {
  GtpClientOptions options;
  options.response_timeout = std::chrono::milliseconds(300);
  auto start = std::chrono::steady_clock::now();
  std::string error = error_of(shell("sleep 30"), "genmove b", options);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK_THAT(error, Catch::Contains("did not answer within 300 ms"));
  CHECK(seconds < 5);
}

TEST_CASE("responses with ids, CR LF and failure marks are read") {
  GtpClient client(
      shell("while read line; do printf '=12 one\\r\\ntwo\\r\\n\\r\\n'; read line; "
            "printf '? no\\n\\n'; done"));
  GtpReply first = client.send("a");
  CHECK(first.success);
  CHECK(first.text == "one\ntwo");
  GtpReply second = client.send("b");
  CHECK_FALSE(second.success);
  CHECK(second.text == "no");
}

TEST_CASE("no engine outlives its client or stays a zombie") {
  pid_t pid = 0;
  {
    GtpClient client({DLGO_GTP_BINARY, "--bot", "random", "--board-size", "9"});
    pid = client.pid();
    CHECK(pid > 0);
    CHECK(client.ask("name") == "dlgo");
  }
  CHECK(process_gone(pid));

  // An engine that never answers `quit` is killed after the grace period.
  GtpClientOptions options;
  options.quit_grace = std::chrono::milliseconds(200);
  GtpClient silent(shell("while read line; do :; done"), options);
  pid = silent.pid();
  auto started = std::chrono::steady_clock::now();
  CHECK_THROWS_WITH(silent.quit(), Catch::Contains("did not answer within 200 ms"));
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(5));
  CHECK_FALSE(silent.running());
  CHECK(process_gone(pid));

  // One that dies mid-command, or answers outside the protocol, is reaped at once.
  for (const char* script : {"read line; exit 3", "read line; echo nonsense; exec sleep 60"}) {
    GtpClient engine(shell(script));
    pid = engine.pid();
    CHECK_THROWS_AS(engine.send("name"), GtpEngineError);
    CHECK_FALSE(engine.running());
    CHECK(process_gone(pid));
    CHECK_THROWS_WITH(engine.send("name"), Catch::Contains("not running"));
  }
}

TEST_CASE("a batch of commands is answered in order, failures included") {
  GtpClient client(
      shell("while read line; do case $line in bad*) printf '? no\\n\\n';; "
            "*) printf '= %s\\n\\n' \"$line\";; esac; done"));
  std::vector<GtpReply> replies = client.send_all({"one", "bad two", "three"});
  REQUIRE(replies.size() == 3);
  CHECK(replies[0].success);
  CHECK(replies[0].text == "one");
  CHECK_FALSE(replies[1].success);
  CHECK(replies[2].text == "three");
  CHECK(client.send_all({}).empty());
  CHECK_THROWS_AS(client.send_all({"fine", "two\nlines"}), std::invalid_argument);
  CHECK(client.ask("still here") == "still here");
}

TEST_CASE("find_program searches PATH, then the fallback directories") {
  std::optional<std::string> sh = find_program("sh");
  REQUIRE(sh);
  CHECK(sh->back() == 'h');
  CHECK(find_program(*sh) == sh);
  CHECK_FALSE(find_program("dlgo-no-such-program"));
  CHECK_FALSE(find_program(""));
  // A directory outside PATH is searched only when named as a fallback.
  std::string dir = sh->substr(0, sh->rfind('/'));
  std::string saved_path = std::getenv("PATH") ? std::getenv("PATH") : "";
  ::setenv("PATH", "/nonexistent", 1);
  CHECK_FALSE(find_program("sh"));
  CHECK(find_program("sh", {"/also/nonexistent", dir}) == dir + "/sh");
  ::setenv("PATH", saved_path.c_str(), 1);
}
