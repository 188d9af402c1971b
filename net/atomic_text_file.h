// Text files replaced whole: written as PATH.partial and renamed over PATH, so a process killed
// mid-write leaves the previous version (and at worst a stale PATH.partial) behind.
//
// Contract: a free function; callers writing the same PATH concurrently must serialise
// themselves. Throws std::runtime_error naming PATH when it cannot be written.
#pragma once

#include <string>

namespace dlgo::net {

void write_text_atomically(const std::string& path, const std::string& text);

}  // namespace dlgo::net
