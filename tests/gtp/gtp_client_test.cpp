// The external-engine client: talking to dlgo-gtp, and clear errors for engines that misbehave.
#include "tests/catch.h"

#include <chrono>

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
