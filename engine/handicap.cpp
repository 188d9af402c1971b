#include "engine/handicap.h"

namespace dlgo {

int max_fixed_handicap(BoardSize size) {
  if (size.width != size.height) return 0;
  int side = size.width;
  if (side % 2 == 1 && side >= 9) return 9;
  if (side >= 7) return 4;
  return 0;
}

HandicapPlacement fixed_handicap_points(BoardSize size, int stones) {
  HandicapPlacement placement;
  int max_stones = max_fixed_handicap(size);
  if (stones < 2 || stones > max_stones) {
    placement.error = "invalid handicap " + std::to_string(stones) + " for a " +
                      std::to_string(size.width) + "x" + std::to_string(size.height) +
                      " board (fixed handicap allows 2.." + std::to_string(max_stones) + ")";
    if (max_stones == 0) {
      placement.error = "no fixed handicap on a " + std::to_string(size.width) + "x" +
                        std::to_string(size.height) + " board";
    }
    return placement;
  }
  int side = size.width;
  int low = side > 11 ? 3 : 2;
  int high = side - 1 - low;
  int mid = side / 2;
  auto at = [&](int row, int col) { return point_of(size, row, col); };
  // Order of the GTP specification: each count adds stones to the previous count's.
  std::vector<int> corners = {at(high, high), at(low, low), at(high, low), at(low, high)};
  std::vector<int>& points = placement.points;
  for (int i = 0; i < std::min(stones, 4); ++i) points.push_back(corners[i]);
  if (stones >= 6) {
    points.push_back(at(mid, low));
    points.push_back(at(mid, high));
  }
  if (stones >= 8) {
    points.push_back(at(low, mid));
    points.push_back(at(high, mid));
  }
  if (stones % 2 == 1 && stones >= 5) points.push_back(at(mid, mid));
  return placement;
}

}  // namespace dlgo
