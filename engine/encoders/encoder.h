// Feature encoders: turn a game position into the input planes of a network, and moves into
// the label indices the network predicts. The planes of every encoder are documented exactly
// in docs/encoders.md.
//
// Layout: encode() writes num_planes() * height * width bytes, plane-major; inside a plane the
// byte for point (row, col) is at row * width + col with row 0 the bottom line, the point index
// of coords.h. Every stored byte is 0 or 1, so datasets can bit-pack planes losslessly. Where
// the original fed the network something other than 0/1 (oneplane's +1/-1), num_planes() counts
// the stored binary planes and planes_to_input() is the decode the trainer applies to get the
// network's input channels back.
//
// Labels: a move's label is its point index, row * width + col; encoders whose networks also
// predict a pass (zero) label it width * height, the pass index of coords.h.
//
// Contract: an encoder is immutable after construction; encode() and the label functions are
// const and safe to call from many threads at once. Bad input (a position of another board
// size, a label out of range) throws std::invalid_argument naming what is wrong.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/coords.h"
#include "engine/game_state.h"
#include "engine/move.h"

namespace dlgo {

class Encoder {
 public:
  virtual ~Encoder() = default;
  Encoder(const Encoder&) = delete;
  Encoder& operator=(const Encoder&) = delete;

  // The registry name ("sevenplane", ...); agent and dataset files store it.
  virtual std::string_view name() const = 0;

  BoardSize board_size() const { return size_; }
  int width() const { return size_.width; }
  int height() const { return size_.height; }

  // Stored planes, each height x width bytes of 0/1.
  virtual int num_planes() const = 0;
  std::size_t plane_size() const { return static_cast<std::size_t>(size_.num_points()); }
  std::size_t encoded_size() const { return plane_size() * static_cast<std::size_t>(num_planes()); }

  // Writes encoded_size() bytes to `planes` (the whole buffer is overwritten). Throws
  // std::invalid_argument when the position's board is not this encoder's size.
  void encode(const GameState& state, std::uint8_t* planes) const;
  // Convenience for tests and tools; allocates.
  std::vector<std::uint8_t> encode(const GameState& state) const;

  // The network's input channels and how they come from the stored planes. For every encoder
  // but oneplane the channels are the planes (a byte b becomes the float b).
  virtual int num_input_channels() const { return num_planes(); }
  // Reads encoded_size() bytes, writes num_input_channels() * height * width floats.
  virtual void planes_to_input(const std::uint8_t* planes, float* input) const;

  // --- labels ---------------------------------------------------------------------------
  // True when the label space includes pass (label width * height).
  virtual bool predicts_pass() const { return false; }
  // Points on the board, width * height (the original's num_points()).
  int num_points() const { return size_.num_points(); }
  // Size of the label space: num_points(), plus one when pass is a label.
  int num_moves() const { return num_points() + (predicts_pass() ? 1 : 0); }

  // Point index (pass index width * height where predicts_pass()) <-> label. Both are the
  // identity on valid values and throw std::invalid_argument on anything else.
  int encode_point(int point) const;
  int decode_point(int label) const;
  // Moves <-> labels. Resignation never has a label; pass only where predicts_pass().
  int encode_move(Move move) const;
  Move decode_move(int label) const;

 protected:
  explicit Encoder(BoardSize size);

  // Fills the planes; `planes` has been zeroed and the board size checked.
  virtual void encode_planes(const GameState& state, std::uint8_t* planes) const = 0;

 private:
  BoardSize size_;
};

}  // namespace dlgo
