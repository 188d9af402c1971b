// Text files replaced whole and durably: written as PATH.partial, synced and renamed over PATH
// (engine/files/file_commit.h), so a process killed mid-write, a full disk or a power loss leaves
// the previous version behind, never an empty or torn file under PATH.
//
// Contract: a free function; callers writing the same PATH concurrently must serialise
// themselves. Throws FileCommitError (a std::runtime_error) naming PATH and the reason when it
// cannot be written; no PATH.partial is left behind then.
#pragma once

#include <string>

namespace dlgo {

void write_text_atomically(const std::string& path, const std::string& text);

}  // namespace dlgo
