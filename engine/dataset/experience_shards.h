// The shard folder of remote self-play (docs/selfplay-workers.md): self-play workers on any
// machine that mounts the loop's work dir publish experience files ("shards") into
// WORK_DIR/shards/, and the dlgo-rl loop claims them for its rounds.
//
// The rules, which rely only on what NFS and folder-mounted object stores promise (a rename
// within one folder is atomic; no locks; clocks may differ between machines):
//   - A ready shard is named g<GENERATION>-<WORKER>-<SEQUENCE>.h5 (shard_file_name()):
//     GENERATION is the self-play agent it was played with, WORKER a worker id unique across
//     machines, SEQUENCE the worker's shard count. A worker writes it as NAME.h5.partial and
//     renames it when complete (experience_file.h), so only complete files carry a shard name;
//     the loop never opens anything else.
//   - Shards of any generation but the current one are moved to stale/ unread (on-policy
//     methods learn only from the current agent's play).
//   - Claiming renames a shard into used/round_RRR/: a claimed shard belongs to that round for
//     good, so a loop killed and resumed counts it once and never reads it twice.
//   - A shard that cannot be read is moved to bad/, so one broken file does not stop the loop.
//   - A worker killed while writing leaves only NAME.h5.partial. TemporarySweeper removes a
//     temporary once it has stayed unchanged (size and modification time) for a timeout
//     measured on the loop's own clock, so clocks of other machines never matter.
//
// Contract: one loop owns a shard folder and alone claims, drops and sets aside shards; any
// number of workers may add shards to it and list them (ready()) at the same time. Each object
// is for one thread. Filesystem errors throw
// std::runtime_error naming the path; a shard that vanishes between listing and claiming (it
// cannot, with one loop, but a user may delete it) is skipped.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace dlgo {

struct ShardName {
  int generation = 0;  // the self-play agent's generation, >= 0
  std::string worker;  // letters, digits, '.', '_' and '-'; not empty
  int sequence = 0;    // >= 0

  bool operator==(const ShardName& other) const {
    return generation == other.generation && worker == other.worker && sequence == other.sequence;
  }
};

// "g000003-host-123-9f2c1a07-000001.h5". Throws std::invalid_argument on a negative number or
// a worker id with other characters.
std::string shard_file_name(const ShardName& name);
// The parts of a ready shard's file name; nullopt for anything else (temporaries, other files).
std::optional<ShardName> parse_shard_file_name(const std::string& file_name);

// A worker id unique across machines: the host name (characters outside the allowed ones
// replaced by '_'), the process id and 32 random bits, e.g. "node7-4121-9f2c1a07".
std::string new_worker_id();

struct ShardFile {
  std::string path;
  ShardName name;
};

class ShardFolder {
 public:
  // Creates `shards_dir` and its used/, stale/ and bad/ folders when missing.
  explicit ShardFolder(std::string shards_dir);

  const std::string& path() const { return dir_; }

  // Ready shards of every generation in the folder itself, sorted by file name.
  std::vector<ShardFile> ready() const;
  // Moves the ready shards of any generation other than `current` into stale/; returns them
  // (with their new paths).
  std::vector<ShardFile> drop_stale(int current_generation) const;
  // Moves a ready shard into used/round_RRR/; returns its new path, or nullopt when it is gone.
  std::optional<std::string> claim(const ShardFile& shard, int round) const;
  // The shards claimed for `round` so far, sorted by file name.
  std::vector<ShardFile> claimed(int round) const;
  // Moves a shard that could not be read into bad/; returns its new path.
  std::string set_aside_bad(const std::string& path) const;

 private:
  std::string dir_;
};

// Removes temporaries (NAME.partial) of the shard folder that a killed writer left behind. Each
// sweep() lists them; one unchanged since it was first seen for `timeout` is deleted. A
// temporary still being written changes, so it is never removed under its writer.
class TemporarySweeper {
 public:
  using Clock = std::chrono::steady_clock;
  TemporarySweeper(std::string shards_dir, std::chrono::seconds timeout);

  // Returns the paths removed by this sweep.
  std::vector<std::string> sweep(Clock::time_point now);

 private:
  struct Seen {
    std::uintmax_t size = 0;
    std::int64_t modified = 0;  // the file's own timestamp, compared only with itself
    Clock::time_point since;
  };
  std::string dir_;
  std::chrono::seconds timeout_;
  std::map<std::string, Seen> seen_;
};

}  // namespace dlgo
