// Test helpers: read encoded planes back as sets of GTP vertices.
#pragma once

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

#include "engine/coords.h"
#include "engine/encoders/encoder.h"

namespace dlgo::test {

// The vertices where `plane` holds a 1, sorted.
inline std::vector<std::string> marked(const Encoder& encoder,
                                       const std::vector<std::uint8_t>& planes, int plane) {
  std::vector<std::string> result;
  for (int point = 0; point < encoder.num_points(); ++point) {
    if (planes[static_cast<std::size_t>(plane) * encoder.plane_size() + point]) {
      result.push_back(point_to_gtp(encoder.board_size(), point));
    }
  }
  std::sort(result.begin(), result.end());
  return result;
}

inline std::vector<std::string> vertices(std::initializer_list<const char*> names) {
  std::vector<std::string> result(names.begin(), names.end());
  std::sort(result.begin(), result.end());
  return result;
}

// Number of ones in `plane`.
inline int count_ones(const Encoder& encoder, const std::vector<std::uint8_t>& planes, int plane) {
  const auto begin = planes.begin() + static_cast<std::ptrdiff_t>(plane * encoder.plane_size());
  return static_cast<int>(
      std::count(begin, begin + static_cast<std::ptrdiff_t>(encoder.plane_size()), 1));
}

inline std::uint8_t value_at(const Encoder& encoder, const std::vector<std::uint8_t>& planes,
                             int plane, const char* vertex) {
  return planes[static_cast<std::size_t>(plane) * encoder.plane_size() +
                *gtp_to_point(encoder.board_size(), vertex)];
}

inline Move move_at(const GameState& state, const char* text) {
  return *gtp_to_move(state.size(), text);
}

}  // namespace dlgo::test
