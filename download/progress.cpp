#include "download/progress.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace dlgo::download {

std::string format_bytes(std::uint64_t bytes) {
  static const char* const kUnits[] = {"kB", "MB", "GB", "TB"};
  if (bytes < 1000) return std::to_string(bytes) + " B";
  double value = static_cast<double>(bytes);
  int unit = -1;
  while (value >= 1000.0 && unit < 3) {
    value /= 1000.0;
    ++unit;
  }
  char text[32];
  std::snprintf(text, sizeof text, value < 10.0 && unit >= 2 ? "%.2f %s" : "%.1f %s", value,
                kUnits[unit]);
  return text;
}

std::string format_duration(double seconds) {
  long long total = seconds > 0 ? static_cast<long long>(std::llround(seconds)) : 0;
  char text[32];
  if (total >= 3600) {
    std::snprintf(text, sizeof text, "%lld:%02lld:%02lld", total / 3600, total / 60 % 60,
                  total % 60);
  } else {
    std::snprintf(text, sizeof text, "%lld:%02lld", total / 60, total % 60);
  }
  return text;
}

namespace {

double rate_of(const ProgressSnapshot& snapshot) {
  return snapshot.elapsed_seconds > 0 ? snapshot.bytes_this_run / snapshot.elapsed_seconds : 0.0;
}

std::string percent_of(const ProgressSnapshot& snapshot) {
  if (snapshot.bytes_expected == 0) return "";
  double fraction = std::min(1.0, double(snapshot.bytes_have) / snapshot.bytes_expected);
  char text[16];
  std::snprintf(text, sizeof text, "%3.0f%%", 100.0 * fraction);
  return text;
}

std::string totals_of(const ProgressSnapshot& snapshot) {
  std::string text = format_bytes(snapshot.bytes_have);
  if (snapshot.bytes_expected > 0) {
    text +=
        (snapshot.expected_is_estimate ? " of ~" : " of ") + format_bytes(snapshot.bytes_expected);
  }
  return text;
}

std::string archives_of(const ProgressSnapshot& snapshot) {
  return std::to_string(snapshot.archives_finished) + "/" +
         std::to_string(snapshot.archives_total) + " archives";
}

}  // namespace

std::string format_rate(const ProgressSnapshot& snapshot) {
  return format_bytes(static_cast<std::uint64_t>(rate_of(snapshot))) + "/s";
}

std::string format_eta(const ProgressSnapshot& snapshot) {
  double rate = rate_of(snapshot);
  if (snapshot.archives_finished == snapshot.archives_total) return format_duration(0);
  if (rate <= 0 || snapshot.bytes_expected == 0) return "--:--";
  double remaining = snapshot.bytes_expected > snapshot.bytes_have
                         ? double(snapshot.bytes_expected - snapshot.bytes_have)
                         : 0.0;
  return format_duration(remaining / rate);
}

std::string format_progress_line(const ProgressSnapshot& snapshot) {
  std::string percent = percent_of(snapshot);
  return "progress: " + archives_of(snapshot) + ", " + totals_of(snapshot) +
         (percent.empty() ? "" : " (" + percent.substr(percent.find_first_not_of(' ')) + ")") +
         ", " + format_rate(snapshot) + ", ETA " + format_eta(snapshot);
}

std::string format_progress_bar(const ProgressSnapshot& snapshot, int width) {
  std::string tail = " " + percent_of(snapshot) + "  " + totals_of(snapshot) + "  " +
                     format_rate(snapshot) + "  ETA " + format_eta(snapshot) + "  " +
                     archives_of(snapshot);
  // At most 30 columns, so that the bar keeps its length while the numbers change.
  int inner = std::clamp(width - 3 - static_cast<int>(tail.size()), 10, 30);
  double fraction = snapshot.bytes_expected > 0
                        ? std::min(1.0, double(snapshot.bytes_have) / snapshot.bytes_expected)
                        : 0.0;
  int filled = static_cast<int>(fraction * inner);
  std::string bar = "[" + std::string(filled, '=');
  if (filled < inner) bar += '>' + std::string(inner - filled - 1, ' ');
  bar += "]";
  std::string line = bar + tail;
  if (static_cast<int>(line.size()) > width - 1) line.resize(std::max(0, width - 1));
  return line;
}

ProgressReporter::ProgressReporter(std::ostream& out, Style style,
                                   std::chrono::milliseconds interval, int archive_count)
    : out_(out),
      style_(style),
      interval_(interval),
      width_(style == Style::kBar ? terminal_width() : 80),
      started_(std::chrono::steady_clock::now()),
      slots_(static_cast<std::size_t>(std::max(0, archive_count))) {}

ProgressReporter::~ProgressReporter() {
  stop();
}

void ProgressReporter::start() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (running_) return;
  running_ = true;
  started_ = std::chrono::steady_clock::now();
  if (style_ != Style::kQuiet) drawer_ = std::thread([this] { run(); });
}

void ProgressReporter::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!running_ || stopping_) return;
    stopping_ = true;
  }
  wake_.notify_all();
  if (drawer_.joinable()) drawer_.join();
  std::lock_guard<std::mutex> lock(mutex_);
  if (style_ != Style::kQuiet) draw_locked(true);
  running_ = false;
}

void ProgressReporter::set_size(int archive, std::uint64_t total_size) {
  std::lock_guard<std::mutex> lock(mutex_);
  slots_.at(archive).size = total_size;
}

void ProgressReporter::set_have(int archive, std::uint64_t bytes) {
  std::lock_guard<std::mutex> lock(mutex_);
  slots_.at(archive).have = bytes;
}

void ProgressReporter::add(int archive, std::uint64_t bytes) {
  std::lock_guard<std::mutex> lock(mutex_);
  slots_.at(archive).have += bytes;
  bytes_this_run_ += bytes;
}

void ProgressReporter::finish(int archive) {
  std::lock_guard<std::mutex> lock(mutex_);
  slots_.at(archive).finished = true;
}

void ProgressReporter::message(const std::string& line) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (style_ == Style::kBar && bar_drawn_) {
    out_ << "\r\033[K" << line << "\n";
    draw_locked(false);
  } else {
    out_ << line << "\n";
  }
  out_.flush();
}

ProgressSnapshot ProgressReporter::snapshot() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return snapshot_locked();
}

ProgressSnapshot ProgressReporter::snapshot_locked() const {
  ProgressSnapshot snapshot;
  snapshot.archives_total = static_cast<int>(slots_.size());
  std::uint64_t known_total = 0;
  int known = 0;
  int unknown_pending = 0;
  for (const Slot& slot : slots_) {
    snapshot.archives_finished += slot.finished;
    snapshot.bytes_have += slot.have;
    if (slot.size) {
      known_total += *slot.size;
      ++known;
    } else if (!slot.finished) {
      ++unknown_pending;
    }
  }
  // Archives not yet started are assumed to be of the average size seen so far.
  snapshot.bytes_expected = known_total;
  if (unknown_pending > 0 && known > 0) {
    snapshot.bytes_expected += known_total / known * unknown_pending;
    snapshot.expected_is_estimate = true;
  }
  snapshot.bytes_this_run = bytes_this_run_;
  snapshot.elapsed_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  return snapshot;
}

void ProgressReporter::draw_locked(bool final_draw) {
  ProgressSnapshot snapshot = snapshot_locked();
  if (style_ == Style::kBar) {
    out_ << "\r" << format_progress_bar(snapshot, width_) << "\033[K";
    if (final_draw) out_ << "\n";
    bar_drawn_ = !final_draw;
  } else {
    out_ << format_progress_line(snapshot) << "\n";
  }
  out_.flush();
}

void ProgressReporter::run() {
  std::unique_lock<std::mutex> lock(mutex_);
  if (style_ == Style::kBar) draw_locked(false);
  while (!stopping_) {
    wake_.wait_for(lock, interval_, [this] { return stopping_; });
    if (!stopping_) draw_locked(false);
  }
}

bool stdout_is_terminal() {
  return ::isatty(STDOUT_FILENO) == 1;
}

int terminal_width() {
  winsize size{};
  if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 20) return size.ws_col;
  return 80;
}

}  // namespace dlgo::download
