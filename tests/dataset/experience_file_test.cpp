// Experience files: exact round trips, exact merges, and clear errors for bad files.
#include "tests/catch.h"

#include <H5Cpp.h>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "engine/dataset/experience_file.h"
#include "tests/one_line_error.h"

namespace fs = std::filesystem;
using dlgo::Experience;
using dlgo::test::one_line_naming;

namespace {

fs::path folder() {
  static const fs::path path = [] {
    fs::path p = fs::temp_directory_path() / ("dlgo-experience-" + std::to_string(::getpid()));
    fs::create_directories(p);
    return p;
  }();
  return path;
}

std::string file(const std::string& name) {
  return (folder() / name).string();
}

// `rows` decisions of made-up but distinct content; game g has rows g*3 .. g*3+2.
Experience sample(int rows, bool visits, float offset = 0) {
  Experience e;
  e.encoder = "simple";
  e.board_width = 5;
  e.board_height = 4;
  e.channels = 2;
  e.action_space = 21;
  for (int r = 0; r < rows; ++r) {
    for (size_t i = 0; i < e.state_size(); ++i)
      e.states.push_back(static_cast<float>((r * 7 + i) % 3) + offset);
    e.actions.push_back((r * 5) % 21);
    e.rewards.push_back(r % 2 ? 1.0f : -1.0f);
    e.advantages.push_back(0.25f * r - offset);
    e.games.push_back(r / 3);
    if (visits) {
      for (int a = 0; a < e.action_space; ++a)
        e.visit_counts.push_back(static_cast<float>((a + r) % 4));
    }
  }
  return e;
}

// Masks that allow the action taken and every label of the same parity as the row.
void add_masks(Experience& e) {
  for (size_t r = 0; r < e.rows(); ++r) {
    for (int a = 0; a < e.action_space; ++a) {
      e.move_masks.push_back(a == e.actions[r] || (a + r) % 2 == 0 ? 1 : 0);
    }
  }
}

void require_equal(const Experience& a, const Experience& b) {
  REQUIRE(a.encoder == b.encoder);
  REQUIRE(a.board_width == b.board_width);
  REQUIRE(a.board_height == b.board_height);
  REQUIRE(a.channels == b.channels);
  REQUIRE(a.action_space == b.action_space);
  REQUIRE(a.states == b.states);
  REQUIRE(a.actions == b.actions);
  REQUIRE(a.rewards == b.rewards);
  REQUIRE(a.advantages == b.advantages);
  REQUIRE(a.visit_counts == b.visit_counts);
  REQUIRE(a.move_masks == b.move_masks);
  REQUIRE(a.games == b.games);
}

}  // namespace

TEST_CASE("experience files round-trip every array exactly", "[experience]") {
  for (bool visits : {false, true}) {
    Experience written = sample(10, visits);
    const std::string path = file(visits ? "zero.h5" : "pg.h5");
    dlgo::write_experience_file(path, written);
    REQUIRE_FALSE(fs::exists(path + ".partial"));
    Experience read = dlgo::read_experience_file(path);
    require_equal(read, written);
    REQUIRE(read.has_visit_counts() == visits);
  }
}

TEST_CASE("move masks round-trip, and merging with mask-less experience fills ones",
          "[experience]") {
  Experience masked = sample(4, false, 0);
  add_masks(masked);
  REQUIRE_NOTHROW(masked.check());
  dlgo::write_experience_file(file("masked.h5"), masked);
  Experience read = dlgo::read_experience_file(file("masked.h5"));
  REQUIRE(read.has_move_masks());
  require_equal(read, masked);

  // Rows without a mask could choose any label: they merge as all-ones rows, either way round.
  Experience plain = sample(3, false, 5);
  dlgo::write_experience_file(file("plain.h5"), plain);
  for (bool masked_first : {true, false}) {
    const std::vector<std::string> paths =
        masked_first ? std::vector<std::string>{file("masked.h5"), file("plain.h5")}
                     : std::vector<std::string>{file("plain.h5"), file("masked.h5")};
    Experience merged = dlgo::merge_experience_files(paths);
    REQUIRE(merged.rows() == 7);
    REQUIRE(merged.move_masks.size() == 7u * 21);
    const size_t masked_begin = masked_first ? 0 : 3;
    for (size_t r = 0; r < 7; ++r) {
      const bool from_masked = r >= masked_begin && r < masked_begin + 4;
      for (int a = 0; a < 21; ++a) {
        const std::uint8_t want = from_masked ? masked.move_masks[(r - masked_begin) * 21 + a] : 1;
        REQUIRE(merged.move_masks[r * 21 + a] == want);
      }
    }
  }
}

TEST_CASE("a move mask that leaves out the action taken, or holds more than 0/1, is refused",
          "[experience]") {
  Experience e = sample(3, false);
  add_masks(e);
  e.move_masks[1 * 21 + e.actions[1]] = 0;
  REQUIRE_THROWS_WITH(dlgo::write_experience_file(file("bad_mask.h5"), e),
                      Catch::Contains("bad_mask.h5") && Catch::Contains("row 1") &&
                          Catch::Contains("move mask leaves out"));
  REQUIRE_FALSE(fs::exists(file("bad_mask.h5")));
  e.move_masks[1 * 21 + e.actions[1]] = 2;
  REQUIRE_THROWS_WITH(e.check(), Catch::Contains("only 0 and 1"));
  e.move_masks.pop_back();
  REQUIRE_THROWS_WITH(e.check(), Catch::Contains("disagree"));
  {
    // A file whose masks have one label too few per row.
    Experience good = sample(3, false);
    add_masks(good);
    dlgo::write_experience_file(file("narrow_mask.h5"), good);
    H5::H5File h5(file("narrow_mask.h5"), H5F_ACC_RDWR);
    H5::Group group = h5.openGroup("experience");
    group.unlink("move_masks");
    hsize_t dims[2] = {3, 20};
    std::vector<std::uint8_t> ones(60, 1);
    group.createDataSet("move_masks", H5::PredType::NATIVE_UINT8, H5::DataSpace(2, dims))
        .write(ones.data(), H5::PredType::NATIVE_UINT8);
  }
  REQUIRE_THROWS_WITH(dlgo::read_experience_file(file("narrow_mask.h5")),
                      Catch::Contains("narrow_mask.h5") &&
                          Catch::Contains("/experience/move_masks has shape 3x20, expected 3x21"));
}

TEST_CASE("an experience file with no decisions round-trips", "[experience]") {
  Experience empty = sample(0, false);
  dlgo::write_experience_file(file("empty.h5"), empty);
  Experience read = dlgo::read_experience_file(file("empty.h5"));
  REQUIRE(read.rows() == 0);
  REQUIRE(read.encoder == "simple");
  REQUIRE(read.action_space == 21);
}

TEST_CASE("merging experience files concatenates rows and keeps games distinct", "[experience]") {
  Experience a = sample(7, true, 0), b = sample(5, true, 10);
  dlgo::write_experience_file(file("a.h5"), a);
  dlgo::write_experience_file(file("b.h5"), b);
  Experience merged = dlgo::merge_experience_files({file("a.h5"), file("b.h5")});
  REQUIRE(merged.rows() == 12);
  // Row for row: a's rows, then b's.
  for (size_t r = 0; r < 12; ++r) {
    const Experience& source = r < 7 ? a : b;
    const size_t i = r < 7 ? r : r - 7;
    REQUIRE(merged.actions[r] == source.actions[i]);
    REQUIRE(merged.rewards[r] == source.rewards[i]);
    REQUIRE(merged.advantages[r] == source.advantages[i]);
    REQUIRE(std::equal(source.states.begin() + i * a.state_size(),
                       source.states.begin() + (i + 1) * a.state_size(),
                       merged.states.begin() + r * a.state_size()));
    REQUIRE(std::equal(source.visit_counts.begin() + i * 21,
                       source.visit_counts.begin() + (i + 1) * 21,
                       merged.visit_counts.begin() + r * 21));
  }
  // a has games 0..2; b's games 0..1 become 3..4.
  REQUIRE(merged.games[6] == 2);
  REQUIRE(merged.games[7] == 3);
  REQUIRE(merged.games[11] == 4);
  // Merging, writing and reading again changes nothing.
  dlgo::write_experience_file(file("ab.h5"), merged);
  require_equal(dlgo::read_experience_file(file("ab.h5")), merged);
}

TEST_CASE("experience of different shapes does not merge", "[experience]") {
  Experience a = sample(3, false);
  Experience other_board = sample(3, false);
  other_board.board_width = 4;
  other_board.board_height = 5;
  REQUIRE_THROWS_AS(a.append(other_board), std::invalid_argument);
  Experience with_visits = sample(3, true);
  REQUIRE_THROWS_AS(a.append(with_visits), std::invalid_argument);
  Experience other_encoder = sample(3, false);
  other_encoder.encoder = "sevenplane";
  dlgo::write_experience_file(file("simple.h5"), a);
  dlgo::write_experience_file(file("seven.h5"), other_encoder);
  REQUIRE_THROWS_WITH(dlgo::merge_experience_files({file("simple.h5"), file("seven.h5")}),
                      Catch::Contains("seven.h5") && Catch::Contains("cannot join"));
  REQUIRE_THROWS_WITH(dlgo::merge_experience_files({}), Catch::Contains("no experience files"));
}

TEST_CASE("bad experience files give errors naming the file and the problem", "[experience]") {
  REQUIRE_THROWS_WITH(dlgo::read_experience_file(file("missing.h5")),
                      Catch::Contains("missing.h5: no such file"));
  {
    std::ofstream text(file("text.h5"));
    text << "not hdf5 at all\n";
  }
  REQUIRE_THROWS_WITH(dlgo::read_experience_file(file("text.h5")),
                      Catch::Contains("not an HDF5 file"));
  {
    H5::H5File h5(file("foreign.h5"), H5F_ACC_TRUNC);
    h5.createGroup("something_else");
  }
  REQUIRE_THROWS_WITH(dlgo::read_experience_file(file("foreign.h5")),
                      Catch::Contains("no /experience group"));
  {
    H5::H5File h5(file("unmarked.h5"), H5F_ACC_TRUNC);
    h5.createGroup("experience");
  }
  REQUIRE_THROWS_WITH(dlgo::read_experience_file(file("unmarked.h5")),
                      Catch::Contains("no format attribute"));
  {
    // rewards one row short of the states.
    dlgo::write_experience_file(file("short.h5"), sample(4, false));
    H5::H5File h5(file("short.h5"), H5F_ACC_RDWR);
    H5::Group group = h5.openGroup("experience");
    group.unlink("rewards");
    hsize_t three = 3;
    H5::DataSpace space(1, &three);
    float values[3] = {1, 1, 1};
    group.createDataSet("rewards", H5::PredType::NATIVE_FLOAT, space)
        .write(values, H5::PredType::NATIVE_FLOAT);
  }
  REQUIRE_THROWS_WITH(dlgo::read_experience_file(file("short.h5")),
                      Catch::Contains("/experience/rewards has shape 3, expected 4"));
  {
    dlgo::write_experience_file(file("noactions.h5"), sample(2, false));
    H5::H5File h5(file("noactions.h5"), H5F_ACC_RDWR);
    h5.openGroup("experience").unlink("actions");
  }
  REQUIRE_THROWS_WITH(dlgo::read_experience_file(file("noactions.h5")),
                      Catch::Contains("/experience/actions is missing"));
}

TEST_CASE("an experience path that is no regular file, or a damaged file, is refused in one line",
          "[experience]") {
  auto error_of = [](const std::string& path) -> std::string {
    try {
      dlgo::read_experience_file(path);
    } catch (const dlgo::ExperienceFileError& error) {
      return error.what();
    }
    return "(no error)";
  };
  const std::string fifo = file("fifo.h5");
  fs::remove(fifo);
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  std::string message = error_of(fifo);  // would block in open() without the check
  INFO(message);
  CHECK(one_line_naming(message, fifo));
  CHECK_THAT(message, Catch::Contains("not a regular file"));

  const std::string directory = file("a-directory.h5");
  fs::create_directories(directory);
  message = error_of(directory);
  INFO(message);
  CHECK(one_line_naming(message, directory));
  CHECK_THAT(message, Catch::Contains("is a directory"));

  const std::string no_encoder = file("no-encoder.h5");
  dlgo::write_experience_file(no_encoder, sample(4, false));
  H5::H5File(no_encoder, H5F_ACC_RDWR).openGroup("experience").removeAttr("encoder");
  message = error_of(no_encoder);
  INFO(message);
  CHECK(one_line_naming(message, no_encoder));
  CHECK_THAT(message, Catch::Contains("the attribute 'encoder' of /experience is missing"));

  const std::string truncated = file("truncated.h5");
  dlgo::write_experience_file(truncated, sample(400, true));
  fs::resize_file(truncated, fs::file_size(truncated) / 2);
  message = error_of(truncated);
  INFO(message);
  CHECK(one_line_naming(message, truncated));
  CHECK_THAT(message, Catch::Contains("truncated"));
}

TEST_CASE("a failed write leaves the existing experience file untouched", "[experience]") {
  Experience good = sample(6, false);
  dlgo::write_experience_file(file("keep.h5"), good);
  Experience broken = sample(6, false);
  broken.actions[2] = 99;  // outside the 21 actions
  REQUIRE_THROWS_WITH(dlgo::write_experience_file(file("keep.h5"), broken),
                      Catch::Contains("action 99"));
  Experience inconsistent = sample(6, false);
  inconsistent.rewards.pop_back();
  REQUIRE_THROWS_AS(dlgo::write_experience_file(file("keep.h5"), inconsistent),
                    dlgo::ExperienceFileError);
  require_equal(dlgo::read_experience_file(file("keep.h5")), good);
  REQUIRE_FALSE(fs::exists(file("keep.h5") + ".partial"));
}

TEST_CASE("an experience file on a full disk: an error with the reason, the old file kept",
          "[experience]") {
  Experience good = sample(6, false);
  dlgo::write_experience_file(file("full.h5"), good);
  fs::remove(file("full.h5") + ".partial");
  fs::create_symlink("/dev/full", file("full.h5") + ".partial");  // every write: ENOSPC
  REQUIRE_THROWS_WITH(dlgo::write_experience_file(file("full.h5"), sample(600, true)),
                      file("full.h5") + ": cannot create: No space left on device");
  REQUIRE_FALSE(fs::exists(fs::symlink_status(file("full.h5") + ".partial")));
  require_equal(dlgo::read_experience_file(file("full.h5")), good);
  REQUIRE(H5Fget_obj_count(H5F_OBJ_ALL, H5F_OBJ_FILE | H5F_OBJ_DATASET | H5F_OBJ_GROUP) == 0);
}
