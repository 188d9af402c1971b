#include "engine/encoders/registry.h"

#include <stdexcept>

#include "engine/encoders/alphago.h"
#include "engine/encoders/history.h"
#include "engine/encoders/oneplane.h"
#include "engine/encoders/sevenplane.h"
#include "engine/encoders/simple.h"
#include "engine/encoders/zero.h"

namespace dlgo {

std::vector<std::string> encoder_names() {
  return {"alphago",  "alphago-value", "betago", "history",
          "oneplane", "sevenplane",    "simple", "zero"};
}

std::unique_ptr<Encoder> make_encoder(std::string_view name, BoardSize size) {
  if (name == "oneplane") return std::make_unique<OnePlaneEncoder>(size);
  if (name == "sevenplane" || name == "betago") {
    return std::make_unique<SevenPlaneEncoder>(size, std::string(name));
  }
  if (name == "simple") return std::make_unique<SimpleEncoder>(size);
  if (name == "zero") return std::make_unique<ZeroEncoder>(size);
  if (name == "history") return std::make_unique<HistoryEncoder>(size);
  if (name == "alphago") return std::make_unique<AlphaGoEncoder>(size, false);
  if (name == "alphago-value") return std::make_unique<AlphaGoEncoder>(size, true);
  std::string known;
  for (const std::string& each : encoder_names()) known += (known.empty() ? "" : ", ") + each;
  throw std::invalid_argument("unknown encoder '" + std::string(name) + "' (known: " + known + ")");
}

std::unique_ptr<Encoder> make_encoder(std::string_view name, int board_size) {
  return make_encoder(name, BoardSize{board_size, board_size});
}

}  // namespace dlgo
