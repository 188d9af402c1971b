#include "tests/gnugo/gtp_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <iterator>
#include <thread>

extern char** environ;

namespace dlgo {
namespace {

using Clock = std::chrono::steady_clock;

// Batched reading: below this many bytes per read, nap before the next one (see below).
constexpr ssize_t kCoalesceBytes = 8192;
constexpr std::chrono::microseconds kCoalesceNap{500};

std::string errno_text(int error) {
  return std::strerror(error);
}

bool is_executable_file(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode) &&
         ::access(path.c_str(), X_OK) == 0;
}

void set_nonblocking(int fd) {
  int flags = ::fcntl(fd, F_GETFL);
  if (flags < 0 || ::fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0) {
    throw GtpError("cannot make a GTP pipe non-blocking: " + errno_text(errno));
  }
}

void close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

// Milliseconds from now until `deadline`, clamped to what poll() accepts.
int millis_until(Clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  if (left.count() <= 0) return 0;
  return left.count() > 1'000'000 ? 1'000'000 : static_cast<int>(left.count());
}

std::string_view trim(std::string_view text) {
  const char* space = " \t\n";
  size_t begin = text.find_first_not_of(space);
  if (begin == std::string_view::npos) return {};
  size_t end = text.find_last_not_of(space);
  return text.substr(begin, end - begin + 1);
}

// RAII holders for the posix_spawn attribute objects.
struct SpawnActions {
  posix_spawn_file_actions_t actions;
  SpawnActions() { posix_spawn_file_actions_init(&actions); }
  ~SpawnActions() { posix_spawn_file_actions_destroy(&actions); }
};
struct SpawnAttributes {
  posix_spawnattr_t attributes;
  SpawnAttributes() { posix_spawnattr_init(&attributes); }
  ~SpawnAttributes() { posix_spawnattr_destroy(&attributes); }
};

}  // namespace

std::optional<std::string> find_executable(std::string_view name,
                                           const std::vector<std::string>& fallback_dirs) {
  if (name.empty()) return std::nullopt;
  std::string program(name);
  if (program.find('/') != std::string::npos) {
    if (is_executable_file(program)) return program;
    return std::nullopt;
  }
  std::vector<std::string> dirs;
  const char* path = std::getenv("PATH");
  std::string_view rest = path ? path : "/usr/bin:/bin";
  while (true) {
    size_t colon = rest.find(':');
    std::string dir(rest.substr(0, colon));
    dirs.push_back(dir.empty() ? "." : dir);  // an empty PATH entry means the current directory
    if (colon == std::string_view::npos) break;
    rest.remove_prefix(colon + 1);
  }
  dirs.insert(dirs.end(), fallback_dirs.begin(), fallback_dirs.end());
  for (const std::string& dir : dirs) {
    std::string candidate = dir + "/" + program;
    if (is_executable_file(candidate)) return candidate;
  }
  return std::nullopt;
}

GtpProcess::GtpProcess(std::vector<std::string> argv, GtpProcessOptions options)
    : argv_(std::move(argv)), options_(options) {
  if (argv_.empty() || argv_.front().empty()) throw GtpError("no GTP engine program given");
  std::optional<std::string> path = find_executable(argv_.front());
  if (!path) {
    throw GtpError("cannot start GTP engine '" + program() + "': no such executable" +
                   (program().find('/') == std::string::npos ? " in PATH" : ""));
  }

  // The engine's stdin is a socket so that writing to an engine that has died fails with EPIPE
  // (send with MSG_NOSIGNAL) instead of killing this process with SIGPIPE.
  int input_pair[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, input_pair) != 0) {
    throw GtpError("cannot create a socket for GTP engine '" + program() +
                   "': " + errno_text(errno));
  }
  int output_pipe[2];
  if (::pipe2(output_pipe, O_CLOEXEC) != 0) {
    int error = errno;
    ::close(input_pair[0]);
    ::close(input_pair[1]);
    throw GtpError("cannot create a pipe for GTP engine '" + program() + "': " + errno_text(error));
  }
  to_engine_ = input_pair[0];
  from_engine_ = output_pipe[0];
  int engine_stdin = input_pair[1];
  int engine_stdout = output_pipe[1];

  SpawnActions actions;
  posix_spawn_file_actions_adddup2(&actions.actions, engine_stdin, STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions.actions, engine_stdout, STDOUT_FILENO);
  if (options_.discard_stderr) {
    posix_spawn_file_actions_addopen(&actions.actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  }
  // The child starts with default signal handling even if this process ignores SIGPIPE.
  SpawnAttributes attributes;
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);
  sigset_t no_mask;
  sigemptyset(&no_mask);
  posix_spawnattr_setsigdefault(&attributes.attributes, &defaults);
  posix_spawnattr_setsigmask(&attributes.attributes, &no_mask);
  posix_spawnattr_setflags(&attributes.attributes, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);

  std::vector<char*> args;
  for (std::string& arg : argv_) args.push_back(arg.data());
  args.push_back(nullptr);
  int error = ::posix_spawn(&pid_, path->c_str(), &actions.actions, &attributes.attributes,
                            args.data(), environ);
  ::close(engine_stdin);
  ::close(engine_stdout);
  if (error != 0) {
    pid_ = -1;
    close_pipes();
    throw GtpError("cannot start GTP engine '" + program() + "': " + errno_text(error));
  }
  try {
    set_nonblocking(to_engine_);
    set_nonblocking(from_engine_);
  } catch (...) {
    stop();  // no destructor runs for a half-built object, so reap the child here
    throw;
  }
}

GtpProcess::~GtpProcess() {
  stop();
}

GtpResponse GtpProcess::send(std::string_view command) {
  std::vector<GtpResponse> responses = send_all({std::string(command)});
  return std::move(responses.front());
}

std::string GtpProcess::ask(std::string_view command) {
  GtpResponse response = send(command);
  if (!response.success) {
    throw GtpError("GTP engine '" + program() + "' rejected '" + std::string(command) +
                   "': " + response.text);
  }
  return response.text;
}

std::vector<GtpResponse> GtpProcess::send_all(const std::vector<std::string>& commands) {
  std::vector<GtpResponse> responses;
  if (commands.empty()) return responses;
  std::string input;
  for (const std::string& command : commands) {
    if (trim(command).empty() || command.find_first_of("\r\n") != std::string::npos) {
      throw std::invalid_argument("a GTP command must be one non-empty line, got '" + command +
                                  "'");
    }
    input += command;
    input += '\n';
  }
  if (!running()) {
    throw GtpError("GTP engine '" + program() + "' is not running (" + describe_exit() +
                   "); cannot send '" + commands.front() + "'");
  }
  responses.reserve(commands.size());
  write_and_collect(input, commands, responses);
  return responses;
}

void GtpProcess::write_and_collect(const std::string& input,
                                   const std::vector<std::string>& commands,
                                   std::vector<GtpResponse>& responses) {
  size_t written = 0;
  ssize_t last_read = 0;
  Clock::time_point deadline = Clock::now() + options_.response_timeout;
  char buffer[1 << 16];
  while (true) {
    GtpResponse response;
    while (responses.size() < commands.size() &&
           parse_next_response(commands[responses.size()], response)) {
      responses.push_back(std::move(response));
      deadline = Clock::now() + options_.response_timeout;
    }
    if (responses.size() == commands.size()) return;
    const std::string& waiting_for = commands[responses.size()];

    // Engines write and flush every response on its own. While many responses are still due,
    // let a few pile up in the pipe before reading: waking up for each one costs both
    // processes more than the work itself (GNU Go's quick commands ran three times slower).
    if (commands.size() - responses.size() > 1 && written > 0 && last_read < kCoalesceBytes) {
      std::this_thread::sleep_for(kCoalesceNap);
    }

    pollfd fds[2] = {{from_engine_, POLLIN, 0}, {to_engine_, POLLOUT, 0}};
    int count = written < input.size() ? 2 : 1;
    int ready = ::poll(fds, static_cast<nfds_t>(count), millis_until(deadline));
    if (ready < 0) {
      if (errno == EINTR) continue;
      throw GtpError("poll failed while talking to GTP engine '" + program() +
                     "': " + errno_text(errno));
    }
    if (ready == 0) {
      // A hung engine cannot be resynchronised; stop it so later commands fail fast.
      if (pid_ > 0 && !exited_) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, &exit_status_, 0);
        exited_ = true;
      }
      close_pipes();
      throw GtpError("GTP engine '" + program() + "' did not answer '" + waiting_for + "' within " +
                     std::to_string(options_.response_timeout.count()) + " ms; it was killed");
    }
    if (count == 2 && fds[1].revents != 0) {
      ssize_t sent = ::send(to_engine_, input.data() + written, input.size() - written,
                            MSG_NOSIGNAL | MSG_DONTWAIT);
      if (sent >= 0) {
        written += static_cast<size_t>(sent);
      } else if (errno == EPIPE || errno == ECONNRESET) {
        fail_engine_gone(waiting_for, "stopped reading its input");
      } else if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
        throw GtpError("cannot write to GTP engine '" + program() + "': " + errno_text(errno));
      }
    }
    if (fds[0].revents != 0) {
      ssize_t got = ::read(from_engine_, buffer, sizeof buffer);
      last_read = got;
      if (got > 0) {
        // GTP allows CR LF line ends; the protocol itself only needs LF.
        const char* begin = buffer;
        const char* end = buffer + got;
        if (std::find(begin, end, '\r') == end) {
          pending_.append(begin, end);
        } else {
          std::copy_if(begin, end, std::back_inserter(pending_), [](char c) { return c != '\r'; });
        }
      } else if (got == 0) {
        fail_engine_gone(waiting_for, "closed its output");
      } else if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
        throw GtpError("cannot read from GTP engine '" + program() + "': " + errno_text(errno));
      }
    }
  }
}

bool GtpProcess::parse_next_response(std::string_view command, GtpResponse& response) {
  // Parsed responses are skipped by advancing pending_start_, not erased one by one, so that a
  // read holding hundreds of responses costs one compaction rather than one copy each.
  size_t start = pending_.find_first_not_of('\n', pending_start_);  // tolerate blank lines
  if (start == std::string::npos) {
    pending_.clear();
    pending_start_ = 0;
    return false;
  }
  size_t end = pending_.find("\n\n", start);
  if (end == std::string::npos) {
    pending_.erase(0, start);
    pending_start_ = 0;
    return false;
  }
  std::string_view block(pending_.data() + start, end - start);
  char status = block.front();
  if (status != '=' && status != '?') {
    std::string first_line(block.substr(0, block.find('\n')));
    // The stream is out of step with our commands, so the engine is of no further use.
    if (pid_ > 0 && !exited_) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &exit_status_, 0);
      exited_ = true;
    }
    close_pipes();
    throw GtpError("GTP protocol error: engine '" + program() + "' answered '" +
                   std::string(command) + "' with '" + first_line +
                   "', which does not start with '=' or '?'; it was killed");
  }
  size_t text_begin = 1;
  while (text_begin < block.size() && block[text_begin] >= '0' && block[text_begin] <= '9') {
    ++text_begin;  // a command id, which we never send but an engine may echo
  }
  response.success = status == '=';
  response.text = std::string(trim(block.substr(text_begin)));
  pending_start_ = end + 2;
  return true;
}

void GtpProcess::fail_engine_gone(std::string_view command, const char* what) {
  close_pipes();
  if (pid_ > 0 && !exited_) {
    // It normally exits right after closing its output; give it the grace period to do so.
    Clock::time_point deadline = Clock::now() + options_.quit_grace;
    while (::waitpid(pid_, &exit_status_, WNOHANG) == 0) {
      if (Clock::now() >= deadline) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, &exit_status_, 0);
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    exited_ = true;
  }
  throw GtpError("GTP engine '" + program() + "' " + what + " while answering '" +
                 std::string(command) + "' (" + describe_exit() + ")");
}

std::string GtpProcess::describe_exit() {
  if (pid_ <= 0) return "it was never started";
  if (!exited_) return "still running";
  if (WIFEXITED(exit_status_))
    return "it exited with status " + std::to_string(WEXITSTATUS(exit_status_));
  if (WIFSIGNALED(exit_status_)) {
    int signal_number = WTERMSIG(exit_status_);
    return "it was killed by signal " + std::to_string(signal_number) + " (" +
           strsignal(signal_number) + ")";
  }
  return "it stopped";
}

void GtpProcess::close_pipes() {
  close_fd(to_engine_);
  close_fd(from_engine_);
  pending_.clear();
  pending_start_ = 0;
}

void GtpProcess::quit() {
  if (!running()) return;
  GtpProcessOptions saved = options_;
  options_.response_timeout = options_.quit_grace;
  std::optional<GtpError> error;
  try {
    send("quit");
  } catch (const GtpError& e) {
    error = e;
  }
  options_ = saved;
  close_pipes();  // EOF on stdin also tells an engine that ignored `quit` to stop
  if (pid_ > 0 && !exited_) {
    Clock::time_point deadline = Clock::now() + options_.quit_grace;
    while (::waitpid(pid_, &exit_status_, WNOHANG) == 0) {
      if (Clock::now() >= deadline) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, &exit_status_, 0);
        if (!error) {
          error = GtpError("GTP engine '" + program() + "' did not exit within " +
                           std::to_string(options_.quit_grace.count()) +
                           " ms of 'quit'; it was killed");
        }
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    exited_ = true;
  }
  if (error) throw *error;
}

void GtpProcess::stop() noexcept {
  try {
    quit();
  } catch (...) {
    // A destructor cannot report it; quit() has reaped the child either way.
  }
  if (pid_ > 0 && !exited_) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, &exit_status_, 0);
    exited_ = true;
  }
  close_pipes();
}

}  // namespace dlgo
