// Game outcomes per row (dataset format version 2): written, read back, defaulted, checked.
#include "tests/catch.h"

#include <H5Cpp.h>

#include <filesystem>

#include "corpus_builder.h"
#include "engine/dataset/dataset_file.h"
#include "engine/sgf/game_result.h"

using namespace dlgo;
using namespace dlgo::dataset;
namespace fs = std::filesystem;

namespace {

DatasetHeader tiny_header() {
  DatasetHeader header;
  header.encoder = "oneplane";
  header.board_width = 2;
  header.board_height = 2;
  header.planes = 2;
  header.label_space = 4;
  header.split = "train";
  return header;
}

// Writes `rows` rows (all-zero features, label 0, game 0), with `outcomes` or none.
void write_rows(const std::string& path, int rows, const std::int8_t* outcomes) {
  DatasetHeader header = tiny_header();
  DatasetWriter writer(path, header);
  writer.add_game("g");
  std::vector<std::uint8_t> features(rows * header.stored_row_bytes(), 0);
  std::vector<std::int16_t> labels(rows, 0);
  std::vector<std::int32_t> games(rows, 0);
  writer.append(features.data(), labels.data(), games.data(), rows, outcomes);
  writer.finish();
}

}  // namespace

TEST_CASE("outcomes round-trip, appends without them store unknown") {
  std::string dir = testing::make_temp_directory("dlgo-outcomes");
  const std::int8_t outcomes[] = {1, -1, 0, 1, -1};
  write_rows(dir + "/with.h5", 5, outcomes);
  write_rows(dir + "/without.h5", 3, nullptr);

  DatasetReader with(dir + "/with.h5");
  CHECK(with.header().has_outcomes);
  std::vector<std::int8_t> back(5, 99);
  with.read(0, 5, nullptr, nullptr, nullptr, back.data());
  CHECK(back == std::vector<std::int8_t>(outcomes, outcomes + 5));
  std::vector<std::int8_t> tail(2, 99);
  with.read(3, 2, nullptr, nullptr, nullptr, tail.data());
  CHECK(tail == std::vector<std::int8_t>{1, -1});

  DatasetReader without(dir + "/without.h5");
  std::vector<std::int8_t> unknown(3, 99);
  without.read(0, 3, nullptr, nullptr, nullptr, unknown.data());
  CHECK(unknown == std::vector<std::int8_t>{0, 0, 0});
  fs::remove_all(dir);
}

TEST_CASE("a version 1 dataset reads with unknown outcomes, a bad outcome value is refused") {
  std::string dir = testing::make_temp_directory("dlgo-outcomes");
  const std::int8_t outcomes[] = {1, -1, 1};
  write_rows(dir + "/v1.h5", 3, outcomes);
  write_rows(dir + "/bad.h5", 3, outcomes);
  {
    // Turn one file into version 1 (no /outcomes) and spoil a value in the other.
    H5::H5File v1(dir + "/v1.h5", H5F_ACC_RDWR);
    v1.unlink("outcomes");
    std::int64_t version = 1;
    v1.openAttribute("format_version").write(H5::PredType::NATIVE_INT64, &version);
    H5::H5File bad(dir + "/bad.h5", H5F_ACC_RDWR);
    std::int8_t spoilt[] = {1, 7, 1};
    bad.openDataSet("outcomes").write(spoilt, H5::PredType::NATIVE_INT8);
  }
  DatasetReader v1(dir + "/v1.h5");
  CHECK_FALSE(v1.header().has_outcomes);
  CHECK(v1.rows() == 3);
  std::vector<std::int8_t> back(3, 99);
  v1.read(0, 3, nullptr, nullptr, nullptr, back.data());
  CHECK(back == std::vector<std::int8_t>{0, 0, 0});

  DatasetReader bad(dir + "/bad.h5");
  CHECK_THROWS_WITH(bad.read(0, 3, nullptr, nullptr, nullptr, back.data()),
                    Catch::Contains("bad.h5") && Catch::Contains("row 1 has outcome 7"));
  fs::remove_all(dir);
}

TEST_CASE("the winner named by an SGF result") {
  CHECK(winner_from_result("B+R") == Color::kBlack);
  CHECK(winner_from_result("W+7.5") == Color::kWhite);
  CHECK(winner_from_result("w+T") == Color::kWhite);
  CHECK(winner_from_result("  B+Resign") == Color::kBlack);
  CHECK(winner_from_result("B+") == Color::kBlack);
  CHECK_FALSE(winner_from_result("0"));
  CHECK_FALSE(winner_from_result("Draw"));
  CHECK_FALSE(winner_from_result("Void"));
  CHECK_FALSE(winner_from_result("?"));
  CHECK_FALSE(winner_from_result(""));
  CHECK_FALSE(winner_from_result("X+3"));
  CHECK_FALSE(winner_from_result("B3"));
}
