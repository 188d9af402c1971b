// Experience files: what self-play learned from, for reinforcement learning (`dlgo-selfplay
// --experience-out`, `dlgo-train --experience`).
//
// Layout (HDF5, readable with h5py; docs/reinforcement-learning.md):
//   /experience                 attrs: format "dlgo-experience", version 1, encoder,
//                               board_width, board_height, action_space
//   /experience/states          float32 [rows, channels, height, width]  network inputs
//   /experience/actions         int32   [rows]    the move's label (encoder labels)
//   /experience/rewards         float32 [rows]    +1 the mover won, -1 lost, 0 a draw
//   /experience/advantages      float32 [rows]    reward minus the mover's value estimate
//   /experience/visit_counts    float32 [rows, action_space]  zero agents only
//   /experience/move_masks      uint8   [rows, action_space]  optional: 1 where the mover could
//                               have chosen that label (policy agents sample among these)
//   /experience/games           int32   [rows]    game number (distinct across merged files)
// The first five are the original's names and shapes. A file without move_masks means every
// label was a choice; merging files with and without masks fills the missing rows with ones.
//
// Contract: plain values, no shared state. Writing goes to PATH.partial, committed to PATH
// (synced, renamed, folder synced: h5_output_file.h) only when complete, so an existing file is
// never half-overwritten and a full disk or a power loss never leaves a torn one. Reading
// checks every shape against the attributes. Errors throw ExperienceFileError naming the file
// and what is wrong. HDF5 calls hold the process-wide HDF5 lock (h5_helpers.h), so any thread
// may call.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace dlgo {

class ExperienceFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Experience {
  std::string encoder;
  int board_width = 0, board_height = 0;
  int channels = 0;      // network input channels per state
  int action_space = 0;  // labels of the encoder (points, plus pass where it has one)

  std::vector<float> states;  // rows * channels * height * width
  std::vector<std::int32_t> actions;
  std::vector<float> rewards;
  std::vector<float> advantages;
  std::vector<float> visit_counts;       // rows * action_space, or empty
  std::vector<std::uint8_t> move_masks;  // rows * action_space of 0/1, or empty
  std::vector<std::int32_t> games;

  std::size_t rows() const { return actions.size(); }
  std::size_t state_size() const {
    return static_cast<std::size_t>(channels) * board_width * board_height;
  }
  bool has_visit_counts() const { return !visit_counts.empty(); }
  bool has_move_masks() const { return !move_masks.empty(); }

  // Throws std::invalid_argument when the vectors disagree with each other or the shape, or a
  // row's mask leaves out the action taken.
  void check() const;
  // Same encoder, board and shapes (visit counts on both or neither)?
  bool compatible(const Experience& other) const;
  // Appends `other`'s rows; its game numbers are shifted past ours so games stay distinct.
  // Throws std::invalid_argument when the two are not compatible.
  void append(const Experience& other);
};

void write_experience_file(const std::string& path, const Experience& experience);
Experience read_experience_file(const std::string& path);
// Reads and appends in order; an empty list or incompatible files throw ExperienceFileError.
Experience merge_experience_files(const std::vector<std::string>& paths);

}  // namespace dlgo
