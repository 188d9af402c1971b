// The HDF5 dataset format written by `dlgo-data prepare` (documented in docs/datasets.md).
//
//   /features  uint8  [rows, planes, height, packed_width]  chunked, deflate-compressed
//   /labels    int16  [rows]   the move's label index (point row*W+col; W*H = pass)
//   /game      int32  [rows]   index into /game_names of the game the row came from
//   /outcomes  int8   [rows]   (version 2) the game's result for the player to move in the
//                              row: 1 won, -1 lost, 0 unknown (no decisive RE[])
//   /game_names  variable-length strings [games]  "archive:entry#k" of each game
//   root attributes: format = "dlgo-dataset", format_version, encoder, board_width,
//   board_height, planes, packing ("bits" or "none"), label_space, split, seed, sources,
//   rows, games, skipped_games, run_id (one id for the train and test files of one prepare
//   run; absent in files written before it existed)
//
// With packing "bits", every row of a plane is packed 8 points to a byte, most significant bit
// first (numpy.unpackbits(features, axis=-1)[..., :board_width] restores the planes); this
// makes datasets ~8x smaller and faster to write. Encoders with non-binary planes use "none".
//
// Version 1 files (no /outcomes) stay readable; their rows' outcomes read as unknown.
//
// Contract: pure helpers; safe from any thread.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace dlgo::dataset {

inline constexpr const char* kDatasetFormat = "dlgo-dataset";
inline constexpr int kDatasetFormatVersion = 2;

// /outcomes values, from the point of view of the player to move in the row.
inline constexpr std::int8_t kOutcomeWin = 1;
inline constexpr std::int8_t kOutcomeLoss = -1;
inline constexpr std::int8_t kOutcomeUnknown = 0;

struct DatasetHeader {
  std::string encoder;
  int board_width = 19;
  int board_height = 19;
  int planes = 0;
  bool bit_packed = true;
  int label_space = 361;
  std::string split;  // "train" or "test"
  std::uint64_t seed = 0;
  std::vector<std::string> sources;
  // Whether /outcomes holds the games' results (version 2 files); reading a version 1 file
  // gives false and outcomes of 0.
  bool has_outcomes = true;
  std::string run_id;  // empty: none written (older files)

  int stored_width() const { return bit_packed ? (board_width + 7) / 8 : board_width; }
  std::size_t stored_row_bytes() const {
    return static_cast<std::size_t>(planes) * board_height * stored_width();
  }
  std::size_t unpacked_row_bytes() const {
    return static_cast<std::size_t>(planes) * board_height * board_width;
  }
};

// Packs `planes * height` rows of `width` 0/1 bytes into the stored layout.
void pack_feature_rows(const std::uint8_t* planes, int plane_rows, int width, std::uint8_t* out);
// The inverse: writes `plane_rows * width` bytes of 0/1.
void unpack_feature_rows(const std::uint8_t* packed, int plane_rows, int width, std::uint8_t* out);

}  // namespace dlgo::dataset
