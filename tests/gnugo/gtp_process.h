// A GTP engine (GNU Go, KataGo, another dlgo-gtp, ...) running as a child process and driven
// over its standard input and output.
//
// Contract: a GtpProcess owns its child. The constructor starts it; the destructor sends `quit`,
// waits a short grace period for it to exit and kills it otherwise, so no child outlives the
// object and none is left a zombie. Commands are single GTP lines sent without ids; responses
// come back in the order the commands were sent. A protocol error (a response that does not
// start with '=' or '?'), an engine that exits or closes its output, and an engine that stays
// silent past the response timeout all throw GtpError naming the program and the command; after
// the engine has died every further command throws too. Not thread-safe: use one GtpProcess per
// thread. POSIX only (posix_spawn, poll).
#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace dlgo {

class GtpError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One GTP response: '=' (success) or '?' (failure) and the text after it, trimmed. A multi-line
// response keeps its inner newlines.
struct GtpResponse {
  bool success = false;
  std::string text;
};

struct GtpProcessOptions {
  // Send the engine's standard error to /dev/null instead of sharing ours.
  bool discard_stderr = false;
  // Longest wait for the next response; an engine silent for longer counts as hung.
  std::chrono::milliseconds response_timeout{60'000};
  // How long the destructor waits for the engine to exit after `quit` before killing it.
  std::chrono::milliseconds quit_grace{2'000};
};

class GtpProcess {
 public:
  // Starts argv[0] with the arguments argv[1..]; a name without '/' is searched in PATH.
  // Throws GtpError when the program cannot be found or started.
  explicit GtpProcess(std::vector<std::string> argv, GtpProcessOptions options = {});
  ~GtpProcess();

  GtpProcess(const GtpProcess&) = delete;
  GtpProcess& operator=(const GtpProcess&) = delete;

  // Sends one command and waits for its response (a '?' response is returned, not thrown).
  GtpResponse send(std::string_view command);

  // Sends every command before reading the responses, so that a long series costs one round
  // trip instead of one per command. Input and output are interleaved with poll(), so a batch
  // larger than the pipe buffers cannot deadlock. Returns one response per command, in order.
  std::vector<GtpResponse> send_all(const std::vector<std::string>& commands);

  // Like send(), but a '?' response throws GtpError quoting the command and the engine's reply.
  std::string ask(std::string_view command);

  // Sends `quit` and waits for the engine to exit (killing it after the grace period). Later
  // commands throw. The destructor does this for you; call it to see errors it would swallow.
  void quit();

  bool running() const { return pid_ > 0 && !exited_; }
  pid_t pid() const { return pid_; }
  // The program as given (for messages).
  const std::string& program() const { return argv_.front(); }

 private:
  void write_and_collect(const std::string& input, const std::vector<std::string>& commands,
                         std::vector<GtpResponse>& responses);
  bool parse_next_response(std::string_view command, GtpResponse& response);
  [[noreturn]] void fail_engine_gone(std::string_view command, const char* what);
  std::string describe_exit();
  void close_pipes();
  void stop() noexcept;

  std::vector<std::string> argv_;
  GtpProcessOptions options_;
  pid_t pid_ = -1;
  bool exited_ = false;
  int exit_status_ = 0;   // waitpid status, valid once exited_
  int to_engine_ = -1;    // our end of the engine's stdin (a socket, so writes never raise SIGPIPE)
  int from_engine_ = -1;  // our end of the engine's stdout (a pipe)
  std::string pending_;   // output read from the engine
  size_t pending_start_ = 0;  // where in pending_ the first unparsed response starts
};

// The full path of an executable called `name`: `name` itself when it contains '/', else the
// first match in PATH, else the first match in `fallback_dirs`. nullopt when there is none.
std::optional<std::string> find_executable(std::string_view name,
                                           const std::vector<std::string>& fallback_dirs = {});

}  // namespace dlgo
