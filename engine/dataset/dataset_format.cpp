#include "engine/dataset/dataset_format.h"

namespace dlgo::dataset {

void pack_feature_rows(const std::uint8_t* planes, int plane_rows, int width, std::uint8_t* out) {
  const int packed_width = (width + 7) / 8;
  for (int r = 0; r < plane_rows; ++r) {
    const std::uint8_t* row = planes + static_cast<std::size_t>(r) * width;
    std::uint8_t* packed = out + static_cast<std::size_t>(r) * packed_width;
    for (int byte = 0; byte < packed_width; ++byte) {
      std::uint8_t bits = 0;
      const int first = byte * 8;
      const int count = width - first < 8 ? width - first : 8;
      for (int i = 0; i < count; ++i)
        bits |= static_cast<std::uint8_t>((row[first + i] != 0) << (7 - i));
      packed[byte] = bits;
    }
  }
}

void unpack_feature_rows(const std::uint8_t* packed, int plane_rows, int width, std::uint8_t* out) {
  const int packed_width = (width + 7) / 8;
  for (int r = 0; r < plane_rows; ++r) {
    const std::uint8_t* in = packed + static_cast<std::size_t>(r) * packed_width;
    std::uint8_t* row = out + static_cast<std::size_t>(r) * width;
    for (int col = 0; col < width; ++col) row[col] = (in[col >> 3] >> (7 - (col & 7))) & 1;
  }
}

}  // namespace dlgo::dataset
