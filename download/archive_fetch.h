// Fetching one archive into the destination folder, the way the download manager's workers
// do it: skip it when already complete, otherwise download to NAME.part (resuming a partial
// file with a Range request), retry network failures and 5xx answers with backoff, check
// the result opens as a gzip/tar archive and only then rename it to NAME.
//
// Contract: fetch_archive blocks; call it from one thread per HttpClient. Different
// archives may be fetched concurrently; the same archive must not be.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>

#include "download/archive_index.h"
#include "download/http_client.h"
#include "download/progress.h"

namespace dlgo::download {

struct FetchOptions {
  std::filesystem::path dest;
  int retries = 3;                              // further attempts after a retryable failure
  std::chrono::milliseconds retry_delay{1000};  // before the first retry; doubles each time
  std::chrono::milliseconds max_retry_delay{30000};
};

enum class ArchiveStatus { kDownloaded, kAlreadyComplete, kFailed };

struct ArchiveResult {
  ArchiveEntry archive;
  ArchiveStatus status = ArchiveStatus::kFailed;
  std::uint64_t size = 0;          // of the complete file on disk
  std::uint64_t downloaded = 0;    // bytes fetched over the network for it in this run
  std::uint64_t resumed_from = 0;  // bytes already in NAME.part when the first try started
  int attempts = 0;                // requests for the body (0 when already complete)
  double seconds = 0.0;
  std::string note;   // how a complete archive was recognised, or what happened on the way
  std::string error;  // why it failed
};

// `slot` is this archive's index in the reporter.
ArchiveResult fetch_archive(HttpClient& client, const ArchiveEntry& archive,
                            const FetchOptions& options, ProgressReporter& progress, int slot);

// The delay before retry number `retry` (0-based): retry_delay * 2^retry, capped.
std::chrono::milliseconds retry_backoff(const FetchOptions& options, int retry);

}  // namespace dlgo::download
