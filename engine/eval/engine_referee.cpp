#include "engine/eval/engine_referee.h"

#include <algorithm>
#include <cstdio>
#include <sstream>

#include "engine/eval/match_player.h"

namespace dlgo {

std::vector<int> dead_stones_by_engine(GtpClient& engine, const GameState& state) {
  const BoardSize size = state.size();
  try {
    engine.ask("boardsize " + std::to_string(size.width));
    engine.ask("clear_board");
    char komi[48];
    std::snprintf(komi, sizeof komi, "komi %g", state.rules().komi);
    engine.ask(komi);
    Color mover = Color::kBlack;
    for (Move move : state.moves()) {
      if (move.is_resign()) break;
      engine.ask(std::string("play ") + (mover == Color::kBlack ? "b " : "w ") +
                 move_to_gtp(size, move));
      mover = opponent(mover);
    }
    std::istringstream words(engine.ask("final_status_list dead"));
    std::vector<int> dead;
    for (std::string vertex; words >> vertex;) {
      std::optional<int> point = gtp_to_point(size, vertex);
      if (!point || !is_stone(state.board().at(*point))) {
        throw PlayerError("referee engine '" + engine.label() + "' named '" + vertex +
                          "' as a dead stone, but there is no stone there");
      }
      dead.push_back(*point);
    }
    std::sort(dead.begin(), dead.end());
    dead.erase(std::unique(dead.begin(), dead.end()), dead.end());
    return dead;
  } catch (const GtpEngineError& error) {
    throw PlayerError(std::string("referee: ") + error.what());
  }
}

}  // namespace dlgo
