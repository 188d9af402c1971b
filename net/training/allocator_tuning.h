// Keeps freed activation memory in the process for the next training step.
//
// A training step allocates and frees the same large tensors (about 12 MB each for a 6x64
// resnet on 19x19 at batch 128) every time. glibc serves blocks that size with mmap, or trims
// them off the heap when freed, so every step faults the same pages in again and the kernel
// zeroes them: about 5% of a CPU step. Raising glibc's mmap and trim thresholds keeps them.
//
// Contract: call once, before training; process-wide; a no-op where the C library is not glibc.
// Costs at most the peak of one step's memory staying mapped.
#pragma once

namespace dlgo::net {

void keep_freed_memory_for_reuse();

}  // namespace dlgo::net
