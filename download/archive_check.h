// Checks that a downloaded file really is a readable gzip-compressed tar archive: every
// header is read and every member's data is decompressed (a gzip stream can only be skipped
// by decompressing it), so truncation and corruption anywhere in the file are caught.
//
// Contract: a pure function over a file; safe to call from several threads at once.
#pragma once

#include <filesystem>
#include <string>

namespace dlgo::download {

struct ArchiveCheck {
  bool ok = false;
  long long entries = 0;  // members read (all of them when ok)
  std::string error;      // libarchive's reason when not ok
};

ArchiveCheck check_tar_gz(const std::filesystem::path& path);

}  // namespace dlgo::download
