#include "tests/catch.h"

#include "engine/coords.h"

using namespace dlgo;

TEST_CASE("GTP vertices skip the letter I and count rows from the bottom") {
  BoardSize size{19, 19};
  CHECK(point_to_gtp(size, 0) == "A1");
  CHECK(point_to_gtp(size, point_of(size, 0, 8)) == "J1");
  CHECK(point_to_gtp(size, point_of(size, 18, 18)) == "T19");
  CHECK(gtp_to_point(size, "a1") == 0);
  CHECK(gtp_to_point(size, "J1") == 8);
  CHECK(gtp_to_point(size, "Q16") == point_of(size, 15, 15));
  CHECK_FALSE(gtp_to_point(size, "I5"));
  CHECK_FALSE(gtp_to_point(size, "U1"));
  CHECK_FALSE(gtp_to_point(size, "A20"));
  CHECK_FALSE(gtp_to_point(size, "A0"));
  CHECK_FALSE(gtp_to_point(size, "A01"));
  CHECK_FALSE(gtp_to_point(size, ""));
  CHECK(gtp_to_move(size, "PASS") == Move::pass());
  CHECK(gtp_to_move(size, "resign") == Move::resign());
}

TEST_CASE("SGF points count rows from the top, and tt or empty are passes up to 19x19") {
  BoardSize size{19, 19};
  CHECK(point_to_sgf(size, point_of(size, 18, 0)) == "aa");
  CHECK(point_to_sgf(size, point_of(size, 15, 3)) == "dd");
  CHECK(sgf_to_move(size, "pd") == Move::play(point_of(size, 15, 15)));
  CHECK(sgf_to_move(size, "tt") == Move::pass());
  CHECK(sgf_to_move(size, "") == Move::pass());
  CHECK_FALSE(sgf_to_move(size, "zz"));
  CHECK_FALSE(sgf_to_move(size, "a"));
  BoardSize small{9, 9};
  CHECK(sgf_to_move(small, "ai") == Move::play(0));
  CHECK_FALSE(sgf_to_move(small, "aj"));
}
