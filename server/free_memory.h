// Handing freed heap memory back to the operating system.
//
// glibc's malloc keeps memory that was freed in the middle of its heap (thousands of
// connection buffers, freed in no particular order) and returns only a free top of the heap on
// its own; the process's RSS stays at its peak. The server calls this after a burst of
// connections has gone.
//
// Contract: safe from any thread; costs a walk of the heap (about a millisecond, some tens
// when it hands back tens of MB), so call it after bursts, not per request. A no-op with other
// C libraries.
#pragma once

namespace dlgo::server {

void release_free_heap_memory();

}  // namespace dlgo::server
