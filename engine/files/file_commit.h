// The last step of every file dlgo writes: a finished file written under a staging name
// (PATH.partial) takes its final name PATH durably. commit_file() syncs the staged file's data to
// the disk, renames it over PATH and syncs PATH's folder, so that after a crash or a power loss
// PATH holds either its previous content or the complete new one, never a renamed but empty or
// torn file.
//
// Contract: free functions, safe to call from any thread for different paths. On failure they
// throw FileCommitError naming PATH and the system's reason, and remove the staged file; PATH
// keeps its previous content, except when only the final folder sync fails (the new file is then
// in place, complete, but a power loss could still undo the rename).
#pragma once

#include <stdexcept>
#include <string>

namespace dlgo {

// what() is "PATH: PROBLEM", e.g. "games/game_0001.sgf: cannot write: No space left on device".
class FileCommitError : public std::runtime_error {
 public:
  FileCommitError(const std::string& path, const std::string& problem)
      : std::runtime_error(path + ": " + problem), problem_(problem) {}
  const std::string& problem() const { return problem_; }

 private:
  std::string problem_;
};

// The staging name of PATH: PATH + ".partial".
std::string partial_path(const std::string& path);

// fsync(STAGED), rename(STAGED, PATH), fsync(PATH's folder). STAGED must be closed by its writer.
void commit_file(const std::string& staged, const std::string& path);

}  // namespace dlgo
