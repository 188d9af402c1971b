// Fixed handicap placement (engine/handicap.h) against GNU Go's GTP `fixed_handicap`, for every
// board size GNU Go supports and every stone count, the invalid ones included.
#include "tests/catch.h"

#include <algorithm>

#include "engine/handicap.h"
#include "tests/gnugo/gnugo_reference.h"

using namespace dlgo;

TEST_CASE("fixed handicap points and errors match GNU Go on boards 2x2 to 19x19") {
  std::unique_ptr<GtpClient> gnugo = start_gnugo();
  int placements = 0;
  int errors = 0;
  for (int side = 2; side <= 19; ++side) {
    BoardSize size{side, side};
    for (int stones = -1; stones <= 12; ++stones) {
      std::vector<GtpReply> responses =
          gnugo->send_all({"boardsize " + std::to_string(side), "clear_board",
                           "fixed_handicap " + std::to_string(stones)});
      REQUIRE(responses[0].success);
      REQUIRE(responses[1].success);
      const GtpReply& gnugo_answer = responses[2];
      HandicapPlacement ours = fixed_handicap_points(size, stones);
      INFO(side << "x" << side << ", " << stones << " stones: GNU Go says "
                << (gnugo_answer.success ? "= " : "? ") << gnugo_answer.text << "; dlgo says "
                << (ours.error.empty() ? vertex_list(size, ours.points) : ours.error));
      REQUIRE(ours.error.empty() == gnugo_answer.success);
      if (gnugo_answer.success) {
        // GNU Go lists the stones in board order, we in the GTP specification's order.
        std::vector<int> sorted = ours.points;
        std::sort(sorted.begin(), sorted.end());
        CHECK(sorted == parse_vertex_list(size, gnugo_answer.text));
        CHECK(static_cast<int>(ours.points.size()) == stones);
        ++placements;
      } else {
        CHECK(gnugo_answer.text == "invalid handicap");
        CHECK_FALSE(ours.error.empty());
        ++errors;
      }
    }
  }
  // 7x7 to 19x19: odd sizes from 9 take 2..9 stones (6 sizes x 8), the other 7 sizes 2..4.
  CHECK(placements == 6 * 8 + 7 * 3);
  CHECK(errors == 18 * 14 - placements);
}

TEST_CASE("our fixed handicap errors name the count and the board") {
  HandicapPlacement too_many = fixed_handicap_points(BoardSize{9, 9}, 10);
  CHECK(too_many.points.empty());
  CHECK(too_many.error.find("10") != std::string::npos);
  CHECK(too_many.error.find("9x9") != std::string::npos);
  HandicapPlacement tiny = fixed_handicap_points(BoardSize{5, 5}, 2);
  CHECK(tiny.points.empty());
  CHECK(tiny.error.find("5x5") != std::string::npos);
}
