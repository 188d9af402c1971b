#include "net/training/symmetry.h"

#include <utility>

namespace dlgo::net {

bool symmetry_keeps_shape(int s, int width, int height) {
  return width == height || s < 4;
}

// s & 1: mirror columns, s & 2: mirror rows, s & 4: transpose (first).
void transform_point(int s, int width, int height, int& row, int& col) {
  if (s & 4) std::swap(row, col);
  if (s & 1) col = width - 1 - col;
  if (s & 2) row = height - 1 - row;
}

void transform_planes(int s, int width, int height, int planes, const std::uint8_t* in,
                      std::uint8_t* out) {
  const int points = width * height;
  for (int row = 0; row < height; ++row) {
    for (int col = 0; col < width; ++col) {
      int r = row, c = col;
      transform_point(s, width, height, r, c);
      const int from = row * width + col, to = r * width + c;
      for (int p = 0; p < planes; ++p) out[p * points + to] = in[p * points + from];
    }
  }
}

int transform_label(int s, int width, int height, int label) {
  if (label < 0 || label >= width * height) return label;
  int row = label / width, col = label % width;
  transform_point(s, width, height, row, col);
  return row * width + col;
}

}  // namespace dlgo::net
