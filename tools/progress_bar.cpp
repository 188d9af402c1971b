#include "tools/progress_bar.h"

#include <unistd.h>

#include <cstdio>
#include <string>

namespace dlgo::cli {

namespace {

std::string format_duration(double seconds) {
  if (seconds < 0 || seconds > 1e7) return "--:--";
  long total = static_cast<long>(seconds + 0.5);
  char buffer[32];
  if (total >= 3600)
    std::snprintf(buffer, sizeof buffer, "%ld:%02ld:%02ld", total / 3600, total / 60 % 60,
                  total % 60);
  else
    std::snprintf(buffer, sizeof buffer, "%02ld:%02ld", total / 60, total % 60);
  return buffer;
}

}  // namespace

std::string format_rate(std::int64_t done, double seconds, const std::string& unit) {
  if (done <= 0 || !(seconds > 0)) return "- " + unit + "/s";
  const double rate = static_cast<double>(done) / seconds;
  char buffer[64];
  if (rate >= 10)
    std::snprintf(buffer, sizeof buffer, "%.0f %s/s", rate, unit.c_str());
  else if (rate >= 1)
    std::snprintf(buffer, sizeof buffer, "%.1f %s/s", rate, unit.c_str());
  else
    std::snprintf(buffer, sizeof buffer, "%.0f s each", 1 / rate);
  return buffer;
}

ProgressBar::ProgressBar(std::string label, std::string unit)
    : label_(std::move(label)),
      unit_(std::move(unit)),
      terminal_(isatty(STDERR_FILENO) != 0),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

ProgressBar::~ProgressBar() {
  if (!finished_ && terminal_ && done_ > 0) std::fputc('\n', stderr);
}

void ProgressBar::update(std::int64_t done, std::int64_t total, const std::string& extra) {
  done_ = done;
  total_ = total;
  extra_ = extra;
  auto now = std::chrono::steady_clock::now();
  auto interval = terminal_ ? std::chrono::milliseconds(100) : std::chrono::milliseconds(5000);
  if (now - last_draw_ < interval) return;
  last_draw_ = now;
  draw(false);
}

void ProgressBar::finish(const std::string& extra) {
  if (!extra.empty()) extra_ = extra;
  draw(true);
  finished_ = true;
}

void ProgressBar::draw(bool final_line) {
  double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  double rate = elapsed > 0 ? done_ / elapsed : 0;
  double fraction = total_ > 0 ? static_cast<double>(done_) / total_ : 0;
  double eta = rate > 0 && total_ > 0 ? (total_ - done_) / rate : -1;
  const std::string rate_text = format_rate(done_, elapsed, unit_);
  char line[512];
  if (terminal_) {
    constexpr int kWidth = 30;
    int filled = static_cast<int>(fraction * kWidth);
    std::string bar(filled, '#');
    bar.resize(kWidth, '-');
    std::snprintf(line, sizeof line, "\r%s [%s] %lld/%lld %s  %s  %s %s%s\033[K", label_.c_str(),
                  bar.c_str(), static_cast<long long>(done_), static_cast<long long>(total_),
                  unit_.c_str(), rate_text.c_str(), final_line ? "took" : "ETA",
                  format_duration(final_line ? elapsed : eta).c_str(),
                  extra_.empty() ? "" : ("  " + extra_).c_str());
    std::fputs(line, stderr);
    if (final_line) std::fputc('\n', stderr);
  } else {
    std::snprintf(line, sizeof line, "%s: %lld/%lld %s (%.1f%%), %s, %s %s%s\n", label_.c_str(),
                  static_cast<long long>(done_), static_cast<long long>(total_), unit_.c_str(),
                  100.0 * fraction, rate_text.c_str(), final_line ? "took" : "ETA",
                  format_duration(final_line ? elapsed : eta).c_str(),
                  extra_.empty() ? "" : (", " + extra_).c_str());
    std::fputs(line, stderr);
  }
  std::fflush(stderr);
}

}  // namespace dlgo::cli
