#include "download/archive_check.h"

#include <fstream>
#include "tests/catch.h"

#include "tests/download/download_support.h"

using namespace dlgo::download;
using namespace dlgo::download::testing;

namespace {

void write_bytes(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream file(path, std::ios::binary);
  file << bytes;
}

}  // namespace

TEST_CASE("check_tar_gz accepts a whole archive and rejects damaged ones") {
  ScratchDir scratch;
  std::filesystem::path good = scratch.path() / "good.tar.gz";
  write_sgf_archive(good, 20);
  ArchiveCheck check = check_tar_gz(good);
  CHECK(check.ok);
  CHECK(check.entries == 20);

  std::string bytes = read_bytes(good);
  REQUIRE(bytes.size() > 200);

  std::filesystem::path truncated = scratch.path() / "truncated.tar.gz";
  write_bytes(truncated, bytes.substr(0, bytes.size() / 2));
  check = check_tar_gz(truncated);
  CHECK_FALSE(check.ok);
  CHECK_FALSE(check.error.empty());

  std::filesystem::path flipped = scratch.path() / "flipped.tar.gz";
  std::string damaged = bytes;
  for (std::size_t i = bytes.size() / 3; i < bytes.size() / 3 + 64; ++i) damaged[i] ^= 0x5a;
  write_bytes(flipped, damaged);
  CHECK_FALSE(check_tar_gz(flipped).ok);

  std::filesystem::path garbage = scratch.path() / "garbage.tar.gz";
  write_bytes(garbage, "<html>this is an error page, not an archive</html>");
  check = check_tar_gz(garbage);
  CHECK_FALSE(check.ok);

  std::filesystem::path empty = scratch.path() / "empty.tar.gz";
  write_bytes(empty, "");
  CHECK_FALSE(check_tar_gz(empty).ok);

  CHECK_FALSE(check_tar_gz(scratch.path() / "missing.tar.gz").ok);
}
