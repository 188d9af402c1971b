// Records the file system calls that make a write durable (fsync, fdatasync, rename), so a test
// can check their order: a power loss cannot be staged in a test, the protocol can be checked.
// The test program defines fsync/fdatasync/rename itself (sync_recorder.cpp); the static dlgo
// libraries linked into it call these, which record the call and then make the real one.
//
// Contract: recording is off until a SyncRecording is alive; one at a time, any thread.
#pragma once

#include <string>
#include <vector>

namespace dlgo::testing {

class SyncRecording {
 public:
  SyncRecording();
  ~SyncRecording();
  SyncRecording(const SyncRecording&) = delete;
  SyncRecording& operator=(const SyncRecording&) = delete;

  // "fsync PATH" (the path the descriptor is open on), "rename FROM TO", in call order.
  std::vector<std::string> calls() const;
};

}  // namespace dlgo::testing
