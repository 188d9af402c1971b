// GTP line preprocessing, command parsing and response framing, byte for byte.
#include "tests/catch.h"

#include "engine/gtp/gtp_command.h"

using namespace dlgo;

TEST_CASE("input lines are cleaned as the GTP specification says") {
  CHECK(clean_gtp_line("play b D4") == "play b D4");
  CHECK(clean_gtp_line("play\tb\tD4\r") == "play b D4");
  CHECK(clean_gtp_line("  name  # the rest is a comment") == "name");
  CHECK(clean_gtp_line("# only a comment") == "");
  CHECK(clean_gtp_line("") == "");
  CHECK(clean_gtp_line(" \t \r") == "");
  CHECK(clean_gtp_line(std::string("na\x01m\x7f"
                                   "e\x1b",
                                   7)) == "name");
  CHECK(clean_gtp_line(std::string("name\0x", 6)) == "namex");
}

TEST_CASE("commands are split into id, name and arguments") {
  auto command = parse_gtp_line("12 play  white   Q16");
  REQUIRE(command);
  CHECK(command->id == "12");
  CHECK(command->name == "play");
  CHECK(command->args == std::vector<std::string>{"white", "Q16"});

  command = parse_gtp_line("genmove b");
  REQUIRE(command);
  CHECK(command->id.empty());
  CHECK(command->name == "genmove");

  command = parse_gtp_line("7");
  REQUIRE(command);
  CHECK(command->id == "7");
  CHECK(command->name.empty());

  // A name that starts with a digit is still a name when it is not all digits.
  command = parse_gtp_line("3d_command x");
  REQUIRE(command);
  CHECK(command->id.empty());
  CHECK(command->name == "3d_command");

  CHECK_FALSE(parse_gtp_line("   # nothing"));
  CHECK_FALSE(parse_gtp_line(""));
}

TEST_CASE("responses are framed exactly") {
  CHECK(format_gtp_response(true, "", "2") == "= 2\n\n");
  CHECK(format_gtp_response(true, "5", "2") == "=5 2\n\n");
  CHECK(format_gtp_response(true, "", "") == "= \n\n");
  CHECK(format_gtp_response(true, "11", "") == "=11 \n\n");
  CHECK(format_gtp_response(false, "", "unknown command") == "? unknown command\n\n");
  CHECK(format_gtp_response(false, "9", "illegal move") == "?9 illegal move\n\n");
  // Multi-line results keep their lines but never an empty one, which would end the response.
  CHECK(format_gtp_response(true, "", "a\nb\n") == "= a\nb\n\n");
  CHECK(format_gtp_response(true, "", "a\n\n\nb") == "= a\nb\n\n");
  CHECK(format_gtp_response(true, "", "\nboard\n") == "= \nboard\n\n");
  CHECK(format_gtp_response(true, "", "x\r\ny") == "= x\ny\n\n");
}
