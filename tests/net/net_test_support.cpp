#include "net_test_support.h"

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <vector>

#include "engine/dataset/dataset_file.h"
#include "engine/encoders/registry.h"
#include "engine/playout.h"

namespace dlgo::testing {

std::string make_temp_directory(const std::string& stem) {
  std::string pattern = (std::filesystem::temp_directory_path() / (stem + "-XXXXXX")).string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("cannot create a temporary directory");
  return pattern;
}

static void write_split(const std::string& path, const std::string& split, const Encoder& encoder,
                        int games, Rng& rng) {
  dataset::DatasetHeader header;
  header.encoder = std::string(encoder.name());
  header.board_width = encoder.width();
  header.board_height = encoder.height();
  header.planes = encoder.num_planes();
  header.label_space = encoder.num_moves();
  header.split = split;
  dataset::DatasetWriter writer(path, header);
  std::vector<std::uint8_t> planes(encoder.encoded_size()), packed(header.stored_row_bytes());
  for (int g = 0; g < games; ++g) {
    std::int32_t game = writer.add_game("random#" + std::to_string(g));
    GameState state = GameState::new_game(encoder.width());
    while (!state.is_over()) {
      Move move = select_random_move(state, rng);
      if (move.is_play() || encoder.predicts_pass()) {
        encoder.encode(state, planes.data());
        dataset::pack_feature_rows(planes.data(), header.planes * header.board_height, header.board_width,
                                   packed.data());
        std::int16_t label = static_cast<std::int16_t>(encoder.encode_move(move));
        writer.append(packed.data(), &label, &game, 1);
      }
      state.play(move);
    }
  }
  writer.finish();
}

void write_random_dataset(const std::string& prefix, const std::string& encoder_name, int board_size,
                          int train_games, int test_games, unsigned seed) {
  auto encoder = make_encoder(encoder_name, board_size);
  Rng rng(seed);
  write_split(prefix + ".train.h5", "train", *encoder, train_games, rng);
  write_split(prefix + ".test.h5", "test", *encoder, test_games, rng);
}

}  // namespace dlgo::testing
