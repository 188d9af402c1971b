#include "download/archive_check.h"

#include <archive.h>
#include <archive_entry.h>

#include <memory>

namespace dlgo::download {

ArchiveCheck check_tar_gz(const std::filesystem::path& path) {
  ArchiveCheck check;
  std::unique_ptr<archive, decltype(&archive_read_free)> reader(archive_read_new(),
                                                                &archive_read_free);
  if (!reader) {
    check.error = "out of memory";
    return check;
  }
  archive_read_support_filter_gzip(reader.get());
  archive_read_support_format_tar(reader.get());
  if (archive_read_open_filename(reader.get(), path.c_str(), 1 << 16) != ARCHIVE_OK) {
    check.error = archive_error_string(reader.get());
    return check;
  }
  archive_entry* entry = nullptr;
  while (true) {
    int status = archive_read_next_header(reader.get(), &entry);
    if (status == ARCHIVE_EOF) break;
    if (status == ARCHIVE_OK || status == ARCHIVE_WARN)
      status = archive_read_data_skip(reader.get());
    if (status != ARCHIVE_OK && status != ARCHIVE_WARN) {
      const char* reason = archive_error_string(reader.get());
      check.error = reason ? reason : "unreadable archive";
      if (check.entries > 0)
        check.error += " (after " + std::to_string(check.entries) + " members)";
      return check;
    }
    if (check.entries == 0 && archive_filter_code(reader.get(), 0) != ARCHIVE_FILTER_GZIP) {
      check.error = "not gzip-compressed";
      return check;
    }
    ++check.entries;
  }
  // A gzip member that ends cleanly but holds no tar member is not what an index links to.
  if (check.entries == 0) {
    check.error = "no files in the archive";
    return check;
  }
  check.ok = true;
  return check;
}

}  // namespace dlgo::download
