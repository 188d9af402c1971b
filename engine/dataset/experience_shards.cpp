#include "engine/dataset/experience_shards.h"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <random>
#include <stdexcept>
#include <system_error>

namespace dlgo {

namespace fs = std::filesystem;

namespace {

constexpr const char* kShardSuffix = ".h5";
constexpr const char* kTemporarySuffix = ".partial";

bool allowed_in_worker_id(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
}

bool ends_with(const std::string& text, const std::string& end) {
  return text.size() >= end.size() && text.compare(text.size() - end.size(), end.size(), end) == 0;
}

// A non-negative decimal number of at most 9 digits; -1 otherwise.
int parse_count(const std::string& digits) {
  if (digits.empty() || digits.size() > 9) return -1;
  int value = 0;
  for (char c : digits) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return -1;
    value = value * 10 + (c - '0');
  }
  return value;
}

std::string round_folder(int round) {
  char name[32];
  std::snprintf(name, sizeof name, "round_%03d", round);
  return name;
}

// Renames `from` into folder `to_dir` under its own name; nullopt when `from` is gone.
std::optional<std::string> move_into(const fs::path& from, const fs::path& to_dir) {
  std::error_code error;
  fs::create_directories(to_dir, error);
  if (error) throw std::runtime_error(to_dir.string() + ": cannot create: " + error.message());
  const fs::path to = to_dir / from.filename();
  fs::rename(from, to, error);
  if (error == std::errc::no_such_file_or_directory && !fs::exists(from)) return std::nullopt;
  if (error) {
    throw std::runtime_error(from.string() + ": cannot move to " + to_dir.string() + ": " +
                             error.message());
  }
  return to.string();
}

std::vector<ShardFile> shards_in(const fs::path& dir) {
  std::vector<ShardFile> shards;
  std::error_code error;
  fs::directory_iterator entries(dir, error);
  if (error) throw std::runtime_error(dir.string() + ": cannot list: " + error.message());
  for (const auto& entry : entries) {
    const std::string file_name = entry.path().filename().string();
    std::optional<ShardName> name = parse_shard_file_name(file_name);
    if (!name || !entry.is_regular_file(error)) continue;
    shards.push_back({entry.path().string(), *name});
  }
  std::sort(shards.begin(), shards.end(), [](const ShardFile& a, const ShardFile& b) {
    return fs::path(a.path).filename() < fs::path(b.path).filename();
  });
  return shards;
}

}  // namespace

std::string shard_file_name(const ShardName& name) {
  if (name.generation < 0 || name.sequence < 0) {
    throw std::invalid_argument("a shard's generation and sequence must not be negative");
  }
  if (name.worker.empty() ||
      !std::all_of(name.worker.begin(), name.worker.end(), allowed_in_worker_id)) {
    throw std::invalid_argument("worker id '" + name.worker +
                                "' must be letters, digits, '.', '_' or '-'");
  }
  char generation[16], sequence[16];
  std::snprintf(generation, sizeof generation, "g%06d-", name.generation);
  std::snprintf(sequence, sizeof sequence, "-%06d", name.sequence);
  return generation + name.worker + sequence + kShardSuffix;
}

std::optional<ShardName> parse_shard_file_name(const std::string& file_name) {
  if (file_name.size() < 2 || file_name[0] != 'g' || !ends_with(file_name, kShardSuffix)) {
    return std::nullopt;
  }
  const std::string stem =
      file_name.substr(1, file_name.size() - 1 - std::string(kShardSuffix).size());
  const size_t first_dash = stem.find('-');
  const size_t last_dash = stem.rfind('-');
  if (first_dash == std::string::npos || last_dash <= first_dash + 1) return std::nullopt;
  ShardName name;
  name.generation = parse_count(stem.substr(0, first_dash));
  name.worker = stem.substr(first_dash + 1, last_dash - first_dash - 1);
  name.sequence = parse_count(stem.substr(last_dash + 1));
  if (name.generation < 0 || name.sequence < 0) return std::nullopt;
  if (!std::all_of(name.worker.begin(), name.worker.end(), allowed_in_worker_id)) {
    return std::nullopt;
  }
  return name;
}

std::string new_worker_id() {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0 || host[0] == '\0') std::snprintf(host, 5, "host");
  std::string id = host;
  for (char& c : id) {
    if (!allowed_in_worker_id(c)) c = '_';
  }
  std::random_device entropy;
  char tail[40];
  std::snprintf(tail, sizeof tail, "-%ld-%08x", static_cast<long>(getpid()),
                static_cast<unsigned>(entropy()));
  return id + tail;
}

ShardFolder::ShardFolder(std::string shards_dir) : dir_(std::move(shards_dir)) {
  for (const char* sub : {"", "used", "stale", "bad"}) {
    std::error_code error;
    fs::create_directories(fs::path(dir_) / sub, error);
    if (error) {
      throw std::runtime_error((fs::path(dir_) / sub).string() +
                               ": cannot create: " + error.message());
    }
  }
}

std::vector<ShardFile> ShardFolder::ready() const {
  return shards_in(dir_);
}

std::vector<ShardFile> ShardFolder::drop_stale(int current_generation) const {
  std::vector<ShardFile> dropped;
  for (const ShardFile& shard : ready()) {
    if (shard.name.generation == current_generation) continue;
    if (std::optional<std::string> moved = move_into(shard.path, fs::path(dir_) / "stale")) {
      dropped.push_back({*moved, shard.name});
    }
  }
  return dropped;
}

std::optional<std::string> ShardFolder::claim(const ShardFile& shard, int round) const {
  return move_into(shard.path, fs::path(dir_) / "used" / round_folder(round));
}

std::vector<ShardFile> ShardFolder::claimed(int round) const {
  const fs::path folder = fs::path(dir_) / "used" / round_folder(round);
  if (!fs::exists(folder)) return {};
  return shards_in(folder);
}

std::string ShardFolder::set_aside_bad(const std::string& path) const {
  std::optional<std::string> moved = move_into(path, fs::path(dir_) / "bad");
  return moved ? *moved : path;
}

TemporarySweeper::TemporarySweeper(std::string shards_dir, std::chrono::seconds timeout)
    : dir_(std::move(shards_dir)), timeout_(timeout) {}

std::vector<std::string> TemporarySweeper::sweep(Clock::time_point now) {
  std::map<std::string, Seen> still_there;
  std::vector<std::string> removed;
  std::error_code error;
  fs::directory_iterator entries(dir_, error);
  if (error) throw std::runtime_error(dir_ + ": cannot list: " + error.message());
  for (const auto& entry : entries) {
    const std::string path = entry.path().string();
    if (!ends_with(path, kTemporarySuffix) || !entry.is_regular_file(error)) continue;
    Seen current;
    current.size = entry.file_size(error);
    if (error) continue;  // gone meanwhile: its writer renamed it
    const auto modified = entry.last_write_time(error);
    if (error) continue;
    current.modified = static_cast<std::int64_t>(modified.time_since_epoch().count());
    current.since = now;
    auto previous = seen_.find(path);
    if (previous != seen_.end() && previous->second.size == current.size &&
        previous->second.modified == current.modified) {
      current.since = previous->second.since;  // unchanged: keep counting from then
    }
    if (now - current.since >= timeout_) {
      if (fs::remove(entry.path(), error)) removed.push_back(path);
      continue;
    }
    still_there[path] = current;
  }
  seen_ = std::move(still_there);
  return removed;
}

}  // namespace dlgo
