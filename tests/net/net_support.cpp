#include "net_support.h"

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

std::string test_device() {
  const char* device = std::getenv("DLGO_TEST_DEVICE");
  return device && *device ? device : "cpu";
}

static void write_split(const std::string& path, const std::string& split, const Encoder& encoder,
                        int games, Rng& rng, double komi) {
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
    state.set_komi(komi);
    std::vector<std::uint8_t> game_features;
    std::vector<std::int16_t> labels;
    std::vector<Color> movers;
    while (!state.is_over()) {
      Move move = select_random_move(state, rng);
      if (move.is_play() || encoder.predicts_pass()) {
        encoder.encode(state, planes.data());
        dataset::pack_feature_rows(planes.data(), header.planes * header.board_height,
                                   header.board_width, packed.data());
        game_features.insert(game_features.end(), packed.begin(), packed.end());
        labels.push_back(static_cast<std::int16_t>(encoder.encode_move(move)));
        movers.push_back(state.next_player());
      }
      state.play(move);
    }
    // Each row's outcome for its player to move, from the finished game's area score.
    const Color winner = state.result().winner();
    std::vector<std::int8_t> outcomes;
    for (Color mover : movers) {
      outcomes.push_back(winner == Color::kEmpty ? dataset::kOutcomeUnknown
                         : winner == mover       ? dataset::kOutcomeWin
                                                 : dataset::kOutcomeLoss);
    }
    std::vector<std::int32_t> game_column(labels.size(), game);
    writer.append(game_features.data(), labels.data(), game_column.data(), labels.size(),
                  outcomes.data());
  }
  writer.finish();
}

void write_random_dataset(const std::string& prefix, const std::string& encoder_name,
                          int board_size, int train_games, int test_games, unsigned seed,
                          double komi) {
  auto encoder = make_encoder(encoder_name, board_size);
  Rng rng(seed);
  write_split(prefix + ".train.h5", "train", *encoder, train_games, rng, komi);
  write_split(prefix + ".test.h5", "test", *encoder, test_games, rng, komi);
}

}  // namespace dlgo::testing
