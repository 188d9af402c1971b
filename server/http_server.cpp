#include "server/http_server.h"

#include <csignal>
#include <thread>
#include <vector>

#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>

namespace dlgo::server {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

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
        session->start(tracker_->add(session));
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
