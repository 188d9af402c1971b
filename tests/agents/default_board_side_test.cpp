// The board a program starts on without --board-size (engine/agents/default_board_side.h).
#include "tests/catch.h"

#include "engine/agents/agent_factory.h"
#include "engine/agents/default_board_side.h"

using namespace dlgo;

TEST_CASE("without --board-size, a network agent's own board is the default") {
  auto any_board = [](int) { return true; };
  auto only_9 = [](int side) { return side == 9; };
  auto nothing = [](int) { return false; };
  CHECK(default_board_side(any_board, 19) == 19);  // random, mcts, GTP engines
  CHECK(default_board_side(only_9, 19) == 9);      // a 9x9 network agent where 19 is usual
  CHECK(default_board_side(only_9, 9) == 9);
  CHECK(default_board_side(nothing, 19) == 19);  // players that disagree: the caller reports
  auto random = make_agent("random");
  CHECK(default_board_side([&](int side) { return random->supports({side, side}); }, 13) == 13);
}
