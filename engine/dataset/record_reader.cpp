#include "engine/dataset/record_reader.h"

#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

namespace dlgo::dataset {

namespace fs = std::filesystem;

static bool ends_with(const std::string& text, const std::string& suffix) {
  if (text.size() < suffix.size()) return false;
  return std::equal(suffix.rbegin(), suffix.rend(), text.rbegin(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) ==
           std::tolower(static_cast<unsigned char>(b));
  });
}

static bool is_archive_name(const std::string& name) {
  for (const char* suffix : {".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tbz", ".tar", ".zip"}) {
    if (ends_with(name, suffix)) return true;
  }
  return false;
}

static bool is_sgf_name(const std::string& name) {
  return ends_with(name, ".sgf");
}

std::vector<std::string> list_record_containers(const std::vector<std::string>& inputs) {
  std::vector<std::string> containers;
  for (const std::string& input : inputs) {
    std::error_code error;
    fs::file_status status = fs::status(input, error);
    if (error || !fs::exists(status)) throw RecordReadError(input + ": no such file or folder");
    if (fs::is_directory(status)) {
      std::vector<std::string> found;
      for (auto it = fs::recursive_directory_iterator(input, error);
           !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
        if (!it->is_regular_file()) continue;
        std::string path = it->path().string();
        if (is_sgf_name(path) || is_archive_name(path)) found.push_back(path);
      }
      if (error) throw RecordReadError(input + ": cannot list folder: " + error.message());
      std::sort(found.begin(), found.end());
      containers.insert(containers.end(), found.begin(), found.end());
    } else if (is_sgf_name(input) || is_archive_name(input)) {
      containers.push_back(input);
    } else {
      throw RecordReadError(input +
                            ": not an SGF file or a supported archive (.sgf, .tar.gz, .tgz, "
                            ".tar.bz2, .tar, .zip)");
    }
  }
  return containers;
}

static void read_plain_file(const std::string& path,
                            const std::function<bool(const RecordFile&)>& visit) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw RecordReadError(path + ": cannot open");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  RecordFile record{path, "", bytes.str(), 0};
  visit(record);
}

void read_records(const std::string& container, const std::function<bool(const RecordFile&)>& visit,
                  const std::function<bool(int ordinal)>& wanted) {
  if (!is_archive_name(container)) {
    read_plain_file(container, visit);
    return;
  }
  std::unique_ptr<archive, decltype(&archive_read_free)> reader(archive_read_new(),
                                                                &archive_read_free);
  archive_read_support_filter_all(reader.get());
  archive_read_support_format_tar(reader.get());
  archive_read_support_format_zip(reader.get());
  if (archive_read_open_filename(reader.get(), container.c_str(), 1 << 16) != ARCHIVE_OK) {
    throw RecordReadError(container +
                          ": cannot open archive: " + archive_error_string(reader.get()));
  }
  RecordFile record;
  record.container = container;
  record.ordinal = -1;
  archive_entry* entry = nullptr;
  while (true) {
    int status = archive_read_next_header(reader.get(), &entry);
    if (status == ARCHIVE_EOF) break;
    if (status != ARCHIVE_OK && status != ARCHIVE_WARN) {
      throw RecordReadError(container + ": corrupt archive: " + archive_error_string(reader.get()));
    }
    if (archive_entry_filetype(entry) != AE_IFREG) continue;
    const char* name = archive_entry_pathname(entry);
    record.name = name ? name : "";
    if (!is_sgf_name(record.name)) continue;
    ++record.ordinal;
    if (wanted && !wanted(record.ordinal)) continue;
    la_int64_t size = archive_entry_size(entry);
    record.content.clear();
    if (size > 0) record.content.reserve(static_cast<size_t>(size));
    char buffer[1 << 14];
    while (true) {
      la_ssize_t got = archive_read_data(reader.get(), buffer, sizeof buffer);
      if (got == 0) break;
      if (got < 0) {
        throw RecordReadError(container + ":" + record.name +
                              ": corrupt archive data: " + archive_error_string(reader.get()));
      }
      record.content.append(buffer, static_cast<size_t>(got));
    }
    if (!visit(record)) break;
  }
}

}  // namespace dlgo::dataset
