#include "engine/gtp/handicap_placement.h"

#include <algorithm>
#include <cstdlib>

#include "engine/handicap.h"

namespace dlgo {

std::vector<int> free_handicap_points(BoardSize size, int stones) {
  const int n = size.num_points();
  stones = std::clamp(stones, 0, n - 1);
  std::vector<int> points;
  const int fixed = std::min(stones, max_fixed_handicap(size));
  if (fixed >= 2) points = fixed_handicap_points(size, fixed).points;

  const int margin = std::min(size.width, size.height) >= 7 ? 2 : 1;
  auto inner = [&](int point) {
    int row = row_of(size, point), col = col_of(size, point);
    return row >= margin && col >= margin && row < size.height - margin &&
           col < size.width - margin;
  };
  std::vector<char> taken(static_cast<std::size_t>(n), 0);
  for (int point : points) taken[point] = 1;
  int inner_free = 0;
  for (int point = 0; point < n; ++point) inner_free += inner(point) && !taken[point];
  while (static_cast<int>(points.size()) < stones) {
    const bool inner_only = inner_free > 0;
    int best = -1;
    long best_distance = -1, best_centrality = 0;
    for (int point = 0; point < n; ++point) {
      if (taken[point] || (inner_only && !inner(point))) continue;
      int row = row_of(size, point), col = col_of(size, point);
      long distance = 1L << 30;
      for (int other : points) {
        long dr = row - row_of(size, other), dc = col - col_of(size, other);
        distance = std::min(distance, dr * dr + dc * dc);
      }
      // Twice the distance from the centre, so that even boards compare exactly.
      long centrality =
          -(std::labs(2L * row - (size.height - 1)) + std::labs(2L * col - (size.width - 1)));
      if (distance > best_distance || (distance == best_distance && centrality > best_centrality)) {
        best = point;
        best_distance = distance;
        best_centrality = centrality;
      }
    }
    points.push_back(best);
    taken[best] = 1;
    if (inner(best)) --inner_free;
  }
  return points;
}

}  // namespace dlgo
