// keep_freed_memory_for_reuse: a training step's large blocks, freed, come back without the
// kernel faulting their pages in again.
#include "net/training/allocator_tuning.h"

#include <sys/resource.h>

#include <cstdlib>
#include <cstring>
#include <vector>

#include "tests/catch.h"

// Only glibc is tuned, and a sanitizer's allocator replaces glibc's.
#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)

namespace {

long minor_faults() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_minflt;
}

// Allocates `count` blocks of `bytes`, writes every page of each, frees them newest first: the
// pattern of a training step's activations. Returns the minor page faults it took.
long allocate_touch_free(int count, std::size_t bytes) {
  const long before = minor_faults();
  std::vector<char*> blocks;
  for (int i = 0; i < count; ++i) {
    char* block = static_cast<char*>(std::malloc(bytes));
    REQUIRE(block != nullptr);
    std::memset(block, i + 1, bytes);
    blocks.push_back(block);
  }
  volatile char sink = 0;
  for (char* block : blocks) sink = sink + block[bytes - 1];
  for (auto it = blocks.rbegin(); it != blocks.rend(); ++it) std::free(*it);
  return minor_faults() - before;
}

}  // namespace

TEST_CASE("keep_freed_memory_for_reuse: freed 12 MB blocks are reused without page faults") {
  dlgo::net::keep_freed_memory_for_reuse();
  const std::size_t bytes = 12u << 20;  // one activation of a 6x64 resnet at batch 128
  const int count = 4;
  const long pages = static_cast<long>(count * bytes / 4096);
  // glibc's defaults serve the first round by mmap, the second from the heap, and then trim
  // the heap on free (its trim threshold has grown only to twice one block), so every round
  // faults all pages in again. Tuned, the memory stays after the first two rounds.
  allocate_touch_free(count, bytes);
  allocate_touch_free(count, bytes);
  const long faults = allocate_touch_free(count, bytes);
  INFO(faults << " page faults for " << pages << " pages");
  CHECK(faults < pages / 20);
}

#endif
