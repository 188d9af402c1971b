// The eight symmetries of a square board (four rotations, each optionally mirrored), applied
// to encoded planes and to move labels alike, for data augmentation. Rectangular boards have
// only the four that keep their shape (identity, both mirrors, half turn).
//
// Contract: pure functions; safe from any thread.
#pragma once

#include <cstdint>

namespace dlgo::net {

inline constexpr int kSymmetries = 8;

// Whether symmetry `s` (0..7, 0 = identity) maps a width x height board onto itself.
bool symmetry_keeps_shape(int s, int width, int height);

// Maps point (row, col) under symmetry `s` (square boards for s with a transpose).
void transform_point(int s, int width, int height, int& row, int& col);

// Applies `s` to `planes` planes of height x width bytes: out[T(p)] = in[p].
void transform_planes(int s, int width, int height, int planes, const std::uint8_t* in,
                      std::uint8_t* out);

// Applies `s` to a label (point index; labels >= width * height, i.e. pass, are unchanged).
int transform_label(int s, int width, int height, int label);

}  // namespace dlgo::net
