// Progress display for long work: a redrawn bar (done/total, rate, ETA) when stderr is a
// terminal, plain periodic lines when it is not (logs, CI).
//
// Contract: one ProgressBar per task, updated from one thread. update() is cheap to call often;
// it redraws at most 10 times a second on a terminal and every 5 seconds otherwise.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace dlgo::cli {

// A task's rate for people: "1234 games/s", "2.5 games/s", and under one a second "212 s each"
// (a match of games that take minutes would read "0 games/s"); "-" before anything is done.
std::string format_rate(std::int64_t done, double seconds, const std::string& unit);

class ProgressBar {
 public:
  ProgressBar(std::string label, std::string unit);
  ~ProgressBar();

  void update(std::int64_t done, std::int64_t total, const std::string& extra = "");
  // Draws the final state and ends the line.
  void finish(const std::string& extra = "");

 private:
  void draw(bool final_line);

  std::string label_, unit_, extra_;
  std::int64_t done_ = 0, total_ = 0;
  bool terminal_;
  bool finished_ = false;
  std::chrono::steady_clock::time_point start_, last_draw_;
};

}  // namespace dlgo::cli
