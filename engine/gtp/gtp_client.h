// The controller side of GTP: an external engine (GNU Go, KataGo, another dlgo-gtp, ...) run as
// a child process and driven over its standard input and output.
//
// Contract: a GtpClient owns its child process. The constructor starts it; the destructor sends
// `quit`, waits a short grace period and kills it otherwise, so no child outlives the object or
// stays a zombie. Each command is one line sent without an id; send() reads its response before
// the next command goes out, send_all() sends a batch while reading the responses in order.
// These throw GtpEngineError, naming the engine and the command: a response that does not
// start with '=' or '?' (a protocol error), an engine that exits or closes its output, one
// silent for longer than the response timeout (it is killed), and any command after the engine
// is gone. The engine's standard error is collected and its last lines are quoted in those
// messages (or passed through, if asked). A '?' response is returned by send() and send_all()
// and thrown by ask(). Not thread-safe: one client per thread. POSIX only.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace dlgo {

class GtpEngineError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct GtpReply {
  bool success = false;
  std::string text;  // after '=' or '?' and the id, trimmed; inner newlines kept
};

struct GtpClientOptions {
  std::chrono::milliseconds response_timeout{120'000};
  std::chrono::milliseconds quit_grace{2'000};
  // Pass the engine's standard error through to ours instead of keeping its tail for messages.
  bool pass_stderr = false;
};

// Splits a command line into program and arguments the way a shell would for simple cases:
// whitespace separates words, single quotes keep text literally, double quotes keep spaces (a
// backslash in them escapes only " \ $ `), a backslash outside quotes escapes the next
// character. No variables, globs or redirection. Throws
// std::invalid_argument for an unterminated quote or an empty line.
std::vector<std::string> split_command_line(std::string_view line);

// The full path of `name`: itself when it holds a '/', else the first executable match in PATH,
// else in `fallback_dirs` (e.g. /usr/games, where Debian puts GNU Go, outside many PATHs).
std::optional<std::string> find_program(std::string_view name,
                                        const std::vector<std::string>& fallback_dirs = {});

class GtpClient {
 public:
  // Starts argv[0] (searched in PATH when it has no '/') with the arguments argv[1..].
  // Throws GtpEngineError when it cannot be started.
  explicit GtpClient(std::vector<std::string> argv, GtpClientOptions options = {});
  ~GtpClient();

  GtpClient(const GtpClient&) = delete;
  GtpClient& operator=(const GtpClient&) = delete;

  // Sends one command and reads its response.
  GtpReply send(std::string_view command);
  // Sends every command before reading the responses, so that a long series costs one round
  // trip instead of one per command; input and output are interleaved with poll(), so a batch
  // larger than the pipe buffers cannot deadlock. One reply per command, in order; the timeout
  // applies to each response.
  std::vector<GtpReply> send_all(const std::vector<std::string>& commands);
  // send(), but a '?' response throws GtpEngineError quoting the command and the reply.
  std::string ask(std::string_view command);

  // Sends `quit` and waits for the engine to exit (killing it after the grace period).
  void quit();

  bool running() const { return pid_ > 0 && !exited_; }
  pid_t pid() const { return pid_; }
  // The command line as given, for messages.
  const std::string& label() const { return label_; }

 private:
  [[noreturn]] void fail(std::string_view command, const std::string& what, bool kill_it);
  void exchange(const std::string& input, const std::vector<std::string>& commands,
                std::vector<GtpReply>& replies);
  bool take_response(std::string_view command, GtpReply& reply);
  void read_stderr();
  void reap(std::chrono::milliseconds grace);
  std::string exit_description() const;
  std::string stderr_tail() const;
  void close_all();

  std::vector<std::string> argv_;
  std::string label_;
  GtpClientOptions options_;
  pid_t pid_ = -1;
  bool exited_ = false;
  int status_ = 0;
  int to_engine_ = -1;    // a socket: writing after the engine died fails with EPIPE, no signal
  int from_engine_ = -1;  // the engine's stdout
  int engine_stderr_ = -1;
  std::string buffer_;            // stdout read but not yet taken as a response...
  std::size_t buffer_start_ = 0;  // ...from here on (responses taken are skipped, not erased)
  std::string stderr_text_;       // the last few kilobytes of the engine's stderr
};

}  // namespace dlgo
