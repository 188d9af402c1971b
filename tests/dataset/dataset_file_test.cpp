#include "tests/catch.h"

#include <H5Cpp.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "corpus_builder.h"
#include "engine/dataset/dataset_file.h"
#include "engine/rng.h"
#include "tests/one_line_error.h"

using namespace dlgo;
using namespace dlgo::dataset;
using dlgo::test::one_line_naming;
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

// Points every descriptor this process has open on `path` at /dev/full, whose writes fail with
// ENOSPC: the disk fills up under the file mid-write, without mounting a file system.
int fill_disk_under(const std::string& path) {
  const int full = ::open("/dev/full", O_WRONLY | O_CLOEXEC);
  REQUIRE(full >= 0);
  int filled = 0;
  for (const auto& entry : fs::directory_iterator("/proc/self/fd")) {
    std::error_code error;
    if (fs::read_symlink(entry.path(), error) != fs::path(path) || error) continue;
    REQUIRE(::dup2(full, std::stoi(entry.path().filename().string())) >= 0);
    ++filled;
  }
  ::close(full);
  return filled;
}

// Files, datasets, groups and attributes the HDF5 library still holds open in this process. One
// left behind after a failed close makes its exit handler crash (SIGSEGV in H5F__close_cb).
ssize_t open_hdf5_objects() {
  return H5Fget_obj_count(H5F_OBJ_ALL,
                          H5F_OBJ_FILE | H5F_OBJ_DATASET | H5F_OBJ_GROUP | H5F_OBJ_ATTR);
}

// A finished dataset of empty 9x9 boards whose rows have these labels, one game.
void write_rows(const std::string& path, const std::vector<std::int16_t>& labels) {
  DatasetWriter writer(path, small_header());
  const std::int32_t game = writer.add_game("game");
  std::vector<std::uint8_t> packed(small_header().stored_row_bytes(), 0);
  for (std::int16_t label : labels) writer.append(packed.data(), &label, &game, 1);
  writer.finish();
}

// The message of the DatasetError that opening PATH and reading all its labels throws.
std::string read_error(const std::string& path) {
  try {
    DatasetReader reader(path);
    std::vector<std::int16_t> labels(static_cast<std::size_t>(reader.rows()));
    reader.read(0, labels.size(), nullptr, labels.data(), nullptr);
  } catch (const DatasetError& error) {
    return error.what();
  }
  return "(no error)";
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

TEST_CASE("a disk that fills up under a dataset: an error naming it, nothing left open or behind") {
  const std::string dir = fs::canonical(testing::make_temp_directory("dlgo-dataset")).string();
  const std::string path = dir + "/d.h5";
  std::ofstream(path) << "previous contents";
  const DatasetHeader header = small_header();
  // 5000 rows reach the disk in appends (a flush per chunk), 10 only in finish().
  for (const int rows : {5000, 10}) {
    INFO(rows << " rows");
    std::vector<std::uint8_t> packed(static_cast<size_t>(rows) * header.stored_row_bytes(), 1);
    std::vector<std::int16_t> labels(rows, 3);
    std::vector<std::int32_t> games(rows, 0);
    {
      DatasetWriter writer(path, header);
      writer.add_game("g");
      REQUIRE(fill_disk_under(path + ".partial") == 1);
      auto write_all = [&] {
        writer.append(packed.data(), labels.data(), games.data(), rows);
        writer.finish();
      };
      CHECK_THROWS_WITH(write_all(), path + ": cannot write rows: No space left on device");
    }
    CHECK(open_hdf5_objects() == 0);
    CHECK_FALSE(fs::exists(path + ".partial"));
    std::ifstream in(path);
    CHECK(std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()) ==
          "previous contents");
  }
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

TEST_CASE("broken datasets are refused in one line: truncated, no attribute, no file, bad label") {
  std::string dir = testing::make_temp_directory("dlgo-dataset");
  const std::string good = dir + "/good.h5";
  write_rows(good, std::vector<std::int16_t>(3000, 7));

  const std::string truncated = dir + "/truncated.h5";
  fs::copy_file(good, truncated);
  fs::resize_file(truncated, fs::file_size(truncated) / 2);
  std::string message = read_error(truncated);
  INFO(message);
  CHECK(one_line_naming(message, truncated));
  CHECK_THAT(message, Catch::Contains("truncated"));

  const std::string unlabelled = dir + "/no-label-space.h5";
  fs::copy_file(good, unlabelled);
  H5::H5File(unlabelled, H5F_ACC_RDWR).removeAttr("label_space");
  message = read_error(unlabelled);
  INFO(message);
  CHECK(one_line_naming(message, unlabelled));
  CHECK_THAT(message, Catch::Contains("the attribute 'label_space' of / is missing"));

  message = read_error(dir);
  INFO(message);
  CHECK(one_line_naming(message, dir));
  CHECK_THAT(message, Catch::Contains("is a directory"));

  // A FIFO would block the open until something writes to it: refused without opening it.
  const std::string fifo = dir + "/fifo.h5";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  message = read_error(fifo);
  INFO(message);
  CHECK(one_line_naming(message, fifo));
  CHECK_THAT(message, Catch::Contains("not a regular file"));

  // Labels index the network's outputs: one outside the label space is refused on read.
  const std::string bad_label = dir + "/bad-label.h5";
  write_rows(bad_label, {3, 80, 30000, 5});
  message = read_error(bad_label);
  INFO(message);
  CHECK(one_line_naming(message, bad_label));
  CHECK_THAT(message, Catch::Contains("row 2 has label 30000, outside the label space 0..80"));
  write_rows(bad_label, {3, -1});
  CHECK_THAT(read_error(bad_label), Catch::Contains("row 1 has label -1"));

  // Damaged compressed data in the middle of the file.
  const std::string damaged = dir + "/damaged.h5";
  fs::copy_file(good, damaged);
  haddr_t chunk_address = 0;
  hsize_t chunk_bytes = 0;
  {
    H5::H5File file(damaged, H5F_ACC_RDONLY);
    H5::DataSet labels = file.openDataSet("labels");
    H5::DataSpace space = labels.getSpace();
    hsize_t offset[1];
    unsigned filter_mask = 0;
    REQUIRE(H5Dget_chunk_info(labels.getId(), space.getId(), 0, offset, &filter_mask,
                              &chunk_address, &chunk_bytes) >= 0);
  }
  {
    std::fstream file(damaged, std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(static_cast<std::streamoff>(chunk_address + chunk_bytes / 2));
    file.write("garbage!garbage!", 16);
  }
  message = read_error(damaged);
  INFO(message);
  CHECK(one_line_naming(message, damaged));
  CHECK_THAT(message, Catch::Contains("/labels cannot be read, the file is damaged"));
  CHECK(read_error(good) == "(no error)");
  fs::remove_all(dir);
}
