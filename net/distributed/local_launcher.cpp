#include "net/distributed/local_launcher.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <thread>

namespace dlgo::net {

namespace {

std::atomic<int> forwarded_signal{0};

void remember_signal(int signal_number) {
  forwarded_signal = signal_number;
}

std::string describe_exit(int status) {
  if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) {
    const int signal_number = WTERMSIG(status);
    const char* name = strsignal(signal_number);
    return "was killed by signal " + std::to_string(signal_number) +
           (name ? std::string(" (") + name + ")" : std::string());
  }
  return "stopped (status " + std::to_string(status) + ")";
}

[[noreturn]] void exec_worker(const LocalLaunchOptions& options, int rank, int port) {
  const std::string ranks = std::to_string(options.processes);
  setenv("MASTER_ADDR", "127.0.0.1", 1);
  setenv("MASTER_PORT", std::to_string(port).c_str(), 1);
  setenv("RANK", std::to_string(rank).c_str(), 1);
  setenv("LOCAL_RANK", std::to_string(rank).c_str(), 1);
  setenv("WORLD_SIZE", ranks.c_str(), 1);
  setenv("LOCAL_WORLD_SIZE", ranks.c_str(), 1);
  unsetenv("TORCHELASTIC_USE_AGENT_STORE");
  std::vector<char*> argv;
  for (const std::string& arg : options.args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  execv(options.program.c_str(), argv.data());
  std::fprintf(stderr, "%s: error: cannot start rank %d (%s): %s\n", options.log_prefix.c_str(),
               rank, options.program.c_str(), std::strerror(errno));
  _exit(127);
}

}  // namespace

int free_loopback_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof address;
  if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    const std::string reason = std::strerror(errno);
    close(fd);
    throw std::runtime_error("no free port on 127.0.0.1: " + reason);
  }
  close(fd);
  return ntohs(address.sin_port);
}

int run_local_workers(const LocalLaunchOptions& options) {
  if (options.processes < 1) throw std::runtime_error("--nproc-per-node must be at least 1");
  int port = 0;
  if (const char* given = std::getenv("MASTER_PORT")) {
    port = std::atoi(given);
    if (port < 1 || port > 65535)
      throw std::runtime_error(std::string("MASTER_PORT=") + given + ": expected 1..65535");
  } else {
    port = free_loopback_port();
  }
  // SIGINT and SIGTERM stop the ranks (with SIGTERM: a rank started in the background of a
  // shell ignores SIGINT); a signal this launcher was told to ignore (nohup) stays ignored.
  struct sigaction action {};
  action.sa_handler = remember_signal;
  sigemptyset(&action.sa_mask);
  struct sigaction old_int {};
  struct sigaction old_term {};
  sigaction(SIGINT, nullptr, &old_int);
  sigaction(SIGTERM, nullptr, &old_term);
  if (old_int.sa_handler != SIG_IGN) sigaction(SIGINT, &action, nullptr);
  if (old_term.sa_handler != SIG_IGN) sigaction(SIGTERM, &action, nullptr);

  std::vector<pid_t> pids(options.processes, -1);
  for (int rank = 0; rank < options.processes; ++rank) {
    const pid_t pid = fork();
    if (pid < 0) {
      std::fprintf(stderr, "%s: error: fork: %s\n", options.log_prefix.c_str(),
                   std::strerror(errno));
      break;
    }
    if (pid == 0) {
      sigaction(SIGINT, &old_int, nullptr);
      sigaction(SIGTERM, &old_term, nullptr);
      exec_worker(options, rank, port);
    }
    pids[rank] = pid;
  }

  int running = 0;
  for (pid_t pid : pids) running += pid > 0;
  std::string failure = running < options.processes ? "not every rank could be started" : "";
  auto terminate_survivors = [&](int signal_number) {
    for (pid_t pid : pids)
      if (pid > 0) kill(pid, signal_number);
  };
  std::chrono::steady_clock::time_point kill_at{};
  bool terminating = false;
  if (!failure.empty()) {
    terminate_survivors(SIGTERM);
    terminating = true;
    kill_at = std::chrono::steady_clock::now() + options.grace;
  }
  while (running > 0) {
    int status = 0;
    const pid_t pid = waitpid(-1, &status, WNOHANG);
    if (pid > 0) {
      for (int rank = 0; rank < options.processes; ++rank) {
        if (pids[rank] != pid) continue;
        pids[rank] = -1;
        --running;
        const bool ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
        if (!ok && failure.empty()) {
          failure = "rank " + std::to_string(rank) + " of " + std::to_string(options.processes) +
                    " " + describe_exit(status);
        }
      }
      continue;
    }
    if (pid < 0 && errno != EINTR) break;
    if (!terminating && (!failure.empty() || forwarded_signal != 0)) {
      if (failure.empty()) failure = "stopped by signal " + std::to_string(forwarded_signal.load());
      terminate_survivors(SIGTERM);
      terminating = true;
      kill_at = std::chrono::steady_clock::now() + options.grace;
    }
    if (terminating && std::chrono::steady_clock::now() > kill_at) {
      terminate_survivors(SIGKILL);
      kill_at = std::chrono::steady_clock::time_point::max();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  sigaction(SIGINT, &old_int, nullptr);
  sigaction(SIGTERM, &old_term, nullptr);
  if (failure.empty()) return 0;
  if (forwarded_signal != 0 && failure.rfind("stopped by signal", 0) == 0) {
    std::fprintf(stderr, "%s: %s; the ranks were stopped\n", options.log_prefix.c_str(),
                 failure.c_str());
    return 128 + forwarded_signal;  // as a shell reports a program a signal ended
  }
  std::fprintf(stderr,
               "%s: error: %s; the other ranks were stopped (run the same command with --resume "
               "and the last checkpoint to go on)\n",
               options.log_prefix.c_str(), failure.c_str());
  return 1;
}

}  // namespace dlgo::net
