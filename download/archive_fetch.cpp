#include "download/archive_fetch.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <thread>

#include "download/archive_check.h"
#include "engine/files/file_commit.h"

namespace dlgo::download {
namespace {

namespace fs = std::filesystem;

// Writing to the destination failed: a local problem that retrying will not fix.
class FileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Transfer {
  std::uint64_t start = 0;     // where in the file this request's body began
  std::uint64_t received = 0;  // bytes of body received
  std::uint64_t size = 0;      // size of NAME.part afterwards
};

std::string seconds_text(std::chrono::milliseconds delay) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f s", delay.count() / 1000.0);
  return text;
}

// Brings NAME.part up to the whole resource, continuing from its current size. A dropped
// connection throws HttpError with the bytes received so far kept in the file; `transfer`
// tells how far it got either way.
void download_rest(HttpClient& client, const ArchiveEntry& archive, const fs::path& part,
                   ProgressReporter& progress, int slot, Transfer& transfer) {
  for (bool restarted = false;; restarted = true) {
    std::uint64_t offset = fs::exists(part) ? fs::file_size(part) : 0;
    transfer = Transfer();
    transfer.start = offset;
    std::ofstream file;
    auto on_response = [&](const ResponseInfo& response) {
      if (response.status == 416) return;
      if (response.status == 200) {
        if (offset > 0) {
          progress.message(archive.name + ": the server ignored the Range request (resume at " +
                           format_bytes(offset) + "); downloading from the start");
        }
        transfer.start = 0;
        file.open(part, std::ios::binary | std::ios::trunc);
      } else {
        file.open(part, std::ios::binary | std::ios::app);
      }
      if (!file) throw FileError("cannot write " + part.string());
      if (response.total_size) progress.set_size(slot, *response.total_size);
      progress.set_have(slot, transfer.start);
    };
    auto on_body = [&](const char* data, std::size_t size) {
      file.write(data, static_cast<std::streamsize>(size));
      if (!file) throw FileError("cannot write " + part.string());
      transfer.received += size;
      progress.add(slot, size);
    };
    ResponseInfo info = client.get(archive.url, offset, on_response, on_body);

    if (info.status == 416) {
      if (info.total_size && *info.total_size == offset) {
        // The previous run got every byte but stopped before checking and renaming.
        progress.set_size(slot, offset);
        progress.set_have(slot, offset);
        transfer.size = offset;
        return;
      }
      if (restarted || offset == 0) {
        throw HttpError(HttpError::Kind::kProtocol,
                        info.final_url + ": HTTP 416 Range Not Satisfiable for a fresh download");
      }
      progress.message(archive.name + ": the server cannot resume at byte " +
                       std::to_string(offset) + "; downloading from the start");
      fs::remove(part);
      continue;
    }

    file.close();
    if (file.fail()) throw FileError("cannot write " + part.string());
    transfer.size = transfer.start + transfer.received;
    if (info.total_size && *info.total_size != transfer.size) {
      // The pieces do not add up (the file changed on the server between requests?).
      fs::remove(part);
      throw HttpError(HttpError::Kind::kNetwork,
                      info.final_url + ": got " + std::to_string(transfer.size) +
                          " bytes, the server announced " + std::to_string(*info.total_size));
    }
    return;
  }
}

// Whether NAME, already present, is complete: its size matches the server's Content-Length,
// or, when the server gives no size or cannot be asked, it reads back as an archive.
bool existing_is_complete(HttpClient& client, const ArchiveEntry& archive,
                          const fs::path& final_path, ProgressReporter& progress,
                          std::string& note) {
  std::uint64_t local_size = fs::file_size(final_path);
  std::string why_local_check;
  try {
    ResponseInfo info = client.head(archive.url);
    if (info.content_length) {
      if (*info.content_length == local_size) {
        note = "size matches the server's";
        return true;
      }
      progress.message(archive.name + ": local file has " + std::to_string(local_size) +
                       " bytes, the server has " + std::to_string(*info.content_length) +
                       "; downloading again");
      return false;
    }
    why_local_check = "the server gives no size";
  } catch (const HttpError& error) {
    why_local_check = "size check failed: " + std::string(error.what());
  }
  ArchiveCheck check = check_tar_gz(final_path);
  if (check.ok) {
    note = "reads back as an archive (" + why_local_check + ")";
    return true;
  }
  progress.message(archive.name + ": existing file is not a readable archive (" + check.error +
                   "); downloading again");
  return false;
}

}  // namespace

std::chrono::milliseconds retry_backoff(const FetchOptions& options, int retry) {
  std::chrono::milliseconds delay = options.retry_delay;
  for (int i = 0; i < retry && delay < options.max_retry_delay; ++i) delay *= 2;
  return std::min(delay, options.max_retry_delay);
}

ArchiveResult fetch_archive(HttpClient& client, const ArchiveEntry& archive,
                            const FetchOptions& options, ProgressReporter& progress, int slot) {
  auto started = std::chrono::steady_clock::now();
  ArchiveResult result;
  result.archive = archive;
  auto finish = [&](ArchiveStatus status) {
    result.status = status;
    result.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    progress.finish(slot);
    return result;
  };
  fs::path final_path = options.dest / archive.name;
  fs::path part_path = final_path;
  part_path += ".part";

  try {
    if (fs::exists(final_path) &&
        existing_is_complete(client, archive, final_path, progress, result.note)) {
      result.size = fs::file_size(final_path);
      progress.set_size(slot, result.size);
      progress.set_have(slot, result.size);
      return finish(ArchiveStatus::kAlreadyComplete);
    }

    bool restarted_after_corruption = false;
    for (int retry = 0;;) {
      ++result.attempts;
      Transfer transfer;
      auto account = [&] {
        result.downloaded += transfer.received;
        if (result.attempts == 1) result.resumed_from = transfer.start;
      };
      try {
        download_rest(client, archive, part_path, progress, slot, transfer);
        account();
        ArchiveCheck check = check_tar_gz(part_path);
        if (!check.ok) {
          fs::remove(part_path);
          // A resumed file can be corrupt because the server's copy changed in between;
          // one fresh download settles that.
          if (transfer.start > 0 && !restarted_after_corruption) {
            restarted_after_corruption = true;
            progress.message(archive.name + ": corrupt after resuming (" + check.error +
                             "); downloading again from the start");
            progress.set_have(slot, 0);
            continue;
          }
          result.error = "corrupt archive (" + check.error + "), download removed";
          return finish(ArchiveStatus::kFailed);
        }
        commit_file(part_path.string(), final_path.string());  // synced, then renamed
        result.size = transfer.size;
        if (result.resumed_from > 0) {
          result.note = "resumed at " + format_bytes(result.resumed_from);
        }
        return finish(ArchiveStatus::kDownloaded);
      } catch (const HttpError& error) {
        account();
        if (!error.retryable() || retry >= options.retries) {
          result.error = error.what();
          return finish(ArchiveStatus::kFailed);
        }
        std::chrono::milliseconds delay = retry_backoff(options, retry);
        ++retry;
        progress.message(archive.name + ": " + error.what() + "; retry " + std::to_string(retry) +
                         " of " + std::to_string(options.retries) + " in " + seconds_text(delay));
        std::this_thread::sleep_for(delay);
      }
    }
  } catch (const std::exception& error) {
    // Local file-system trouble (or a URL the client refuses): retrying would not help.
    result.error = error.what();
    return finish(ArchiveStatus::kFailed);
  }
}

}  // namespace dlgo::download
