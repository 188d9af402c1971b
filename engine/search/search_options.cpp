#include "engine/search/search_options.h"

#include <stdexcept>

namespace dlgo {

void SearchOptions::validate(const std::string& searcher) const {
  auto fail = [&](const std::string& what) { throw std::invalid_argument(searcher + ": " + what); };
  if (seconds <= 0 && rounds < 1) fail("rounds must be >= 1");
  if (!(seconds >= 0)) fail("seconds per move must be >= 0");
  if (threads < 1 || threads > 256) fail("threads must be in 1..256");
  if (!(c_puct > 0)) fail("c_puct must be > 0");
  if (!(virtual_loss >= 0)) fail("virtual loss must be >= 0");
  if (!(noise_weight >= 0 && noise_weight <= 1)) fail("noise weight must be in 0..1");
  if (!(dirichlet_alpha >= 0)) fail("dirichlet alpha must be >= 0");
  if (max_depth < 0) fail("depth must be >= 0");
}

}  // namespace dlgo
