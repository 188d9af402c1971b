// The training batch stream mixes many games: rows of one game sit next to each other in a
// dataset, and a stream that carries few games at a time lets the value head learn those games'
// outcomes instead of reading positions.
#include <filesystem>
#include <set>
#include <vector>

#include "engine/dataset/dataset_file.h"
#include "engine/encoders/registry.h"
#include "net/training/batch_source.h"
#include "net_support.h"

#include "catch_with_torch.h"

using namespace dlgo;
namespace fs = std::filesystem;

TEST_CASE("training batches mix rows of hundreds of games, not a few games at a time",
          "[training]") {
  const std::string dir = testing::make_temp_directory("dlgo-batch-mix");
  const std::string path = dir + "/games.train.h5";
  // 360 games of 170 rows each, stored one game after the other as `dlgo-data prepare` does;
  // each row's label is its game's index, so the labels of a batch name its games.
  constexpr int kGames = 360, kRowsPerGame = 170;
  dataset::DatasetHeader header;
  header.encoder = "oneplane";
  header.planes = make_encoder(header.encoder, 19)->num_planes();
  header.label_space = make_encoder(header.encoder, 19)->num_moves();
  header.split = "train";
  {
    dataset::DatasetWriter writer(path, header);
    std::vector<std::uint8_t> features(header.stored_row_bytes() * kRowsPerGame, 0);
    for (int g = 0; g < kGames; ++g) {
      std::vector<std::int16_t> labels(kRowsPerGame, static_cast<std::int16_t>(g));
      std::vector<std::int32_t> games(kRowsPerGame, writer.add_game("game" + std::to_string(g)));
      writer.append(features.data(), labels.data(), games.data(), kRowsPerGame);
    }
    writer.finish();
  }

  net::BatchSourceOptions options;  // the defaults dlgo-train uses
  options.batch_size = 128;
  net::BatchSource source(path, options);
  source.start_epoch(0);
  // The first 1,024 rows of an epoch: a stream that reads 16 blocks of 1,024 rows at a time
  // holds about 110 games there; one that mixes 512 blocks of 64 rows about 300.
  std::set<std::int64_t> games_seen;
  for (int b = 0; b < 8; ++b) {
    auto batch = source.next();
    REQUIRE(batch);
    games_seen.insert(batch->labels.begin(), batch->labels.end());
  }
  CHECK(games_seen.size() >= 200);
  fs::remove_all(dir);
}
