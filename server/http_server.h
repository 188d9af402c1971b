// The listening server: an acceptor and the I/O threads that run every connection
// (HttpSession), answering through a Router.
//
// Shutdown is graceful: stop() (or SIGINT/SIGTERM after stop_on_signals()) closes the
// listening socket, cuts idle keep-alive connections, lets every admitted request finish and
// its answer be written, and then run() returns. If that takes longer than `drain_timeout`,
// or a second signal comes, run() returns at once without the stragglers.
//
// Connections are capped at options.max_connections (lowered to what the open-file limit
// allows, after raising its soft limit as far as the hard one goes): at the cap a new
// connection closes the one that has waited longest for a request (SessionTracker), so
// /healthz and real players get through a flood of idle connections. The memory a burst of
// connections used goes back to the system once they close.
//
// Contract: construct, listen(), optionally stop_on_signals(), then run() on one thread (it
// blocks, using io_threads threads in all, the caller's included). stop() and port() are
// safe from any thread at any time. The Router must outlive the server. The WorkerPool behind
// the router must be shut down after run() returns and before the server is destroyed: its
// unfinished tasks hold on to the server's I/O context.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>

#include "server/http_session.h"
#include "server/router.h"

namespace dlgo::server {

// Enough for a crowd of players on a 1-vCPU / 2 GB box (an idle connection costs a few KB),
// and far below what exhausts its memory or file descriptors.
inline constexpr std::size_t kDefaultMaxConnections = 2000;

struct ServerOptions {
  std::string bind_address = "127.0.0.1";
  std::uint16_t port = 5000;  // 0: any free port (see port())
  int io_threads = 1;
  std::size_t max_connections = kDefaultMaxConnections;
  SessionLimits limits;
  std::chrono::milliseconds drain_timeout{60000};
};

class HttpServer {
 public:
  HttpServer(ServerOptions options, const Router& router);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and listens. Throws std::runtime_error naming the address and the reason.
  void listen();
  // The port listened on (the chosen one when options.port was 0); 0 before listen().
  std::uint16_t port() const { return port_; }
  // The connection cap in force: options.max_connections, or less where the open-file limit
  // allows no more (known after listen()).
  std::size_t max_connections() const { return max_connections_; }
  // Connections closed to make room for new ones at the cap, and new ones dropped at once
  // because every open connection was busy with a request.
  std::uint64_t shed_connections() const { return tracker_->shed_count(); }
  std::uint64_t refused_connections() const { return tracker_->refused_count(); }

  void stop_on_signals();
  void run();
  void stop();

 private:
  void accept_next();
  void begin_shutdown();

  ServerOptions options_;
  const Router& router_;
  boost::asio::io_context io_context_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::steady_timer accept_retry_;
  boost::asio::signal_set signals_;
  std::shared_ptr<SessionTracker> tracker_;
  std::uint16_t port_ = 0;
  std::size_t max_connections_ = 0;
  bool shutting_down_ = false;  // touched only on the I/O threads through post()

  std::mutex state_mutex_;
  std::condition_variable state_changed_;
  bool stop_requested_ = false;  // guarded by state_mutex_
  bool finished_ = false;        // guarded by state_mutex_
};

}  // namespace dlgo::server
