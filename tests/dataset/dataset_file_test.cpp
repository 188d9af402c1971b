#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "corpus_builder.h"
#include "engine/dataset/dataset_file.h"
#include "engine/rng.h"

using namespace dlgo;
using namespace dlgo::dataset;
namespace fs = std::filesystem;

namespace {

DatasetHeader small_header() {
  DatasetHeader header;
  header.encoder = "sevenplane";
  header.board_width = 9;
  header.board_height = 9;
  header.planes = 7;
  header.label_space = 81;
  header.split = "train";
  header.seed = 42;
  header.sources = {"a.tar.gz", "b.zip"};
  return header;
}

}  // namespace

TEST_CASE("bit packing round-trips rows of any width, most significant bit first") {
  for (int width : {1, 5, 8, 9, 19, 25}) {
    Rng rng(static_cast<std::uint64_t>(width));
    const int rows = 13;
    std::vector<std::uint8_t> planes(rows * width);
    for (auto& b : planes) b = rng.below(2);
    std::vector<std::uint8_t> packed(rows * ((width + 7) / 8));
    pack_feature_rows(planes.data(), rows, width, packed.data());
    std::vector<std::uint8_t> back(planes.size());
    unpack_feature_rows(packed.data(), rows, width, back.data());
    CHECK(back == planes);
  }
  std::uint8_t row[9] = {1, 0, 0, 0, 0, 0, 0, 1, 1};
  std::uint8_t packed[2];
  pack_feature_rows(row, 1, 9, packed);
  CHECK(packed[0] == 0x81);
  CHECK(packed[1] == 0x80);
}

TEST_CASE("a dataset written in several appends reads back row for row") {
  std::string dir = testing::make_temp_directory("dlgo-dataset");
  std::string path = dir + "/d.h5";
  DatasetHeader header = small_header();
  const int rows = 5000;  // more than one chunk, not a multiple of it
  std::vector<std::uint8_t> planes(static_cast<size_t>(rows) * header.unpacked_row_bytes());
  Rng rng(7);
  for (auto& b : planes) b = rng.below(2);
  std::vector<std::int16_t> labels(rows);
  std::vector<std::int32_t> games(rows);
  for (int i = 0; i < rows; ++i) {
    labels[i] = static_cast<std::int16_t>(rng.below(81));
    games[i] = i / 100;
  }
  {
    DatasetWriter writer(path, header);
    for (int g = 0; g < rows / 100; ++g) CHECK(writer.add_game("game" + std::to_string(g)) == g);
    std::vector<std::uint8_t> packed(header.stored_row_bytes());
    for (int i = 0; i < rows; ++i) {
      pack_feature_rows(planes.data() + i * header.unpacked_row_bytes(), 7 * 9, 9, packed.data());
      writer.append(packed.data(), &labels[i], &games[i], 1);
    }
    writer.set_skipped_games(3);
    CHECK_FALSE(fs::exists(path));  // only the partial file exists until finish()
    writer.finish();
  }
  REQUIRE(fs::exists(path));
  CHECK_FALSE(fs::exists(path + ".partial"));
  DatasetReader reader(path);
  CHECK(reader.rows() == rows);
  CHECK(reader.header().encoder == "sevenplane");
  CHECK(reader.header().planes == 7);
  CHECK(reader.header().bit_packed);
  CHECK(reader.header().seed == 42);
  CHECK(reader.header().sources == std::vector<std::string>{"a.tar.gz", "b.zip"});
  CHECK(reader.skipped_games() == 3);
  CHECK(reader.game_names().size() == 50);
  CHECK(reader.game_names()[49] == "game49");
  std::vector<std::uint8_t> back(planes.size());
  std::vector<std::int16_t> back_labels(rows);
  std::vector<std::int32_t> back_games(rows);
  reader.read(0, rows, back.data(), back_labels.data(), back_games.data());
  CHECK(back == planes);
  CHECK(back_labels == labels);
  CHECK(back_games == games);
  std::vector<std::int16_t> middle(10);
  reader.read(1234, 10, nullptr, middle.data(), nullptr);
  CHECK(std::equal(middle.begin(), middle.end(), labels.begin() + 1234));
  CHECK_THROWS_WITH(reader.read(rows - 1, 2, nullptr, middle.data(), nullptr),
                    Catch::Contains("outside the dataset"));
  fs::remove_all(dir);
}

TEST_CASE("an unfinished writer leaves nothing behind and an existing file untouched") {
  std::string dir = testing::make_temp_directory("dlgo-dataset");
  std::string path = dir + "/d.h5";
  std::ofstream(path) << "previous contents";
  {
    DatasetWriter writer(path, small_header());
    std::vector<std::uint8_t> packed(small_header().stored_row_bytes(), 0);
    std::int16_t label = 3;
    std::int32_t game = 0;
    writer.append(packed.data(), &label, &game, 1);
  }  // destroyed without finish(), as when an error unwinds
  CHECK_FALSE(fs::exists(path + ".partial"));
  std::ifstream in(path);
  std::string contents((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(contents == "previous contents");
  fs::remove_all(dir);
}

TEST_CASE("reading something that is not a dlgo dataset names the problem") {
  std::string dir = testing::make_temp_directory("dlgo-dataset");
  CHECK_THROWS_WITH(DatasetReader(dir + "/missing.h5"), Catch::Contains("no such file"));
  std::ofstream(dir + "/text.h5") << "this is not HDF5";
  CHECK_THROWS_WITH(DatasetReader(dir + "/text.h5"), Catch::Contains("not an HDF5 file"));
  std::string truncated = dir + "/truncated.h5";
  {
    DatasetWriter writer(truncated, small_header());
    writer.finish();
  }
  fs::resize_file(truncated, fs::file_size(truncated) / 2);
  CHECK_THROWS_AS(DatasetReader(truncated), DatasetError);
  fs::remove_all(dir);
}
