#include "engine/files/file_commit.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace dlgo {

namespace {

std::string folder_of(const std::string& path) {
  const std::size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

// Syncs the file or folder at `path`; returns 0 or the errno of the failing call.
int sync_path(const std::string& path, int open_flags) {
  const int fd = ::open(path.c_str(), open_flags | O_CLOEXEC);
  if (fd < 0) return errno;
  int error = 0;
  if (::fsync(fd) != 0) error = errno;
  if (::close(fd) != 0 && error == 0) error = errno;
  return error;
}

}  // namespace

std::string partial_path(const std::string& path) {
  return path + ".partial";
}

void commit_file(const std::string& staged, const std::string& path) {
  auto fail = [&](const char* what, int error) {
    std::remove(staged.c_str());
    throw FileCommitError(path, std::string(what) + ": " + std::strerror(error));
  };
  // Without this sync the rename can reach the disk before the data: a power loss would then
  // leave PATH empty.
  if (int error = sync_path(staged, O_RDONLY)) fail("cannot sync the written file", error);
  if (::rename(staged.c_str(), path.c_str()) != 0) {
    fail("cannot rename the finished file into place", errno);
  }
  // The rename itself is an entry in the folder: it is durable once the folder is synced. Some
  // file systems cannot sync a folder (EINVAL); there the rename is as durable as it gets.
  const int error = sync_path(folder_of(path), O_RDONLY | O_DIRECTORY);
  if (error != 0 && error != EINVAL) {
    throw FileCommitError(
        path, std::string("written, but its folder cannot be synced: ") + std::strerror(error));
  }
}

}  // namespace dlgo
