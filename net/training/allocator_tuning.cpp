#include "net/training/allocator_tuning.h"

// Any C library header defines __GLIBC__ on glibc; without one first the test below is always
// false and the tuning silently does nothing.
#include <cstdlib>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace dlgo::net {

void keep_freed_memory_for_reuse() {
#if defined(__GLIBC__)
  // The largest mmap threshold glibc accepts on 64-bit systems (32 MB): blocks below it come
  // from the heap, and freed heap memory is trimmed only beyond 1 GB of free space at the top.
  mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
  mallopt(M_TRIM_THRESHOLD, 1024 * 1024 * 1024);
  mallopt(M_TOP_PAD, 64 * 1024 * 1024);
#endif
}

}  // namespace dlgo::net
