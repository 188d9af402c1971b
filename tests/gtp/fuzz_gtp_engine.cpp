// libFuzzer target for the GTP engine: every input line gets exactly one well-formed response
// (or none for an empty line), and nothing crashes, hangs or leaks. Build and run: docs/gtp.md.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "engine/agents/agent_factory.h"
#include "engine/gtp/gtp_engine.h"

using namespace dlgo;

namespace {

[[noreturn]] void fail(const std::string& line, const std::string& response, const char* what) {
  std::fprintf(stderr, "fuzz_gtp_engine: %s\nline: '%s'\nresponse: '%s'\n", what, line.c_str(),
               response.c_str());
  std::abort();
}

void check_response(const std::string& line, const std::string& response) {
  if (!parse_gtp_line(line)) {
    if (!response.empty()) fail(line, response, "a response to an empty line");
    return;
  }
  if (response.size() < 3 || (response[0] != '=' && response[0] != '?')) {
    fail(line, response, "a response must start with '=' or '?'");
  }
  if (response.compare(response.size() - 2, 2, "\n\n") != 0) {
    fail(line, response, "a response must end with an empty line");
  }
  if (response.find("\n\n") != response.size() - 2) {
    fail(line, response, "an empty line inside a response");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static std::shared_ptr<Agent> agent(make_agent("random"));
  GtpEngineOptions options;
  options.allow_files = false;  // fuzzed lines must not read or write files
  options.dead_stone_playouts = 8;
  GtpEngine engine(agent, options);
  std::string_view text(reinterpret_cast<const char*>(data), size);
  int lines = 0;
  while (!text.empty() && lines++ < 200 && !engine.quit_requested()) {
    std::size_t end = text.find('\n');
    std::string line(text.substr(0, end));
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    check_response(line, engine.execute(line));
  }
  return 0;
}
