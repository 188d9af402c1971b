// One client connection: reads requests (keep-alive, one at a time), hands each to the
// Router, writes the answers, and enforces the limits: read and write timeouts, header and
// body size (431, 413), malformed HTTP and a body whose length is in doubt (400, closing the
// connection); a client that stalls is disconnected.
//
// Contract: a session lives in a shared_ptr and runs on its own strand; only start() and
// request_stop() are called from outside, from any thread. SessionTracker is thread-safe.
// On request_stop() an idle session closes at once and a busy one after writing its current
// answer (with "Connection: close"), so no admitted request is dropped.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "server/router.h"

namespace dlgo::server {

struct SessionLimits {
  std::size_t max_body = 64 * 1024;
  std::size_t max_header = 8 * 1024;
  // The longest wait for the next request (idle keep-alive) or for the rest of one.
  std::chrono::milliseconds read_timeout{30000};
  std::chrono::milliseconds write_timeout{30000};
};

class HttpSession;

// The open sessions, so that a stopping server can tell each one, and learn when the last
// one is gone.
class SessionTracker {
 public:
  // Returns the session's id; a session added after stop_all() is told to stop at once.
  std::uint64_t add(const std::shared_ptr<HttpSession>& session);
  void remove(std::uint64_t id);
  // Tells every session to stop; `on_drained` runs once, on whichever thread removes the
  // last session (or here, when there is none).
  void stop_all(std::function<void()> on_drained);
  // Drops the stop_all() callback unrun: for a server being destroyed with sessions left.
  void forget_on_drained();
  std::size_t size() const;

 private:
  mutable std::mutex mutex_;
  std::unordered_map<std::uint64_t, std::weak_ptr<HttpSession>> sessions_;  // guarded
  std::uint64_t next_id_ = 1;                                               // guarded
  bool stopping_ = false;                                                   // guarded
  std::function<void()> on_drained_;                                        // guarded
};

class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(boost::asio::ip::tcp::socket&& socket, const Router& router,
              const SessionLimits& limits, std::shared_ptr<SessionTracker> tracker);
  ~HttpSession();

  void start(std::uint64_t id);
  void request_stop();

 private:
  void read_next();
  void on_header(boost::beast::error_code error);
  void read_body();
  void on_request(boost::beast::error_code error);
  void on_read_error(boost::beast::error_code error);
  void on_response(Response response);
  // `unread_input`: the request was refused before all of it was read.
  void send(Response response, bool keep_alive, bool unread_input = false);
  void on_write(bool keep_alive, bool unread_input, boost::beast::error_code error);
  void close_gracefully();
  void drain_then_close(std::size_t drained);
  void close_now();

  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  std::array<char, 4096> discard_{};
  const Router& router_;
  const SessionLimits limits_;
  std::shared_ptr<SessionTracker> tracker_;
  std::uint64_t id_ = 0;
  bool reading_ = false;   // waiting for (part of) a request, nothing admitted yet
  bool stopping_ = false;  // the server is shutting down
};

}  // namespace dlgo::server
