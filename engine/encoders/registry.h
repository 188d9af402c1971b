// Encoders by name, as agent files, datasets and command lines refer to them.
//
// Contract: pure functions; safe from any thread. The returned encoder is owned by the caller.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/coords.h"
#include "engine/encoders/encoder.h"

namespace dlgo {

// Throws std::invalid_argument for an unknown name (the message lists the known ones) or a
// board size outside 2x2..25x25.
std::unique_ptr<Encoder> make_encoder(std::string_view name, BoardSize size);
std::unique_ptr<Encoder> make_encoder(std::string_view name, int board_size);

// The registered names, sorted.
std::vector<std::string> encoder_names();

}  // namespace dlgo
