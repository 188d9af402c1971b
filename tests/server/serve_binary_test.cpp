// The real dlgo-serve program: start-up output, the default static folder, exit codes for
// bad command lines, and a graceful exit on SIGTERM/SIGINT with a request in flight.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <optional>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include "tests/catch.h"

#include "tests/server/http_test_client.h"

namespace dlgo::server::testing {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// dlgo-serve as a child process whose stdout and stderr we read.
class ServeProcess {
 public:
  // `open_files`: the child's open-file limit (soft and hard), when not 0.
  explicit ServeProcess(const std::vector<std::string>& args, rlim_t open_files = 0) {
    int fds[2];
    REQUIRE(pipe(fds) == 0);
    pid_ = fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      if (open_files != 0) {
        rlimit limit{open_files, open_files};
        if (setrlimit(RLIMIT_NOFILE, &limit) != 0) _exit(126);
      }
      dup2(fds[1], STDOUT_FILENO);
      dup2(fds[1], STDERR_FILENO);
      close(fds[0]);
      close(fds[1]);
      std::vector<char*> argv;
      std::string program = DLGO_SERVE_BINARY;
      argv.push_back(program.data());
      std::vector<std::string> copy = args;
      for (std::string& arg : copy) argv.push_back(arg.data());
      argv.push_back(nullptr);
      execv(program.c_str(), argv.data());
      _exit(127);
    }
    close(fds[1]);
    output_fd_ = fds[0];
    fcntl(output_fd_, F_SETFL, fcntl(output_fd_, F_GETFL) | O_NONBLOCK);
  }

  ~ServeProcess() {
    if (pid_ > 0 && !exited_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    if (output_fd_ >= 0) close(output_fd_);
  }

  // Reads output until it holds `text` followed by `until` (returns what lies between) or the
  // time is up (returns nothing).
  std::optional<std::string> wait_for_output(const std::string& text, milliseconds timeout,
                                             const std::string& until = "") {
    Clock::time_point deadline = Clock::now() + timeout;
    auto found = [&]() -> std::optional<std::string> {
      std::size_t start = output_.find(text);
      if (start == std::string::npos) return std::nullopt;
      start += text.size();
      std::size_t end = output_.find(until, start);
      if (end == std::string::npos) return std::nullopt;
      return output_.substr(start, end - start);
    };
    while (!found() && Clock::now() < deadline) {
      if (!read_some(milliseconds(50)) && exited()) break;
    }
    return found();
  }

  // The port it prints once listening; 0 if it never did.
  std::uint16_t wait_until_listening() {
    std::optional<std::string> port =
        wait_for_output("listening on http://127.0.0.1:", milliseconds(20000), "/");
    if (!port || port->empty() || port->size() > 5 ||
        port->find_first_not_of("0123456789") != std::string::npos) {
      return 0;
    }
    return static_cast<std::uint16_t>(std::stoi(*port));
  }

  // The exit code, or -1 if it did not exit in time (or died of a signal).
  int wait_exit(milliseconds timeout) {
    Clock::time_point deadline = Clock::now() + timeout;
    while (!exited() && Clock::now() < deadline) read_some(milliseconds(20));
    while (read_some(milliseconds(0))) {
    }
    if (!exited_) return -1;
    return WIFEXITED(status_) ? WEXITSTATUS(status_) : -1;
  }

  void signal(int number) { kill(pid_, number); }
  // Resident memory in KB (VmRSS), 0 if unknown.
  long rss_kb() const {
    std::ifstream status("/proc/" + std::to_string(pid_) + "/status");
    std::string line;
    while (std::getline(status, line)) {
      if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
    }
    return 0;
  }
  const std::string& output() const { return output_; }

 private:
  bool exited() {
    if (!exited_ && waitpid(pid_, &status_, WNOHANG) == pid_) exited_ = true;
    return exited_;
  }

  bool read_some(milliseconds wait) {
    pollfd entry{output_fd_, POLLIN, 0};
    if (poll(&entry, 1, static_cast<int>(wait.count())) <= 0) return false;
    char buffer[4096];
    ssize_t n = read(output_fd_, buffer, sizeof buffer);
    if (n <= 0) return false;
    output_.append(buffer, static_cast<size_t>(n));
    return true;
  }

  pid_t pid_ = -1;
  int output_fd_ = -1;
  int status_ = 0;
  bool exited_ = false;
  std::string output_;
};

TEST_CASE("dlgo-serve prints its pages and serves them from the default folder") {
  ServeProcess serve({"--port", "0", "--threads", "1"});
  std::uint16_t port = serve.wait_until_listening();
  REQUIRE(port != 0);
  std::string base = "http://127.0.0.1:" + std::to_string(port);
  serve.wait_for_output("Ctrl-C", milliseconds(5000));
  CHECK_THAT(serve.output(),
             Catch::Contains("play random: " + base + "/static/play_random_99.html") &&
                 Catch::Contains("play mcts: " + base + "/static/play_mcts_55.html"));
  HttpTestClient client(port);
  HttpReply page = client.get("/static/play_random_99.html");
  CHECK(page.status == 200);
  CHECK_THAT(page.body, Catch::Contains("play.js"));
  CHECK(client.post("/select-move/random", R"({"board_size": 9, "moves": ["E5"]})").status == 200);

  serve.signal(SIGINT);
  CHECK(serve.wait_exit(milliseconds(10000)) == 0);
  CHECK_THAT(serve.output(), Catch::Contains("stopped"));
}

TEST_CASE("SIGTERM lets the move being chosen finish, then dlgo-serve exits 0") {
  ServeProcess serve({"--port", "0", "--threads", "1", "--mcts-rounds", "10000"});
  std::uint16_t port = serve.wait_until_listening();
  REQUIRE(port != 0);
  PendingRequest search(port, "/select-move/mcts", R"({"board_size": 19, "moves": ["D4"]})");
  std::this_thread::sleep_for(milliseconds(300));  // the search is under way
  Clock::time_point signalled = Clock::now();
  serve.signal(SIGTERM);
  HttpReply answer = search.finish();
  double answered_after = std::chrono::duration<double>(Clock::now() - signalled).count();
  CHECK(answer.status == 200);
  CHECK(answer.json()["diagnostics"]["visits"] == 10000);
  INFO("answered " << answered_after << " s after the signal");
  CHECK(answered_after > 0.05);  // it really was in flight when the signal came
  CHECK(serve.wait_exit(milliseconds(60000)) == 0);
  CHECK(connection_refused(port));
}

// Raises this process's open-file limit towards `wanted` (the tests' own client sockets) as
// far as the hard limit allows; returns the limit now in force.
rlim_t raise_open_file_limit(rlim_t wanted) {
  rlimit own{};
  if (getrlimit(RLIMIT_NOFILE, &own) != 0) return 0;
  if (own.rlim_cur >= wanted) return own.rlim_cur;
  own.rlim_cur = own.rlim_max == RLIM_INFINITY ? wanted : std::min(wanted, own.rlim_max);
  if (setrlimit(RLIMIT_NOFILE, &own) != 0 || getrlimit(RLIMIT_NOFILE, &own) != 0) return 0;
  return own.rlim_cur;
}

std::optional<HttpReply> healthz_within(std::uint16_t port, milliseconds within) {
  HttpTestClient health(port);
  health.send_raw("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  return health.read_reply_within(within);
}

TEST_CASE("dlgo-serve answers /healthz through a flood of idle connections past its file limit") {
  // 400 idle connections against a server allowed 256 open files (a service's limit may be
  // as low): without a cap they take every descriptor and nothing new is accepted.
  constexpr int kFlood = 400;
  REQUIRE(raise_open_file_limit(kFlood + 100) >= kFlood + 100);

  ServeProcess serve({"--port", "0", "--threads", "1"}, 256);
  std::uint16_t port = serve.wait_until_listening();
  REQUIRE(port != 0);
  serve.wait_for_output("Ctrl-C", milliseconds(5000));
  CHECK_THAT(serve.output(), Catch::Contains("leaves room for 192 connections, not "
                                             "--max-connections 2000") &&
                                 Catch::Contains("at most 192 connections"));
  IdleConnections flood(port, kFlood);
  Clock::time_point sent = Clock::now();
  std::optional<HttpReply> reply = healthz_within(port, milliseconds(5000));
  INFO("waited " << std::chrono::duration<double>(Clock::now() - sent).count() << " s");
  REQUIRE(reply);
  CHECK(reply->status == 200);
  flood.close_all();
  serve.signal(SIGTERM);
  CHECK(serve.wait_exit(milliseconds(10000)) == 0);
}

TEST_CASE("dlgo-serve hands back the memory of a burst of idle connections once they close") {
  // Thousands of idle connections (fewer where this process may not open that many) cost a
  // few KB each while they are open; once they are gone that memory is handed back, up to a
  // fixed allowance (allocator bookkeeping, the last connections below the release step),
  // not kept at the peak.
  const int burst = std::min(4000, static_cast<int>(raise_open_file_limit(4100)) - 100);
  REQUIRE(burst >= 900);
  constexpr long kAllowanceKb = 1024;
  ServeProcess serve({"--port", "0", "--threads", "1", "--max-connections", std::to_string(burst)});
  std::uint16_t port = serve.wait_until_listening();
  REQUIRE(port != 0);
  REQUIRE(healthz_within(port, milliseconds(5000)));
  long before = serve.rss_kb();
  IdleConnections clients(port, burst);
  REQUIRE(healthz_within(port, milliseconds(5000)));  // accepted after all of them
  long during = serve.rss_kb();
  clients.close_all();
  long after = during;
  for (Clock::time_point start = Clock::now(); Clock::now() - start < milliseconds(5000);) {
    std::this_thread::sleep_for(milliseconds(100));
    after = serve.rss_kb();
    if (after - before < (during - before) / 4 + kAllowanceKb) break;
  }
  INFO("RSS before " << before << " KB, with " << burst << " connections " << during
                     << " KB, after " << after << " KB");
  CHECK(during - before > 2 * burst);  // they did cost memory (about 2.7 KB each)
  CHECK(after - before < (during - before) / 4 + kAllowanceKb);
  serve.signal(SIGTERM);
  CHECK(serve.wait_exit(milliseconds(10000)) == 0);
}

struct BadCommand {
  std::vector<std::string> args;
  int exit_code;
  std::string message_part;
};

TEST_CASE("dlgo-serve exits 2 on a usage error and 1 on bad input, naming it") {
  // A port that is taken: held by a listening socket of our own.
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor taken(
      io, boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
  std::string taken_port = std::to_string(taken.local_endpoint().port());

  std::vector<BadCommand> cases = {
      {{"--port", "abc"}, 2, "--port"},
      {{"--port", "70000"}, 2, "--port"},
      {{"--threads", "0"}, 2, "--threads"},
      {{"--max-connections", "0"}, 2, "--max-connections"},
      {{"--no-such-flag"}, 2, "no-such-flag"},
      {{"--agent", "nameonly"}, 2, "NAME=FILE"},
      {{"--port", "0", "--predict-agent", "/nonexistent/agent.h5"}, 1, "predict"},
      {{"--port", "0", "--agent", "bad name=random"}, 1, "bad name"},
      {{"--port", "0", "--agent", "random=random"}, 1, "registered twice"},
      {{"--port", "0", "--static-dir", "/nonexistent/web"}, 1, "/nonexistent/web"},
      {{"--port", "0", "--bind-address", "not-an-address"}, 1, "not-an-address"},
      {{"--port", taken_port}, 1, "cannot listen on 127.0.0.1:" + taken_port},
  };
  for (const BadCommand& bad : cases) {
    std::string joined;
    for (const std::string& arg : bad.args) joined += arg + " ";
    INFO("dlgo-serve " << joined);
    ServeProcess serve(bad.args);
    int code = serve.wait_exit(milliseconds(10000));
    INFO(serve.output());
    CHECK(code == bad.exit_code);
    CHECK_THAT(serve.output(), Catch::Contains(bad.message_part));
  }
  ServeProcess help({"--help"});
  CHECK(help.wait_exit(milliseconds(10000)) == 0);
  CHECK_THAT(help.output(), Catch::Contains("--predict-agent") && Catch::Contains("--max-body") &&
                                Catch::Contains("--max-connections"));
}

TEST_CASE("dlgo-serve --agent NAME=random adds a bot under that name with a play link") {
  ServeProcess serve({"--port", "0", "--agent", "fast=random"});
  std::uint16_t port = serve.wait_until_listening();
  REQUIRE(port != 0);
  serve.wait_for_output("Ctrl-C", milliseconds(5000));
  CHECK_THAT(serve.output(), Catch::Contains("/static/play_random_99.html?bot=fast&size="));
  HttpTestClient client(port);
  CHECK(client.post("/select-move/fast", R"({"board_size": 13, "moves": []})").status == 200);
  serve.signal(SIGTERM);
  CHECK(serve.wait_exit(milliseconds(10000)) == 0);
}

TEST_CASE("dlgo-serve --mcts-rounds is the cap of bot mcts: its top level, and the most asked") {
  ServeProcess serve({"--port", "0", "--mcts-rounds", "40"});
  std::uint16_t port = serve.wait_until_listening();
  REQUIRE(port != 0);
  HttpTestClient client(port);
  nlohmann::json mcts = client.get("/bots").json().at("bots").at(1);
  REQUIRE(mcts.at("name") == "mcts");
  CHECK(mcts.at("levels").back().at("description") == "40 visits a move");
  CHECK(mcts.at("default_level") == 4);
  HttpReply reply =
      client.post("/select-move/mcts", R"({"board_size": 5, "moves": ["C3"], "visits": 1000})");
  REQUIRE(reply.status == 200);
  CHECK(reply.json().at("diagnostics").at("visits") == 40);
  CHECK(reply.json().at("limits").at("clamped") == true);
  serve.signal(SIGTERM);
  CHECK(serve.wait_exit(milliseconds(10000)) == 0);
}

}  // namespace
}  // namespace dlgo::server::testing
