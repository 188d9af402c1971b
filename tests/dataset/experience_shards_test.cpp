// The shard folder of remote self-play: names round-trip and nothing else parses as a shard,
// stale generations are moved aside unread, a claimed shard belongs to its round once, and a
// temporary is removed only after staying unchanged for the timeout.
#include "tests/catch.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>

#include "engine/dataset/experience_shards.h"
#include "tests/dataset/corpus_builder.h"

namespace fs = std::filesystem;
using dlgo::ShardFile;
using dlgo::ShardFolder;
using dlgo::ShardName;
using dlgo::testing::make_temp_directory;

namespace {

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream(path) << text;
}

std::set<std::string> file_names(const std::vector<ShardFile>& shards) {
  std::set<std::string> names;
  for (const ShardFile& shard : shards) names.insert(fs::path(shard.path).filename().string());
  return names;
}

}  // namespace

TEST_CASE("a shard's file name carries its generation, worker and sequence") {
  const ShardName name{3, "node-7.lab-4121-9f2c1a07", 12};
  const std::string file = dlgo::shard_file_name(name);
  CHECK(file == "g000003-node-7.lab-4121-9f2c1a07-000012.h5");
  REQUIRE(dlgo::parse_shard_file_name(file).has_value());
  CHECK(*dlgo::parse_shard_file_name(file) == name);
  CHECK_THROWS_AS(dlgo::shard_file_name({-1, "w", 0}), std::invalid_argument);
  CHECK_THROWS_AS(dlgo::shard_file_name({0, "a/b", 0}), std::invalid_argument);
  CHECK_THROWS_AS(dlgo::shard_file_name({0, "", 0}), std::invalid_argument);
}

TEST_CASE("temporaries and other files never parse as shards") {
  for (const char* file :
       {"g000003-w-000001.h5.partial", ".g000003-w-000001.h5", "g000003-w-000001.h5~",
        "gx-w-000001.h5", "g000003--000001.h5", "g000003-w-.h5", "g000003-w.h5", "round_001.h5",
        "g000003-w-00000a.h5", "g000003-w w-000001.h5", "g-w-000001.h5"}) {
    INFO(file);
    CHECK_FALSE(dlgo::parse_shard_file_name(file).has_value());
  }
}

TEST_CASE("worker ids are unique and valid in a shard name") {
  const std::string a = dlgo::new_worker_id(), b = dlgo::new_worker_id();
  CHECK(a != b);
  const std::string file = dlgo::shard_file_name({0, a, 1});
  REQUIRE(dlgo::parse_shard_file_name(file).has_value());
  CHECK(dlgo::parse_shard_file_name(file)->worker == a);
}

TEST_CASE("shards of other generations go to stale/, the current one's stay ready") {
  const fs::path dir = fs::path(make_temp_directory("dlgo-shards")) / "shards";
  ShardFolder folder(dir.string());
  write_file(dir / dlgo::shard_file_name({1, "w1", 1}), "old");
  write_file(dir / dlgo::shard_file_name({2, "w1", 2}), "current");
  write_file(dir / dlgo::shard_file_name({2, "w2", 1}), "current");
  write_file(dir / dlgo::shard_file_name({3, "w2", 2}), "newer");
  write_file(dir / (dlgo::shard_file_name({2, "w3", 1}) + ".partial"), "half");
  const std::vector<ShardFile> dropped = folder.drop_stale(2);
  CHECK(file_names(dropped) ==
        std::set<std::string>{"g000001-w1-000001.h5", "g000003-w2-000002.h5"});
  for (const ShardFile& shard : dropped) CHECK(fs::exists(shard.path));
  CHECK(fs::exists(dir / "stale" / "g000001-w1-000001.h5"));
  const std::vector<ShardFile> ready = folder.ready();
  CHECK(file_names(ready) == std::set<std::string>{"g000002-w1-000002.h5", "g000002-w2-000001.h5"});
  CHECK(fs::exists(dir / "g000002-w3-000001.h5.partial"));  // never touched by the rules
  fs::remove_all(dir.parent_path());
}

TEST_CASE("a claimed shard belongs to its round and is not ready any more") {
  const fs::path dir = fs::path(make_temp_directory("dlgo-shards")) / "shards";
  ShardFolder folder(dir.string());
  write_file(dir / dlgo::shard_file_name({0, "w1", 1}), "a");
  write_file(dir / dlgo::shard_file_name({0, "w2", 1}), "b");
  std::vector<ShardFile> ready = folder.ready();
  REQUIRE(ready.size() == 2);
  const std::optional<std::string> claimed = folder.claim(ready[0], 4);
  REQUIRE(claimed.has_value());
  CHECK(fs::path(*claimed) == dir / "used" / "round_004" / "g000000-w1-000001.h5");
  CHECK(folder.ready().size() == 1);
  CHECK(file_names(folder.claimed(4)) == std::set<std::string>{"g000000-w1-000001.h5"});
  CHECK(folder.claimed(5).empty());
  // A shard deleted between listing and claiming is skipped, not an error.
  fs::remove(ready[1].path);
  CHECK_FALSE(folder.claim(ready[1], 4).has_value());
  // A broken shard is moved aside.
  const std::string bad = folder.set_aside_bad(*claimed);
  CHECK(fs::path(bad) == dir / "bad" / "g000000-w1-000001.h5");
  CHECK(folder.claimed(4).empty());
  fs::remove_all(dir.parent_path());
}

TEST_CASE("a temporary is removed only after staying unchanged for the timeout") {
  using namespace std::chrono_literals;
  const fs::path dir = fs::path(make_temp_directory("dlgo-shards")) / "shards";
  ShardFolder folder(dir.string());
  dlgo::TemporarySweeper sweeper(dir.string(), 60s);
  const fs::path dead = dir / "g000000-w1-000001.h5.partial";
  const fs::path growing = dir / "g000000-w2-000001.h5.partial";
  const fs::path shard = dir / "g000000-w3-000001.h5";
  const fs::path foreign = dir / ".nfs000000001";  // not ours: never removed
  write_file(dead, "x");
  write_file(growing, "x");
  write_file(shard, "x");
  write_file(foreign, "x");
  const auto start = dlgo::TemporarySweeper::Clock::now();
  CHECK(sweeper.sweep(start).empty());
  CHECK(sweeper.sweep(start + 59s).empty());
  write_file(growing, "xy");  // its writer is still at work
  const std::vector<std::string> removed = sweeper.sweep(start + 61s);
  CHECK(removed == std::vector<std::string>{dead.string()});
  CHECK_FALSE(fs::exists(dead));
  CHECK(fs::exists(growing));
  CHECK(sweeper.sweep(start + 120s).empty());  // unchanged for 59 s only
  CHECK(sweeper.sweep(start + 122s) == std::vector<std::string>{growing.string()});
  CHECK(fs::exists(shard));
  CHECK(fs::exists(foreign));
  fs::remove_all(dir.parent_path());
}
