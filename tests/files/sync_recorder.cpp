#include "sync_recorder.h"

#include <dlfcn.h>
#include <limits.h>
#include <unistd.h>

#include <cstdio>
#include <mutex>

namespace dlgo::testing {

namespace {

std::mutex recording_mutex;
bool recording = false;
std::vector<std::string> recorded;

void record(const std::string& call) {
  std::lock_guard<std::mutex> lock(recording_mutex);
  if (recording) recorded.push_back(call);
}

std::string path_of(int fd) {
  char target[PATH_MAX];
  const std::string link = "/proc/self/fd/" + std::to_string(fd);
  const ssize_t length = ::readlink(link.c_str(), target, sizeof target - 1);
  return length < 0 ? "?" : std::string(target, static_cast<std::size_t>(length));
}

template <typename Function>
Function real(const char* name) {
  return reinterpret_cast<Function>(dlsym(RTLD_NEXT, name));
}

}  // namespace

SyncRecording::SyncRecording() {
  std::lock_guard<std::mutex> lock(recording_mutex);
  recorded.clear();
  recording = true;
}

SyncRecording::~SyncRecording() {
  std::lock_guard<std::mutex> lock(recording_mutex);
  recording = false;
}

std::vector<std::string> SyncRecording::calls() const {
  std::lock_guard<std::mutex> lock(recording_mutex);
  return recorded;
}

}  // namespace dlgo::testing

extern "C" {

int fsync(int fd) {
  dlgo::testing::record("fsync " + dlgo::testing::path_of(fd));
  static const auto real_fsync = dlgo::testing::real<int (*)(int)>("fsync");
  return real_fsync(fd);
}

int fdatasync(int fd) {
  dlgo::testing::record("fdatasync " + dlgo::testing::path_of(fd));
  static const auto real_fdatasync = dlgo::testing::real<int (*)(int)>("fdatasync");
  return real_fdatasync(fd);
}

int rename(const char* from, const char* to) noexcept {
  dlgo::testing::record(std::string("rename ") + from + " " + to);
  static const auto real_rename = dlgo::testing::real<int (*)(const char*, const char*)>("rename");
  return real_rename(from, to);
}

}  // extern "C"
