// Reading game-record files (SGF) from plain files, folders and archives.
//
// Inputs may be .sgf files, folders (searched recursively, in name order, for .sgf files and
// archives) and archives: .tar.gz/.tgz, .tar.bz2/.tbz2, .tar and .zip (via libarchive). Every
// .sgf entry is handed to the visitor with its bytes; order is deterministic for the same
// inputs, so a seeded split picks the same games on every machine.
//
// Contract: functions are reentrant (each call opens its own archive handles); the visitor runs
// on the calling thread. Errors (missing path, unreadable or corrupt archive) throw
// RecordReadError naming the path and what went wrong.
#pragma once

#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace dlgo::dataset {

class RecordReadError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct RecordFile {
  std::string container;  // the archive or plain file the record came from
  std::string name;       // entry name inside the archive (empty for a plain file)
  std::string content;    // the SGF text
  int ordinal = 0;        // index among the container's SGF entries (0 for a plain file)

  // "archive.tar.gz:dir/game.sgf" or "dir/game.sgf".
  std::string display_name() const { return name.empty() ? container : container + ":" + name; }
};

// Expands inputs (files, folders) into the list of record containers (plain .sgf files and
// archives), in the order they will be read.
std::vector<std::string> list_record_containers(const std::vector<std::string>& inputs);

// Calls `visit` for every SGF record in `container` (a plain file or an archive). The visitor
// returns false to stop early. `wanted`, when given, is asked with each SGF entry's ordinal
// before its bytes are read, so unwanted entries are skipped without copying them.
void read_records(const std::string& container, const std::function<bool(const RecordFile&)>& visit,
                  const std::function<bool(int ordinal)>& wanted = nullptr);

}  // namespace dlgo::dataset
