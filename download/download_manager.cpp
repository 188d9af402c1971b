#include "download/download_manager.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <memory>
#include <sstream>
#include <thread>

#include "download/url.h"

namespace dlgo::download {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMaxIndexBytes = 32u << 20;

struct IndexPage {
  std::string url;
  std::string html;
};

IndexPage fetch_index(const DownloadOptions& options, std::ostream& out) {
  try {
    parse_url(options.index_url);
  } catch (const UrlError& error) {
    throw DownloadError(std::string("--index-url: ") + error.what());
  }
  std::unique_ptr<HttpClient> client;
  try {
    client = std::make_unique<HttpClient>(options.http);
  } catch (const std::runtime_error& error) {
    throw DownloadError(error.what());
  }
  FetchOptions backoff;
  backoff.retry_delay = options.retry_delay;
  for (int retry = 0;; ++retry) {
    try {
      IndexPage page;
      page.html = client->get_text(options.index_url, kMaxIndexBytes, &page.url);
      return page;
    } catch (const HttpError& error) {
      if (!error.retryable() || retry >= options.retries) {
        throw DownloadError("cannot read the index page " + options.index_url + ": " +
                            error.what());
      }
      std::chrono::milliseconds delay = retry_backoff(backoff, retry);
      out << "index page: " << error.what() << "; retrying in " << delay.count() << " ms\n";
      std::this_thread::sleep_for(delay);
    }
  }
}

std::string describe_selection(const ArchiveSelection& selection) {
  std::string text;
  if (selection.years) {
    text += "--years " + std::to_string(selection.years->first) + "-" +
            std::to_string(selection.years->last);
  }
  if (selection.max_games) {
    text += (text.empty() ? "" : " ") + std::string("--max-games ") +
            std::to_string(*selection.max_games);
  }
  return text;
}

std::string year_span(const std::vector<ArchiveEntry>& archives) {
  int first = 0, last = 0;
  for (const ArchiveEntry& archive : archives) {
    if (archive.year == 0) continue;
    if (first == 0 || archive.year < first) first = archive.year;
    if (archive.year > last) last = archive.year;
  }
  if (first == 0) return "no years in the archive names";
  return "years " + std::to_string(first) + "-" + std::to_string(last);
}

std::string describe_result(const ArchiveResult& result, int done, int total) {
  std::string prefix =
      "[" + std::to_string(done) + "/" + std::to_string(total) + "] " + result.archive.name + ": ";
  switch (result.status) {
    case ArchiveStatus::kAlreadyComplete:
      return prefix + "already complete, " + result.note;
    case ArchiveStatus::kDownloaded: {
      char seconds[32];
      std::snprintf(seconds, sizeof seconds, "%.1f s", result.seconds);
      return prefix + "downloaded " + format_bytes(result.size) + " in " + seconds +
             (result.note.empty() ? "" : ", " + result.note) + ", archive verified";
    }
    case ArchiveStatus::kFailed:
      break;
  }
  return prefix + "FAILED: " + result.error;
}

}  // namespace

int DownloadReport::count(ArchiveStatus status) const {
  int n = 0;
  for (const ArchiveResult& result : results) n += result.status == status;
  return n;
}

std::uint64_t DownloadReport::bytes_downloaded() const {
  std::uint64_t bytes = 0;
  for (const ArchiveResult& result : results) bytes += result.downloaded;
  return bytes;
}

long long DownloadReport::games_complete() const {
  long long games = 0;
  for (const ArchiveResult& result : results) {
    if (result.status != ArchiveStatus::kFailed && result.archive.game_count > 0) {
      games += result.archive.game_count;
    }
  }
  return games;
}

const ArchiveResult* DownloadReport::first_failure() const {
  for (const ArchiveResult& result : results) {
    if (result.status == ArchiveStatus::kFailed) return &result;
  }
  return nullptr;
}

DownloadReport run_download(const DownloadOptions& options, std::ostream& out) {
  if (options.workers < 1) throw DownloadError("--workers must be at least 1");
  if (options.retries < 0) throw DownloadError("--retries must not be negative");
  if (options.selection.max_games && *options.selection.max_games < 1) {
    throw DownloadError("--max-games must be at least 1");
  }
  auto started = std::chrono::steady_clock::now();
  std::error_code ec;
  fs::create_directories(options.dest, ec);
  if (ec || !fs::is_directory(options.dest)) {
    throw DownloadError("cannot create the destination folder " + options.dest.string() +
                        (ec ? ": " + ec.message() : ": not a folder"));
  }

  IndexPage index = fetch_index(options, out);
  std::vector<ArchiveEntry> listed = find_archives(index.html, index.url);
  if (listed.empty()) {
    throw DownloadError("no .tar.gz archives are linked from the index page " + index.url);
  }
  std::vector<ArchiveEntry> selected = select_archives(listed, options.selection);
  if (selected.empty()) {
    throw DownloadError("no archive on the index page matches " +
                        describe_selection(options.selection) + " (the index has " +
                        std::to_string(listed.size()) + " archives, " + year_span(listed) + ")");
  }

  DownloadReport report;
  report.index_url = index.url;
  report.archives_listed = static_cast<int>(listed.size());
  report.results.resize(selected.size());
  long long selected_games = 0;
  for (const ArchiveEntry& archive : selected) selected_games += std::max(0LL, archive.game_count);
  out << "index " << index.url << ": " << listed.size() << " archives, " << selected.size()
      << " selected (" << selected_games << " games), saving to " << options.dest.string() << "\n";
  out.flush();

  FetchOptions fetch_options;
  fetch_options.dest = options.dest;
  fetch_options.retries = options.retries;
  fetch_options.retry_delay = options.retry_delay;

  const int total = static_cast<int>(selected.size());
  ProgressReporter progress(out, options.progress, options.progress_interval, total);
  progress.start();
  std::atomic<int> next{0};
  std::atomic<int> done{0};
  auto work = [&] {
    std::unique_ptr<HttpClient> client;
    std::string client_error;
    try {
      client = std::make_unique<HttpClient>(options.http);
    } catch (const std::exception& error) {
      client_error = error.what();
    }
    for (int i = next++; i < total; i = next++) {
      ArchiveResult& result = report.results[i];
      if (client) {
        result = fetch_archive(*client, selected[i], fetch_options, progress, i);
      } else {
        result.archive = selected[i];
        result.error = client_error;
        progress.finish(i);
      }
      progress.message(describe_result(result, ++done, total));
    }
  };
  std::vector<std::thread> workers;
  int worker_count = std::min(options.workers, total);
  for (int w = 0; w < worker_count; ++w) workers.emplace_back(work);
  for (std::thread& worker : workers) worker.join();
  progress.stop();

  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  out << format_summary(report, options.dest);
  out.flush();
  return report;
}

std::string format_summary(const DownloadReport& report, const fs::path& dest) {
  std::ostringstream text;
  int downloaded = report.count(ArchiveStatus::kDownloaded);
  int complete = report.count(ArchiveStatus::kAlreadyComplete);
  int failed = report.count(ArchiveStatus::kFailed);
  std::uint64_t bytes = report.bytes_downloaded();
  char timing[64];
  std::snprintf(timing, sizeof timing, "%.1f s", report.seconds);
  ProgressSnapshot rate;
  rate.bytes_this_run = bytes;
  rate.elapsed_seconds = report.seconds;
  text << "summary: " << downloaded << " downloaded (" << format_bytes(bytes) << " in " << timing
       << ", " << format_rate(rate) << "), " << complete << " already complete, " << failed
       << " failed; " << (downloaded + complete) << " archives with " << report.games_complete()
       << " games in " << dest.string() << "\n";
  for (const ArchiveResult& result : report.results) {
    if (result.status == ArchiveStatus::kFailed) {
      text << "failed: " << result.archive.name << ": " << result.error << "\n";
    }
  }
  return text.str();
}

}  // namespace dlgo::download
