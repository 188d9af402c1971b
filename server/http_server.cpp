#include "server/http_server.h"

#include <sys/resource.h>

#include <algorithm>
#include <csignal>
#include <thread>
#include <vector>

#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>

namespace dlgo::server {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

// File descriptors kept for everything but connections: the listening socket, static files
// being sent, the C library and libtorch.
constexpr std::size_t kReservedDescriptors = 64;

// How many connections the open-file limit leaves room for, up to `wanted`. Raises the soft
// limit towards the hard one first (a service's soft limit is often 1024).
std::size_t fit_open_file_limit(std::size_t wanted) {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return wanted;
  rlim_t needed = static_cast<rlim_t>(wanted) + kReservedDescriptors;
  if (limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur < needed) {
    rlimit raised = limit;
    raised.rlim_cur = limit.rlim_max == RLIM_INFINITY ? needed : std::min(needed, limit.rlim_max);
    if (setrlimit(RLIMIT_NOFILE, &raised) == 0) limit = raised;
  }
  if (limit.rlim_cur == RLIM_INFINITY || limit.rlim_cur >= needed) return wanted;
  auto open_files = static_cast<std::size_t>(limit.rlim_cur);
  return open_files > 2 * kReservedDescriptors ? open_files - kReservedDescriptors
                                               : std::max<std::size_t>(open_files / 2, 1);
}

// Asio keeps the reactor's record of a closed socket (about 170 bytes) for the next socket,
// and never frees it. Records first made during a flood of connections lie scattered between
// the connections' buffers, one every few KB, and pin nearly every page those buffers used:
// once the flood is gone, none of that memory can be handed back. Made here, for as many
// sockets as the cap allows and in one run, they are what every later connection reuses.
void reserve_socket_records(asio::io_context& io_context, std::size_t count) {
  std::vector<tcp::socket> sockets;
  sockets.reserve(count);
  boost::system::error_code error;
  for (std::size_t i = 0; i < count && !error; ++i) {
    sockets.emplace_back(io_context);
    sockets.back().open(tcp::v4(), error);
  }
}

}  // namespace

HttpServer::HttpServer(ServerOptions options, const Router& router)
    : options_(std::move(options)),
      router_(router),
      io_context_(options_.io_threads > 1 ? options_.io_threads : 1),
      acceptor_(io_context_),
      accept_retry_(io_context_),
      signals_(io_context_),
      tracker_(std::make_shared<SessionTracker>()) {}

// Sessions cut off by a forced stop die with the I/O context below; the last one must not call
// back into this half-destroyed server.
HttpServer::~HttpServer() {
  tracker_->forget_on_drained();
}

void HttpServer::listen() {
  boost::system::error_code error;
  asio::ip::address address = asio::ip::make_address(options_.bind_address, error);
  std::string where = options_.bind_address + ":" + std::to_string(options_.port);
  if (error) {
    throw std::runtime_error("'" + options_.bind_address + "' is not an IP address to bind to");
  }
  tcp::endpoint endpoint(address, options_.port);
  auto fail = [&](const char* step) {
    throw std::runtime_error(std::string("cannot ") + step + " " + where + ": " + error.message());
  };
  acceptor_.open(endpoint.protocol(), error);
  if (error) fail("open a socket for");
  acceptor_.set_option(asio::socket_base::reuse_address(true), error);
  if (error) fail("configure");
  acceptor_.bind(endpoint, error);
  if (error) fail("listen on");
  acceptor_.listen(asio::socket_base::max_listen_connections, error);
  if (error) fail("listen on");
  port_ = acceptor_.local_endpoint().port();
  max_connections_ = fit_open_file_limit(std::max<std::size_t>(options_.max_connections, 1));
  tracker_->set_max_sessions(max_connections_);
  reserve_socket_records(io_context_, max_connections_);
  accept_next();
}

void HttpServer::stop_on_signals() {
  signals_.add(SIGINT);
  signals_.add(SIGTERM);
  signals_.async_wait([this](const boost::system::error_code& error, int) {
    if (error) return;
    stop();
    // A second signal while requests drain: give up on them.
    signals_.async_wait([this](const boost::system::error_code& error, int) {
      if (!error) io_context_.stop();
    });
  });
}

void HttpServer::accept_next() {
  acceptor_.async_accept(
      asio::make_strand(io_context_), [this](boost::system::error_code error, tcp::socket socket) {
        if (error == asio::error::operation_aborted || !acceptor_.is_open()) return;
        if (error) {
          // Out of file descriptors and the like: try again shortly rather than spin.
          accept_retry_.expires_after(std::chrono::milliseconds(100));
          accept_retry_.async_wait([this](boost::system::error_code error) {
            if (!error && acceptor_.is_open()) accept_next();
          });
          return;
        }
        boost::system::error_code ignored;
        socket.set_option(tcp::no_delay(true), ignored);
        auto session =
            std::make_shared<HttpSession>(std::move(socket), router_, options_.limits, tracker_);
        // Not admitted (at the cap with every connection busy): the connection closes here,
        // with the session, before a byte is read.
        if (std::uint64_t id = tracker_->add(session)) session->start(id);
        accept_next();
      });
}

void HttpServer::stop() {
  {
    std::lock_guard<std::mutex> lock(state_mutex_);
    if (stop_requested_) return;
    stop_requested_ = true;
  }
  state_changed_.notify_all();
  asio::post(io_context_, [this] { begin_shutdown(); });
}

void HttpServer::begin_shutdown() {
  if (shutting_down_) return;
  shutting_down_ = true;
  boost::system::error_code ignored;
  acceptor_.close(ignored);
  accept_retry_.cancel();
  // Once the last connection is gone, nothing but the signal wait is left: end it so that
  // run() returns.
  tracker_->stop_all([this] {
    asio::post(io_context_, [this] {
      boost::system::error_code ignored;
      signals_.cancel(ignored);
    });
  });
}

void HttpServer::run() {
  std::thread watchdog([this] {
    std::unique_lock<std::mutex> lock(state_mutex_);
    state_changed_.wait(lock, [this] { return stop_requested_ || finished_; });
    if (finished_) return;
    if (!state_changed_.wait_for(lock, options_.drain_timeout, [this] { return finished_; })) {
      io_context_.stop();
    }
  });
  std::vector<std::thread> extra;
  for (int i = 1; i < options_.io_threads; ++i) {
    extra.emplace_back([this] { io_context_.run(); });
  }
  io_context_.run();
  for (std::thread& thread : extra) thread.join();
  {
    std::lock_guard<std::mutex> lock(state_mutex_);
    finished_ = true;
  }
  state_changed_.notify_all();
  watchdog.join();
}

}  // namespace dlgo::server
