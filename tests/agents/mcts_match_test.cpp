#include "tests/catch.h"

#include "engine/agents/agent_factory.h"

using namespace dlgo;

namespace {

GameResult play_game(const Agent& black, const Agent& white) {
  GameState state = GameState::new_game(9);
  while (!state.is_over()) {
    const Agent& agent = state.next_player() == Color::kBlack ? black : white;
    Move move = agent.select_move(state).move;
    REQUIRE(state.is_legal(move));
    state.play(move);
  }
  return state.result();
}

}  // namespace

TEST_CASE("mcts with 800 rounds beats random in at least 95% of 40 games on 9x9") {
  AgentOptions options;
  options.seed = 2024;
  auto mcts = make_agent("mcts", options);
  auto random = make_agent("random", options);
  int mcts_wins = 0;
  for (int game = 0; game < 40; ++game) {
    bool mcts_black = game % 2 == 0;
    GameResult result = mcts_black ? play_game(*mcts, *random) : play_game(*random, *mcts);
    Color winner = result.winner();
    if ((winner == Color::kBlack) == mcts_black && winner != Color::kEmpty) ++mcts_wins;
  }
  INFO("mcts won " << mcts_wins << " of 40");
  CHECK(mcts_wins >= 38);
}
