#include "engine/encoders/encoder.h"

#include <cstring>
#include <stdexcept>
#include <string>

namespace dlgo {

static std::string size_text(BoardSize size) {
  return std::to_string(size.width) + "x" + std::to_string(size.height);
}

Encoder::Encoder(BoardSize size) : size_(size) {
  if (size.width < kMinBoardSide || size.height < kMinBoardSide || size.width > kMaxBoardSide ||
      size.height > kMaxBoardSide) {
    throw std::invalid_argument(
        "encoder board size " + size_text(size) + " is outside " + std::to_string(kMinBoardSide) +
        "x" + std::to_string(kMinBoardSide) + ".." + std::to_string(kMaxBoardSide) + "x" +
        std::to_string(kMaxBoardSide));
  }
}

void Encoder::encode(const GameState& state, std::uint8_t* planes) const {
  if (!(state.size() == size_)) {
    throw std::invalid_argument("encoder '" + std::string(name()) + "' is for " + size_text(size_) +
                                " boards, the position is " + size_text(state.size()));
  }
  std::memset(planes, 0, encoded_size());
  encode_planes(state, planes);
}

std::vector<std::uint8_t> Encoder::encode(const GameState& state) const {
  std::vector<std::uint8_t> planes(encoded_size());
  encode(state, planes.data());
  return planes;
}

void Encoder::planes_to_input(const std::uint8_t* planes, float* input) const {
  const std::size_t count = encoded_size();
  for (std::size_t i = 0; i < count; ++i) input[i] = static_cast<float>(planes[i]);
}

int Encoder::encode_point(int point) const {
  if (point >= 0 && point < num_moves()) return point;
  throw std::invalid_argument("point index " + std::to_string(point) + " is outside 0.." +
                              std::to_string(num_moves() - 1) + " of encoder '" +
                              std::string(name()) + "' on " + size_text(size_));
}

int Encoder::decode_point(int label) const {
  if (label >= 0 && label < num_moves()) return label;
  throw std::invalid_argument("label " + std::to_string(label) + " is outside 0.." +
                              std::to_string(num_moves() - 1) + " of encoder '" +
                              std::string(name()) + "' on " + size_text(size_));
}

int Encoder::encode_move(Move move) const {
  if (move.is_play()) {
    if (move.point >= 0 && move.point < num_points()) return move.point;
    throw std::invalid_argument("move at point " + std::to_string(move.point) + " is off the " +
                                size_text(size_) + " board");
  }
  if (move.is_pass() && predicts_pass()) return size_.pass_index();
  throw std::invalid_argument(std::string(move.is_pass() ? "a pass" : "a resignation") +
                              " has no label in encoder '" + std::string(name()) + "'");
}

Move Encoder::decode_move(int label) const {
  int point = decode_point(label);
  return point == size_.pass_index() ? Move::pass() : Move::play(point);
}

}  // namespace dlgo
