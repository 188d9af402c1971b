#include "engine/gtp/gtp_client.h"

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
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <thread>

extern char** environ;

namespace dlgo {

namespace {

using Clock = std::chrono::steady_clock;
constexpr std::size_t kStderrKeep = 4096;

// Batched reading: below this many bytes per read, nap before the next one (see exchange()).
constexpr ssize_t kCoalesceBytes = 8192;
constexpr std::chrono::microseconds kCoalesceNap{500};

void close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

bool executable_file(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode) &&
         ::access(path.c_str(), X_OK) == 0;
}

std::string trim(std::string_view text) {
  std::size_t begin = text.find_first_not_of(" \t\n");
  if (begin == std::string_view::npos) return {};
  std::size_t end = text.find_last_not_of(" \t\n");
  return std::string(text.substr(begin, end - begin + 1));
}

}  // namespace

std::vector<std::string> split_command_line(std::string_view line) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  char quote = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quote == '\'') {
      if (c == '\'')
        quote = 0;
      else
        word += c;
    } else if (c == '\\' && quote != '\'') {
      if (i + 1 == line.size()) throw std::invalid_argument("command line ends with a backslash");
      char next = line[++i];
      // As in a POSIX shell: inside double quotes only these four characters are escaped.
      if (quote == '"' && next != '"' && next != '\\' && next != '$' && next != '`') word += c;
      word += next;
      in_word = true;
    } else if (quote == '"') {
      if (c == '"')
        quote = 0;
      else
        word += c;
    } else if (c == '\'' || c == '"') {
      quote = c;
      in_word = true;
    } else if (c == ' ' || c == '\t' || c == '\n') {
      if (in_word) words.push_back(word);
      word.clear();
      in_word = false;
    } else {
      word += c;
      in_word = true;
    }
  }
  if (quote) {
    throw std::invalid_argument(std::string("unterminated ") +
                                (quote == '"' ? "double" : "single") + " quote in command line '" +
                                std::string(line) + "'");
  }
  if (in_word) words.push_back(word);
  if (words.empty()) throw std::invalid_argument("empty command line");
  return words;
}

std::optional<std::string> find_program(std::string_view name,
                                        const std::vector<std::string>& fallback_dirs) {
  if (name.empty()) return std::nullopt;
  std::string program(name);
  if (program.find('/') != std::string::npos) {
    return executable_file(program) ? std::optional<std::string>(program) : std::nullopt;
  }
  std::vector<std::string> dirs;
  const char* path = std::getenv("PATH");
  std::string_view rest = path ? path : "/usr/local/bin:/usr/bin:/bin";
  while (true) {
    std::size_t colon = rest.find(':');
    std::string dir(rest.substr(0, colon));
    dirs.push_back(dir.empty() ? "." : dir);  // an empty PATH entry means the current directory
    if (colon == std::string_view::npos) break;
    rest.remove_prefix(colon + 1);
  }
  dirs.insert(dirs.end(), fallback_dirs.begin(), fallback_dirs.end());
  for (const std::string& dir : dirs) {
    std::string candidate = dir + "/" + program;
    if (executable_file(candidate)) return candidate;
  }
  return std::nullopt;
}

GtpClient::GtpClient(std::vector<std::string> argv, GtpClientOptions options)
    : argv_(std::move(argv)), options_(options) {
  if (argv_.empty() || argv_.front().empty()) throw GtpEngineError("no GTP engine program given");
  for (const std::string& word : argv_) label_ += (label_.empty() ? "" : " ") + word;
  std::optional<std::string> path = find_program(argv_.front());
  if (!path) {
    throw GtpEngineError("cannot start GTP engine '" + label_ + "': '" + argv_.front() +
                         "' is not an executable program" +
                         (argv_.front().find('/') == std::string::npos ? " in PATH" : ""));
  }
  int input[2] = {-1, -1}, output[2] = {-1, -1}, errors[2] = {-1, -1};
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, input) != 0 ||
      ::pipe2(output, O_CLOEXEC) != 0 ||
      (!options_.pass_stderr && ::pipe2(errors, O_CLOEXEC) != 0)) {
    int error = errno;
    for (int* fds : {input, output, errors}) {
      close_fd(fds[0]);
      close_fd(fds[1]);
    }
    throw GtpEngineError("cannot create pipes for GTP engine '" + label_ +
                         "': " + std::strerror(error));
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, input[1], STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, output[1], STDOUT_FILENO);
  if (!options_.pass_stderr) posix_spawn_file_actions_adddup2(&actions, errors[1], STDERR_FILENO);
  // The child gets default SIGPIPE handling and no blocked signals whatever this process uses.
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t defaults, empty;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);
  sigemptyset(&empty);
  posix_spawnattr_setsigdefault(&attributes, &defaults);
  posix_spawnattr_setsigmask(&attributes, &empty);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
  std::vector<char*> args;
  for (std::string& word : argv_) args.push_back(word.data());
  args.push_back(nullptr);
  int error = ::posix_spawn(&pid_, path->c_str(), &actions, &attributes, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  close_fd(input[1]);
  close_fd(output[1]);
  close_fd(errors[1]);
  to_engine_ = input[0];
  from_engine_ = output[0];
  engine_stderr_ = errors[0];
  if (error != 0) {
    pid_ = -1;
    close_all();
    throw GtpEngineError("cannot start GTP engine '" + label_ + "': " + std::strerror(error));
  }
  for (int fd : {from_engine_, engine_stderr_}) {
    if (fd >= 0) ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
  }
}

GtpClient::~GtpClient() {
  try {
    quit();
  } catch (...) {
    // Nothing to report from a destructor; quit() has reaped the child either way.
  }
  if (pid_ > 0 && !exited_) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, &status_, 0);
    exited_ = true;
  }
  close_all();
}

std::string GtpClient::ask(std::string_view command) {
  GtpReply reply = send(command);
  if (!reply.success) {
    throw GtpEngineError("GTP engine '" + label_ + "' refused '" + std::string(command) +
                         "': " + reply.text);
  }
  return reply.text;
}

GtpReply GtpClient::send(std::string_view command) {
  std::vector<GtpReply> replies = send_all({std::string(command)});
  return std::move(replies.front());
}

std::vector<GtpReply> GtpClient::send_all(const std::vector<std::string>& commands) {
  std::vector<GtpReply> replies;
  if (commands.empty()) return replies;
  std::string input;
  for (const std::string& command : commands) {
    if (command.find_first_of("\r\n") != std::string::npos || trim(command).empty()) {
      throw std::invalid_argument("a GTP command must be one non-empty line");
    }
    input += command;
    input += '\n';
  }
  if (!running() || to_engine_ < 0) {
    throw GtpEngineError("GTP engine '" + label_ + "' is not running (" + exit_description() +
                         "); cannot send '" + commands.front() + "'");
  }
  replies.reserve(commands.size());
  exchange(input, commands, replies);
  return replies;
}

void GtpClient::exchange(const std::string& input, const std::vector<std::string>& commands,
                         std::vector<GtpReply>& replies) {
  std::size_t written = 0;
  ssize_t last_read = 0;
  Clock::time_point deadline = Clock::now() + options_.response_timeout;
  char chunk[1 << 16];
  while (true) {
    GtpReply reply;
    while (replies.size() < commands.size() && take_response(commands[replies.size()], reply)) {
      replies.push_back(std::move(reply));
      deadline = Clock::now() + options_.response_timeout;
    }
    if (replies.size() == commands.size()) return;
    const std::string& waiting_for = commands[replies.size()];

    // Engines write and flush every response on its own. While many responses are still due,
    // let a few pile up in the pipe before reading: waking up for each one costs both
    // processes more than the work itself (GNU Go's quick commands ran three times slower).
    if (commands.size() - replies.size() > 1 && written > 0 && last_read < kCoalesceBytes) {
      std::this_thread::sleep_for(kCoalesceNap);
    }

    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) {
      fail(waiting_for,
           "did not answer within " + std::to_string(options_.response_timeout.count()) +
               " ms; it was killed",
           true);
    }
    // poll() skips negative descriptors: no stderr when it is passed through or closed, and
    // no writing once the input is all sent.
    pollfd fds[3] = {{from_engine_, POLLIN, 0},
                     {engine_stderr_, POLLIN, 0},
                     {written < input.size() ? to_engine_ : -1, POLLOUT, 0}};
    int ready = ::poll(fds, 3, static_cast<int>(std::min<long long>(left.count(), 1'000'000)));
    if (ready < 0 && errno != EINTR) fail(waiting_for, "could not be polled", true);
    if (ready <= 0) continue;
    if (fds[1].revents != 0) read_stderr();
    if (fds[2].revents != 0) {
      ssize_t sent = ::send(to_engine_, input.data() + written, input.size() - written,
                            MSG_NOSIGNAL | MSG_DONTWAIT);
      if (sent >= 0) {
        written += static_cast<std::size_t>(sent);
      } else if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
        fail(waiting_for, "stopped reading its input", false);
      }
    }
    if (fds[0].revents == 0) continue;
    ssize_t got = ::read(from_engine_, chunk, sizeof chunk);
    last_read = got;
    if (got > 0) {
      const char* begin = chunk;
      const char* end = chunk + got;
      if (std::find(begin, end, '\r') == end) {
        buffer_.append(begin, end);
      } else {  // CR LF line ends are allowed
        std::copy_if(begin, end, std::back_inserter(buffer_), [](char c) { return c != '\r'; });
      }
    } else if (got == 0) {
      fail(waiting_for, "closed its output", false);
    } else if (errno != EAGAIN && errno != EINTR) {
      fail(waiting_for, std::string("could not be read: ") + std::strerror(errno), true);
    }
  }
}

bool GtpClient::take_response(std::string_view command, GtpReply& reply) {
  // Responses taken are skipped by moving buffer_start_, not erased one by one, so that a read
  // holding hundreds of responses costs one compaction rather than one copy each.
  std::size_t start = buffer_.find_first_not_of('\n', buffer_start_);
  if (start == std::string::npos) {
    buffer_.clear();
    buffer_start_ = 0;
    return false;
  }
  std::size_t end = buffer_.find("\n\n", start);
  if (end == std::string::npos) {
    // A first line that cannot start a response is an error at once, not after the timeout.
    if (buffer_[start] != '=' && buffer_[start] != '?' &&
        buffer_.find('\n', start) != std::string::npos) {
      end = buffer_.find('\n', start);
    } else {
      buffer_.erase(0, start);
      buffer_start_ = 0;
      return false;
    }
  }
  std::string_view block(buffer_.data() + start, end - start);
  if (block[0] != '=' && block[0] != '?') {
    std::string first_line(block.substr(0, block.find('\n')));
    fail(command,
         "answered with '" + first_line +
             "', which is not a GTP response (it must start with '=' or '?'); it was killed",
         true);
  }
  std::size_t text = 1;
  while (text < block.size() && block[text] >= '0' && block[text] <= '9') ++text;
  reply.success = block[0] == '=';
  reply.text = trim(block.substr(text));
  buffer_start_ = std::min(end + 2, buffer_.size());
  return true;
}

void GtpClient::read_stderr() {
  char chunk[4096];
  while (true) {
    ssize_t got = ::read(engine_stderr_, chunk, sizeof chunk);
    if (got > 0) {
      stderr_text_.append(chunk, static_cast<std::size_t>(got));
      if (stderr_text_.size() > 2 * kStderrKeep) {
        stderr_text_.erase(0, stderr_text_.size() - kStderrKeep);
      }
      continue;
    }
    if (got == 0) close_fd(engine_stderr_);
    return;
  }
}

void GtpClient::fail(std::string_view command, const std::string& what, bool kill_it) {
  if (engine_stderr_ >= 0) read_stderr();
  close_fd(to_engine_);
  close_fd(from_engine_);
  if (pid_ > 0 && !exited_) {
    if (kill_it) ::kill(pid_, SIGKILL);
    reap(options_.quit_grace);
  }
  if (engine_stderr_ >= 0) read_stderr();
  close_all();
  std::string message = "GTP engine '" + label_ + "' " + what + " (command '" +
                        std::string(command) + "'; " + exit_description() + ")";
  std::string tail = stderr_tail();
  if (!tail.empty()) message += "; its last error output: " + tail;
  throw GtpEngineError(message);
}

void GtpClient::reap(std::chrono::milliseconds grace) {
  Clock::time_point deadline = Clock::now() + grace;
  while (::waitpid(pid_, &status_, WNOHANG) == 0) {
    if (Clock::now() >= deadline) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &status_, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  exited_ = true;
}

std::string GtpClient::exit_description() const {
  if (pid_ <= 0) return "it never started";
  if (!exited_) return "it is still running";
  if (WIFEXITED(status_)) return "it exited with status " + std::to_string(WEXITSTATUS(status_));
  if (WIFSIGNALED(status_)) {
    return "it was killed by signal " + std::to_string(WTERMSIG(status_)) + " (" +
           strsignal(WTERMSIG(status_)) + ")";
  }
  return "it stopped";
}

std::string GtpClient::stderr_tail() const {
  std::string tail = trim(stderr_text_);
  if (tail.size() > 400) tail = "..." + tail.substr(tail.size() - 400);
  for (char& c : tail) {
    if (c == '\n') c = '|';
  }
  return tail;
}

void GtpClient::quit() {
  if (!running()) return;
  std::optional<GtpEngineError> error;
  if (to_engine_ >= 0) {
    auto saved = options_.response_timeout;
    options_.response_timeout = options_.quit_grace;
    try {
      send("quit");
    } catch (const GtpEngineError& e) {
      error = e;
    }
    options_.response_timeout = saved;
  }
  close_fd(to_engine_);  // end of input also stops an engine that ignored `quit`
  close_fd(from_engine_);
  if (running()) reap(options_.quit_grace);
  close_all();
  if (error) throw *error;
}

void GtpClient::close_all() {
  close_fd(to_engine_);
  close_fd(from_engine_);
  close_fd(engine_stderr_);
  buffer_.clear();
  buffer_start_ = 0;
}

}  // namespace dlgo
