#include "tests/catch.h"

#include <string>

#include "engine/sgf/sgf_reader.h"

using namespace dlgo;

namespace {

// All values of property `id` in node `node`, joined with '|'.
std::string values_of(const SgfCollection& c, int node, const char* id) {
  const SgfCollection::Property* p = c.find(node, id);
  if (p == nullptr) return "<none>";
  std::string joined;
  for (int i = 0; i < c.value_count(*p); ++i) {
    if (i > 0) joined += '|';
    joined += std::string(c.value(*p, i));
  }
  return joined;
}

// The error a text raises; fails the test when it parses.
SgfError error_of(const std::string& text, const std::string& source = "<string>") {
  try {
    parse_sgf(text, source);
  } catch (const SgfError& e) {
    return e;
  }
  FAIL("parsed without error: " << text);
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("a game is a sequence of nodes with properties") {
  SgfCollection c = parse_sgf("(;GM[1]SZ[9];B[ee];W[ce])");
  REQUIRE(c.game_count() == 1);
  std::vector<int> line = c.main_line(0);
  REQUIRE(line.size() == 3);
  CHECK(values_of(c, line[0], "SZ") == "9");
  CHECK(values_of(c, line[1], "B") == "ee");
  CHECK(values_of(c, line[2], "W") == "ce");
  CHECK(values_of(c, line[2], "B") == "<none>");
  CHECK(c.node(line[2]).parent == line[1]);
}

TEST_CASE("properties keep several values, including empty ones") {
  SgfCollection c = parse_sgf("(;AB[aa][bb]\n\n[cc]AE[]C[])");
  CHECK(values_of(c, 0, "AB") == "aa|bb|cc");
  CHECK(values_of(c, 0, "AE") == "");
  CHECK(c.value_count(*c.find(0, "AE")) == 1);
}

TEST_CASE("escapes and soft line breaks are decoded in values") {
  SgfCollection c = parse_sgf(
      "(;C[a \\] b \\\\ c \\: d\\x]GN[one\\\ntwo\\\r\nthree\\\rfour]"
      "EV[keep\nhard\r\nbreaks])");
  CHECK(values_of(c, 0, "C") == "a ] b \\ c : dx");
  CHECK(values_of(c, 0, "GN") == "onetwothreefour");
  CHECK(values_of(c, 0, "EV") == "keep\nhard\r\nbreaks");
}

TEST_CASE("whitespace may stand between any two tokens") {
  SgfCollection c =
      parse_sgf(" \r\n ( \t ; B \n [aa] \n [bb] ; W\t[cc]\n(;B[dd])\n(\n;B[ee]\n)\n)\n");
  REQUIRE(c.game_count() == 1);
  CHECK(values_of(c, 0, "B") == "aa|bb");
  CHECK(c.child_count(1) == 2);
}

TEST_CASE("a UTF-8 byte-order mark before the first game is skipped") {
  SgfCollection c = parse_sgf("\xEF\xBB\xBF(;PB[\xE6\x9D\x8E])");
  CHECK(values_of(c, 0, "PB") == "\xE6\x9D\x8E");
}

TEST_CASE("lowercase letters of old property names are dropped") {
  SgfCollection c = parse_sgf("(;AddBlack[aa][bb]AddWhite[cc]Size[9];Black[dd];White[ee])");
  CHECK(values_of(c, 0, "AB") == "aa|bb");
  CHECK(values_of(c, 0, "AW") == "cc");
  CHECK(values_of(c, 0, "S") == "9");
  CHECK(values_of(c, 1, "B") == "dd");
  CHECK(values_of(c, 2, "W") == "ee");
}

TEST_CASE("variations are kept and the main line follows first children") {
  SgfCollection c = parse_sgf("(;SZ[9];B[aa](;W[bb];B[cc](;W[dd])(;W[ee]))(;W[ff]))");
  std::vector<int> line = c.main_line(0);
  REQUIRE(line.size() == 5);
  CHECK(values_of(c, line[2], "W") == "bb");
  CHECK(values_of(c, line[4], "W") == "dd");
  CHECK(c.child_count(line[1]) == 2);
  int second = c.node(c.node(line[1]).first_child).next_sibling;
  CHECK(values_of(c, second, "W") == "ff");
  CHECK(c.node(second).parent == line[1]);
  int alternative = c.node(line[4]).next_sibling;
  CHECK(values_of(c, alternative, "W") == "ee");
  CHECK(c.child_count(line[4]) == 0);
}

TEST_CASE("a collection holds several games") {
  SgfCollection c = parse_sgf("(;GN[one];B[aa])\n(;GN[two];B[bb])(;GN[three])\n");
  REQUIRE(c.game_count() == 3);
  CHECK(values_of(c, c.game_root(0), "GN") == "one");
  CHECK(values_of(c, c.game_root(1), "GN") == "two");
  CHECK(values_of(c, c.game_root(2), "GN") == "three");
  CHECK(c.main_line(1).size() == 2);
}

TEST_CASE("text after the last game is ignored unless it looks like another game") {
  CHECK(parse_sgf("(;B[aa])\n\x1a trailing words\n").game_count() == 1);
  SgfError e = error_of("(;B[aa]) junk (;B[bb])");
  CHECK(e.offset() == 9);
  CHECK_THAT(e.reason(), Catch::Contains("expected '(' to start the next game tree"));
}

TEST_CASE("values may hold any bytes, and huge ones") {
  std::string value(1 << 20, 'x');
  value[7] = '\0';
  value[8] = '\xff';
  std::string text = "(;C[" + value + "])";
  SgfCollection c = parse_sgf(text);
  CHECK(c.value(*c.find(0, "C")) == value);
}

TEST_CASE("errors name the source, the byte offset and the reason") {
  SECTION("unterminated value") {
    SgfError e = error_of("(;B[aa];W[bb", "game.sgf");
    CHECK(e.source() == "game.sgf");
    CHECK(e.offset() == 9);
    CHECK(e.reason() == "unterminated property value: no ']' before the end of the text");
    CHECK(std::string(e.what()) ==
          "game.sgf: byte 9: unterminated property value: no ']' before the end of the text");
  }
  SECTION("a backslash as the last byte leaves the value open") {
    CHECK(error_of("(;C[abc\\").offset() == 3);
    CHECK(error_of("(;C[abc\\]").offset() == 3);
  }
  SECTION("no game at all") {
    SgfError e = error_of("");
    CHECK(e.offset() == 0);
    CHECK_THAT(e.reason(), Catch::StartsWith("expected '('"));
    e = error_of("  hello");
    CHECK(e.offset() == 2);
    CHECK(e.reason() == "expected '(' to start a game tree, found 'h'");
  }
  SECTION("game tree ends early") {
    SgfError e = error_of("(;B[aa](;W[bb])");
    CHECK(e.offset() == 15);
    CHECK(e.reason() == "game tree ends early: the '(' at byte 0 is never closed");
    e = error_of("(;B[aa](;W[bb]");
    CHECK(e.reason() == "game tree ends early: the '(' at byte 7 is never closed");
    CHECK(error_of("(").offset() == 1);
    CHECK(error_of("(;").offset() == 2);
  }
  SECTION("empty game tree or missing node") {
    SgfError e = error_of("()");
    CHECK(e.offset() == 1);
    CHECK(e.reason() == "expected ';' to start the first node of a game tree, found ')'");
    CHECK(error_of("((;B[aa]))").offset() == 1);
    CHECK(error_of("(;B[aa]())").offset() == 8);
  }
  SECTION("property identifier problems") {
    SgfError e = error_of("(;B[aa];xy[bb])");
    CHECK(e.offset() == 8);
    CHECK(e.reason() == "property identifier \"xy\" has no capital letter");
    e = error_of("(;B[aa];W bb])");
    CHECK(e.offset() == 10);
    CHECK(e.reason() == "expected '[' after property identifier W, found 'b'");
    e = error_of("(;B");
    CHECK(e.offset() == 3);
    CHECK(e.reason() == "expected '[' after property identifier B, found the end of the text");
  }
  SECTION("stray characters") {
    SgfError e = error_of("(;B[aa] 5)");
    CHECK(e.offset() == 8);
    CHECK(e.reason() == "expected a property, ';', '(' or ')', found '5'");
    e = error_of("(;B[aa](;W[bb]);B[cc])");
    CHECK(e.offset() == 15);
    CHECK(e.reason() == "expected '(' or ')' after a variation, found ';'");
    e = error_of("(;B[aa]\x01)");
    CHECK(e.reason() == "expected a property, ';', '(' or ')', found byte 0x01");
  }
}

TEST_CASE("deep nesting costs no stack") {
  const int depth = 200000;
  std::string text;
  for (int i = 0; i < depth; ++i) text += "(;B[aa]";
  std::string open_only = text;
  text += std::string(depth, ')');
  SgfCollection c = parse_sgf(text);
  CHECK(c.node_count() == depth);
  CHECK(c.main_line(0).size() == static_cast<std::size_t>(depth));
  SgfError e = error_of(open_only);
  CHECK(e.offset() == open_only.size());
  CHECK(e.reason() == "game tree ends early: the '(' at byte " +
                          std::to_string(open_only.size() - 7) + " is never closed");
}

TEST_CASE("a collection can be reused for the next text") {
  SgfCollection c;
  parse_sgf_into("(;B[aa];W[bb])(;B[cc])", "first.sgf", c);
  CHECK(c.game_count() == 2);
  parse_sgf_into("(;W[dd])", "second.sgf", c);
  CHECK(c.source() == "second.sgf");
  REQUIRE(c.game_count() == 1);
  CHECK(c.node_count() == 1);
  CHECK(values_of(c, 0, "W") == "dd");
}

TEST_CASE("property offsets point at the identifier in the source") {
  std::string text = "(;SZ[9]\n;B[ee] ;  W[ce])";
  SgfCollection c = parse_sgf(text);
  CHECK(c.property(c.node(0).first_property).offset == text.find("SZ"));
  CHECK(c.find(2, "W")->offset == text.find("W["));
}

TEST_CASE("reading a missing file is an SgfError naming it") {
  try {
    read_sgf_file("no/such/dir/game.sgf");
    FAIL("no error");
  } catch (const SgfError& e) {
    CHECK(e.source() == "no/such/dir/game.sgf");
    CHECK(e.offset() == SgfError::kNoOffset);
    CHECK_THAT(std::string(e.what()), Catch::StartsWith("no/such/dir/game.sgf: cannot open file"));
  }
}
