#include "download/progress.h"

#include <algorithm>
#include <sstream>
#include <thread>
#include "tests/catch.h"

using namespace dlgo::download;

TEST_CASE("byte counts and durations are formatted for people") {
  CHECK(format_bytes(0) == "0 B");
  CHECK(format_bytes(999) == "999 B");
  CHECK(format_bytes(286564) == "286.6 kB");
  CHECK(format_bytes(12'345'678) == "12.3 MB");
  CHECK(format_bytes(1'200'000'000) == "1.20 GB");
  CHECK(format_duration(7) == "0:07");
  CHECK(format_duration(754) == "12:34");
  CHECK(format_duration(3723) == "1:02:03");
}

TEST_CASE("progress lines and bars show bytes, percent, rate and ETA") {
  ProgressSnapshot snapshot;
  snapshot.archives_total = 8;
  snapshot.archives_finished = 3;
  snapshot.bytes_have = 5'000'000;
  snapshot.bytes_expected = 20'000'000;
  snapshot.bytes_this_run = 4'000'000;
  snapshot.elapsed_seconds = 2.0;  // 2 MB/s, 15 MB to go: 7.5 s
  CHECK(format_progress_line(snapshot) ==
        "progress: 3/8 archives, 5.0 MB of 20.0 MB (25%), 2.0 MB/s, ETA 0:08");
  std::string bar = format_progress_bar(snapshot, 100);
  CHECK(bar.size() <= 99);
  CHECK(bar.rfind("[", 0) == 0);
  CHECK(bar.find(" 25%") != std::string::npos);
  CHECK(bar.find("2.0 MB/s") != std::string::npos);
  CHECK(bar.find("ETA 0:08") != std::string::npos);
  CHECK(bar.find("3/8 archives") != std::string::npos);
  std::size_t inner = bar.find(']') - 1;
  std::size_t filled = static_cast<std::size_t>(std::count(bar.begin(), bar.end(), '='));
  CHECK(filled == inner / 4);

  snapshot.elapsed_seconds = 0;
  snapshot.bytes_this_run = 0;
  CHECK(format_eta(snapshot) == "--:--");
}

TEST_CASE("the reporter estimates unknown sizes and prints plain lines off a terminal") {
  std::ostringstream out;
  {
    ProgressReporter progress(out, ProgressReporter::Style::kLines, std::chrono::milliseconds(20),
                              3);
    progress.start();
    progress.set_size(0, 1000);
    progress.set_have(0, 200);  // resumed
    progress.add(0, 300);
    progress.set_size(1, 3000);
    ProgressSnapshot snapshot = progress.snapshot();
    CHECK(snapshot.bytes_have == 500);
    CHECK(snapshot.bytes_this_run == 300);
    CHECK(snapshot.bytes_expected == 4000 + 2000);  // the third assumed average
    CHECK(snapshot.expected_is_estimate);
    progress.message("event line");
    std::this_thread::sleep_for(std::chrono::milliseconds(120));
    progress.finish(0);
    progress.stop();
  }
  std::string text = out.str();
  CHECK(text.find("event line\n") != std::string::npos);
  CHECK(std::count(text.begin(), text.end(), '\n') >= 3);  // periodic lines, then the final one
  CHECK(text.find("progress: 1/3 archives, 500 B of ~6.0 kB") != std::string::npos);
  CHECK(text.find('\r') == std::string::npos);
}

TEST_CASE("the terminal bar is redrawn in place and event lines go above it") {
  std::ostringstream out;
  ProgressReporter progress(out, ProgressReporter::Style::kBar, std::chrono::milliseconds(10), 1);
  progress.start();
  std::this_thread::sleep_for(std::chrono::milliseconds(40));
  progress.message("done one");
  progress.stop();
  std::string text = out.str();
  CHECK(text.find("\r\033[Kdone one\n\r[") != std::string::npos);
  CHECK(text.back() == '\n');
}
