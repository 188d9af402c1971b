// The golden transcripts, in-process and through the dlgo-gtp binary.
#include "tests/catch.h"

#include <chrono>
#include <filesystem>
#include <thread>

#include "tests/gtp/gtp_support.h"
#include "tests/gtp/transcript.h"

using namespace dlgo;
using namespace dlgo::test;

namespace {

// Waits (a little) for a running analysis to report, so the transcript sees its info lines.
void await_analysis(const GtpEngine& engine, StringOutput& out, std::string& seen) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(3);
  while (engine.analysing() && seen.find("info move") == std::string::npos &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    seen += out.take();
  }
}

std::vector<std::string> substituted(std::vector<std::string> lines, const std::string& tmp) {
  for (std::string& line : lines) line = substitute(line, DLGO_GTP_TRANSCRIPTS_DIR, tmp);
  return lines;
}

}  // namespace

TEST_CASE("the transcripts folder holds transcripts for every command") {
  std::vector<std::string> files = transcript_files(DLGO_GTP_TRANSCRIPTS_DIR);
  REQUIRE(files.size() >= 8);
  // Every command the engine lists appears in some transcript.
  std::string all;
  for (const std::string& file : files) {
    for (const TranscriptStep& step : read_transcript(file).steps) all += " " + step.input + "\n";
  }
  auto engine = make_test_engine({});
  for (const std::string& name : engine->command_names()) {
    INFO("command " << name);
    CHECK(all.find(" " + name) != std::string::npos);
  }
}

TEST_CASE("transcripts run in-process give the expected responses") {
  const std::string tmp = scratch_dir("transcripts_in_process");
  for (const std::string& file : transcript_files(DLGO_GTP_TRANSCRIPTS_DIR)) {
    DYNAMIC_SECTION(std::filesystem::path(file).filename().string()) {
      Transcript transcript = read_transcript(file);
      auto engine = make_test_engine(transcript.options);
      StringOutput out;
      for (const TranscriptStep& step : transcript.steps) {
        engine->handle_line(substitute(step.input, DLGO_GTP_TRANSCRIPTS_DIR, tmp), out);
        std::string actual = out.take();
        await_analysis(*engine, out, actual);
        engine->stop_analysis();
        actual += out.take();
        INFO(file << ":" << step.line << ": > " << step.input);
        CHECK(compare_output(substituted(step.expected, tmp), actual) == "");
        if (engine->quit_requested()) break;
      }
    }
  }
  std::filesystem::remove_all(tmp);
}

TEST_CASE("transcripts through the dlgo-gtp binary over pipes give the expected responses") {
  const std::string tmp = scratch_dir("transcripts_binary");
  for (const std::string& file : transcript_files(DLGO_GTP_TRANSCRIPTS_DIR)) {
    DYNAMIC_SECTION(std::filesystem::path(file).filename().string()) {
      Transcript transcript = read_transcript(file);
      std::string input;
      std::vector<std::string> expected;
      for (const TranscriptStep& step : transcript.steps) {
        input += substitute(step.input, DLGO_GTP_TRANSCRIPTS_DIR, tmp) + "\n";
        for (const std::string& line : substituted(step.expected, tmp)) expected.push_back(line);
      }
      std::string output = run_with_input(std::string("'") + DLGO_GTP_BINARY + "'" +
                                              binary_arguments(transcript.options) + " 2>/dev/null",
                                          input);
      INFO(file);
      CHECK(compare_output(expected, output) == "");
    }
  }
  std::filesystem::remove_all(tmp);
}
