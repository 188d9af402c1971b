// The engine's GTP client (engine/gtp/gtp_client.h) driving GNU Go, as the differential tests
// do: single commands, a batch far larger than the pipe buffers, and GNU Go's vertex lists.
// The client's handling of misbehaving engines is tested in tests/gtp/gtp_client_test.cpp.
#include "tests/catch.h"

#include "engine/gtp/gtp_client.h"
#include "tests/gnugo/gnugo_reference.h"

using namespace dlgo;
using Catch::Contains;

TEST_CASE("the GTP client talks GTP to GNU Go") {
  std::unique_ptr<GtpClient> gnugo = start_gnugo();
  CHECK(gnugo->running());
  CHECK(gnugo->ask("protocol_version") == "2");
  CHECK(gnugo->ask("name") == "GNU Go");

  GtpReply unknown = gnugo->send("no_such_command");
  CHECK_FALSE(unknown.success);
  CHECK(unknown.text == "unknown command");
  CHECK_THROWS_WITH(gnugo->ask("no_such_command"),
                    Contains("refused 'no_such_command'") && Contains("unknown command"));

  // Multi-line responses keep their lines.
  std::string commands = gnugo->ask("list_commands");
  CHECK_THAT(commands, Contains("\nall_legal\n"));

  CHECK_THROWS_AS(gnugo->send("boardsize 9\nclear_board"), std::invalid_argument);
  CHECK_THROWS_AS(gnugo->send("   "), std::invalid_argument);
}

TEST_CASE("a large batch is answered in order without deadlock") {
  // Far more input than a socket buffer holds and more output than a pipe holds: writing it
  // all before reading would block both sides forever.
  std::unique_ptr<GtpClient> gnugo = start_gnugo();
  std::vector<std::string> commands;
  for (int i = 0; i < 20000; ++i) {
    commands.push_back(i % 2 == 0 ? "known_command protocol_version" : "known_command nonsense");
  }
  commands.push_back("boardsize 19");
  commands.push_back("showboard");
  std::vector<GtpReply> responses = gnugo->send_all(commands);
  REQUIRE(responses.size() == commands.size());
  for (int i = 0; i < 20000; ++i) {
    REQUIRE(responses[i].success);
    REQUIRE(responses[i].text == (i % 2 == 0 ? "true" : "false"));
  }
  CHECK_THAT(responses.back().text, Contains("A B C D E F G H J K L M N O P Q R S T"));
  // Single commands still work after a batch.
  CHECK(gnugo->ask("name") == "GNU Go");
}

TEST_CASE("GNU Go's vertex lists are read as points") {
  BoardSize size{9, 9};
  CHECK(parse_vertex_list(size, "").empty());
  CHECK(parse_vertex_list(size, "J9 A1 b2") == std::vector<int>{0, 10, 80});
  CHECK(vertex_list(size, {80, 0, 10}) == "A1 B2 J9");
  CHECK_THROWS_WITH(parse_vertex_list(size, "A1 K10"), Contains("'K10'"));
}
