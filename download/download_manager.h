// `dlgo-data download` as a library call: read the index page, pick the archives, fetch
// them with a pool of workers (one HttpClient each), report progress and a summary.
//
// Contract: run_download blocks until every selected archive is complete or has failed.
// It throws DownloadError for problems that stop the whole run before any archive is
// fetched (bad options, index unreachable, nothing to download); failures of single archives
// are reported in the returned DownloadReport instead. Safe to call from any one thread at
// a time per destination folder.
#pragma once

#include <chrono>
#include <filesystem>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "download/archive_fetch.h"
#include "download/archive_index.h"
#include "download/http_client.h"
#include "download/progress.h"

namespace dlgo::download {

inline constexpr const char* kDefaultIndexUrl = "https://u-go.net/gamerecords/";

class DownloadError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct DownloadOptions {
  std::string index_url = kDefaultIndexUrl;
  std::filesystem::path dest = "data";
  ArchiveSelection selection;
  int workers = 4;
  int retries = 3;
  std::chrono::milliseconds retry_delay{1000};
  HttpClientOptions http;  // CA file, timeouts, redirect limit
  ProgressReporter::Style progress = ProgressReporter::Style::kLines;
  std::chrono::milliseconds progress_interval{5000};
};

struct DownloadReport {
  std::string index_url;               // after redirects
  int archives_listed = 0;             // .tar.gz archives on the index page
  std::vector<ArchiveResult> results;  // one per selected archive, in index order
  double seconds = 0.0;

  int count(ArchiveStatus status) const;
  std::uint64_t bytes_downloaded() const;
  long long games_complete() const;  // from the names of the archives now complete
  const ArchiveResult* first_failure() const;
};

DownloadReport run_download(const DownloadOptions& options, std::ostream& out);

// The closing lines: counts, bytes, rate, games, and one line per failed archive.
std::string format_summary(const DownloadReport& report, const std::filesystem::path& dest);

}  // namespace dlgo::download
