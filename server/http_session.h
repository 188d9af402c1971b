// One client connection: reads requests (keep-alive, one at a time), hands each to the
// Router, writes the answers, and enforces the limits: read and write timeouts, header and
// body size (431, 413), malformed HTTP and a body whose length is in doubt (400, closing the
// connection); a client that stalls is disconnected. SessionTracker holds the open sessions
// and the connection limit.
//
// Contract: a session lives in a shared_ptr and runs on its own strand; only start() and
// request_stop() are called from outside, from any thread. SessionTracker is thread-safe.
// On request_stop() an idle session closes at once and a busy one after writing its current
// answer (with "Connection: close"), so no admitted request is dropped.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <list>
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
// one is gone; and the connection limit. At the limit a new connection is made room for by
// closing the session that has waited longest for a request (an idle keep-alive client, a
// slow or silent one): a flood of idle connections cannot lock out the next real request.
// Each time the count has halved after a burst, the memory freed meanwhile is handed back to
// the system (release_free_heap_memory).
class SessionTracker {
 public:
  explicit SessionTracker(std::size_t max_sessions = SIZE_MAX) : max_sessions_(max_sessions) {}
  void set_max_sessions(std::size_t max_sessions);

  // Returns the session's id, or 0 when it is not admitted: the limit is reached and every
  // open session is busy with a request (the caller drops the connection). A session added
  // after stop_all() is told to stop at once.
  std::uint64_t add(const std::shared_ptr<HttpSession>& session);
  void remove(std::uint64_t id);
  // Whether a session waits for a request (or the rest of one), so that it may be closed to
  // make room, or has one admitted. Those waiting longest are closed first; a session starts
  // out waiting.
  void set_idle(std::uint64_t id, bool idle);
  // Tells every session to stop; `on_drained` runs once, on whichever thread removes the
  // last session (or here, when there is none).
  void stop_all(std::function<void()> on_drained);
  // Drops the stop_all() callback unrun: for a server being destroyed with sessions left.
  void forget_on_drained();
  std::size_t size() const;
  // Connections closed to make room for new ones, and new ones not admitted.
  std::uint64_t shed_count() const;
  std::uint64_t refused_count() const;

 private:
  struct Entry {
    std::weak_ptr<HttpSession> session;
    std::list<std::uint64_t>::iterator idle_position;  // into idle_order_, or its end()
  };

  mutable std::mutex mutex_;
  std::size_t max_sessions_;                           // guarded
  std::unordered_map<std::uint64_t, Entry> sessions_;  // guarded
  std::list<std::uint64_t> idle_order_;                // guarded; longest waiting first
  std::uint64_t next_id_ = 1;                          // guarded
  std::uint64_t shed_ = 0;                             // guarded
  std::uint64_t refused_ = 0;                          // guarded
  std::size_t peak_since_release_ = 0;                 // guarded
  bool stopping_ = false;                              // guarded
  std::function<void()> on_drained_;                   // guarded
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
  const Router& router_;
  const SessionLimits limits_;
  std::shared_ptr<SessionTracker> tracker_;
  std::uint64_t id_ = 0;
  bool reading_ = false;   // waiting for (part of) a request, nothing admitted yet
  bool stopping_ = false;  // the server is shutting down
};

}  // namespace dlgo::server
