// Progress of a batch of archive downloads. On a terminal: one bar redrawn in place (bytes,
// percent, rate, ETA, archives done); otherwise: a plain line every interval. Event lines
// (an archive finished, a retry) are printed in between either way.
//
// Contract: all public methods are thread-safe; the workers report, a background thread
// (started by start(), joined by stop() or the destructor) draws. The output stream must
// outlive the reporter and is written only by it while it runs.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <ostream>
#include <string>
#include <thread>
#include <vector>

namespace dlgo::download {

struct ProgressSnapshot {
  int archives_total = 0;
  int archives_finished = 0;
  std::uint64_t bytes_have = 0;      // on disk so far, resumed bytes included
  std::uint64_t bytes_expected = 0;  // known sizes, plus an estimate for unknown ones
  bool expected_is_estimate = false;
  std::uint64_t bytes_this_run = 0;  // fetched over the network since start()
  double elapsed_seconds = 0.0;
};

// "0 B", "512 B", "286.6 kB", "12.3 MB", "1.20 GB" (decimal units, as servers count).
std::string format_bytes(std::uint64_t bytes);
// "0:07", "12:34", "1:02:03".
std::string format_duration(double seconds);
// Rate from bytes_this_run; ETA from what remains at that rate ("--:--" when unknown).
std::string format_rate(const ProgressSnapshot& snapshot);
std::string format_eta(const ProgressSnapshot& snapshot);
// The plain periodic line and the terminal bar (fitted to `width` columns).
std::string format_progress_line(const ProgressSnapshot& snapshot);
std::string format_progress_bar(const ProgressSnapshot& snapshot, int width);

class ProgressReporter {
 public:
  enum class Style { kBar, kLines, kQuiet };

  ProgressReporter(std::ostream& out, Style style, std::chrono::milliseconds interval,
                   int archive_count);
  ~ProgressReporter();
  ProgressReporter(const ProgressReporter&) = delete;
  ProgressReporter& operator=(const ProgressReporter&) = delete;

  void start();
  // Draws the final state and stops the drawing thread; idempotent.
  void stop();

  void set_size(int archive, std::uint64_t total_size);
  // Where the archive's file now stands (after resuming, or restarting from 0).
  void set_have(int archive, std::uint64_t bytes);
  // Bytes just received over the network.
  void add(int archive, std::uint64_t bytes);
  void finish(int archive);
  // An event line, printed above the bar (or between the plain lines); kQuiet prints it too.
  void message(const std::string& line);

  ProgressSnapshot snapshot() const;

 private:
  struct Slot {
    std::optional<std::uint64_t> size;
    std::uint64_t have = 0;
    bool finished = false;
  };

  ProgressSnapshot snapshot_locked() const;
  void draw_locked(bool final_draw);
  void run();

  std::ostream& out_;
  Style style_;
  std::chrono::milliseconds interval_;
  int width_;
  std::chrono::steady_clock::time_point started_;

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<Slot> slots_;
  std::uint64_t bytes_this_run_ = 0;
  bool running_ = false;
  bool stopping_ = false;
  bool bar_drawn_ = false;
  std::thread drawer_;
};

// True when file descriptor 1 is a terminal; its width in columns (80 when unknown).
bool stdout_is_terminal();
int terminal_width();

}  // namespace dlgo::download
