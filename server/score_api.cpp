#include "server/score_api.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "engine/coords.h"

namespace dlgo::server {

namespace {

using nlohmann::json;

// Ownership to three decimals: enough for a picture, a third of the bytes.
double rounded(double value) {
  return std::round(value * 1000) / 1000;
}

}  // namespace

json score_response_json(const GameState& state, const FinalStatus& status,
                         std::optional<double> value) {
  const BoardSize size = state.size();
  const Board& board = state.board();
  json dead = json::array(), seki = json::array(), ownership = json::array();
  json black = json::array(), white = json::array(), dame = json::array();
  for (int point = 0; point < board.num_points(); ++point) {
    std::string vertex = point_to_gtp(size, point);
    ownership.push_back(rounded(status.ownership[point]));
    if (status.status[point] == StoneStatus::kDead) dead.push_back(vertex);
    if (status.status[point] == StoneStatus::kSeki) seki.push_back(vertex);
    // Territory: the points that are empty once the dead stones are off.
    bool empty_after =
        board.at(point) == Color::kEmpty || status.status[point] == StoneStatus::kDead;
    if (!empty_after) continue;
    Color owner = status.area[point];
    (owner == Color::kBlack ? black : owner == Color::kWhite ? white : dame).push_back(vertex);
  }
  const GameResult& result = status.result;
  Color winner = result.winner();
  json answer = {
      {"dead", std::move(dead)},
      {"seki", std::move(seki)},
      {"ownership", std::move(ownership)},
      {"territory",
       {{"black", std::move(black)}, {"white", std::move(white)}, {"dame", std::move(dame)}}},
      {"score",
       {{"black", result.black_stones + result.black_territory},
        {"white", result.white_stones + result.white_territory},
        {"komi", result.komi}}},
      {"result", result.to_string()},
      {"winner", winner == Color::kBlack   ? "black"
                 : winner == Color::kWhite ? "white"
                                           : "draw"},
      {"method", value ? "playouts+value" : "playouts"}};
  if (value) {
    double to_move_wins = (std::clamp(*value, -1.0, 1.0) + 1) / 2;
    answer["black_win_rate"] =
        rounded(state.next_player() == Color::kBlack ? to_move_wins : 1 - to_move_wins);
  }
  return answer;
}

}  // namespace dlgo::server
