#include "tests/catch.h"

#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>

#include "engine/files/atomic_text_file.h"
#include "engine/files/file_commit.h"
#include "sync_recorder.h"

using namespace dlgo;
namespace fs = std::filesystem;

namespace {

// A fresh temporary folder, removed with its contents when the test ends.
class TempFolder {
 public:
  TempFolder() {
    std::string pattern = (fs::temp_directory_path() / "dlgo-files-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("cannot create a temporary folder");
    path_ = fs::canonical(pattern).string();
  }
  ~TempFolder() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  std::string file(const std::string& name) const { return path_ + "/" + name; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void write_plain(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

// Makes PATH.partial a link to /dev/full, whose every write fails with ENOSPC: a full disk for
// the one file, without mounting a file system.
void stage_on_full_device(const std::string& path) {
  REQUIRE(fs::exists("/dev/full"));
  fs::create_symlink("/dev/full", partial_path(path));
}

}  // namespace

TEST_CASE("a text file is replaced whole: complete content, nothing left under the partial name") {
  TempFolder folder;
  const std::string path = folder.file("notes.txt");
  write_plain(path, "old");
  const std::string text(100000, 'x');  // more than one write(2) might take at once on a pipe
  write_text_atomically(path, text);
  CHECK(read_all(path) == text);
  CHECK_FALSE(fs::exists(partial_path(path)));
  write_text_atomically(path, "");  // an empty text is a valid, empty file
  CHECK(fs::exists(path));
  CHECK(fs::file_size(path) == 0);
}

TEST_CASE("the commit syncs the file before the rename and the folder after it") {
  TempFolder folder;
  const std::string path = folder.file("game.sgf");
  testing::SyncRecording recording;
  write_text_atomically(path, "(;GM[1]SZ[9])");
  const std::vector<std::string> expected = {
      "fsync " + partial_path(path),
      "rename " + partial_path(path) + " " + path,
      "fsync " + folder.path(),
  };
  CHECK(recording.calls() == expected);
}

TEST_CASE("a full disk: the writer says so, the previous file stays, no partial is left") {
  TempFolder folder;
  const std::string path = folder.file("game_0001.sgf");
  write_plain(path, "previous game");
  stage_on_full_device(path);
  try {
    write_text_atomically(path, std::string(10000, 'x'));
    FAIL("writing to a full device succeeded");
  } catch (const FileCommitError& error) {
    CHECK(std::string(error.what()) == path + ": cannot write: No space left on device");
    CHECK(error.problem() == "cannot write: No space left on device");
  }
  CHECK(read_all(path) == "previous game");
  CHECK_FALSE(fs::exists(fs::symlink_status(partial_path(path))));
}

TEST_CASE("a missing folder is named with the system's reason, and nothing is created") {
  TempFolder folder;
  const std::string path = folder.file("no_such_dir/x.sgf");
  CHECK_THROWS_WITH(write_text_atomically(path, "x"),
                    path + ": cannot write: No such file or directory");
  CHECK_FALSE(fs::exists(folder.file("no_such_dir")));
}

TEST_CASE(
    "a commit whose rename fails keeps what is under the final name and removes the staged file") {
  TempFolder folder;
  const std::string path = folder.file("agent.h5");
  fs::create_directory(path);  // a non-empty folder cannot be renamed over
  write_plain(path + "/kept", "mine");
  write_plain(partial_path(path), "new agent");
  try {
    commit_file(partial_path(path), path);
    FAIL("renamed over a non-empty folder");
  } catch (const FileCommitError& error) {
    CHECK_THAT(error.what(),
               Catch::StartsWith(path + ": cannot rename the finished file into place: "));
  }
  CHECK(read_all(path + "/kept") == "mine");
  CHECK_FALSE(fs::exists(partial_path(path)));
}

TEST_CASE("a commit of a staged file that is not there fails before touching the final name") {
  TempFolder folder;
  const std::string path = folder.file("data.h5");
  write_plain(path, "previous");
  testing::SyncRecording recording;
  CHECK_THROWS_WITH(commit_file(partial_path(path), path),
                    path + ": cannot sync the written file: No such file or directory");
  CHECK(read_all(path) == "previous");
  for (const std::string& call : recording.calls()) CHECK(call.rfind("rename", 0) != 0);
}
