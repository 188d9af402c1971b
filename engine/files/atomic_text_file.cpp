#include "engine/files/atomic_text_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "engine/files/file_commit.h"

namespace dlgo {

void write_text_atomically(const std::string& path, const std::string& text) {
  const std::string staged = partial_path(path);
  const int fd = ::open(staged.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) throw FileCommitError(path, std::string("cannot write: ") + std::strerror(errno));
  // Raw write(2) rather than a stream: a stream buffers, and a full disk would then only show up
  // in a close whose failure nothing reports.
  int error = 0;
  for (std::size_t done = 0; done < text.size() && error == 0;) {
    const ssize_t wrote = ::write(fd, text.data() + done, text.size() - done);
    if (wrote < 0) {
      if (errno != EINTR) error = errno;
    } else if (wrote == 0) {
      error = EIO;  // a regular file never takes nothing; do not spin
    } else {
      done += static_cast<std::size_t>(wrote);
    }
  }
  if (::close(fd) != 0 && error == 0) error = errno;
  if (error != 0) {
    std::remove(staged.c_str());
    throw FileCommitError(path, std::string("cannot write: ") + std::strerror(error));
  }
  commit_file(staged, path);
}

}  // namespace dlgo
