#include "server/http_session.h"

#include <malloc.h>
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>

#include "server/free_memory.h"

namespace dlgo::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

namespace {

// RFC 9112 6.1-6.3. Of the transfer codings only a lone "chunked" is understood. Anything else
// ("gzip", "identity", "gzip, chunked", two Transfer-Encoding lines, one beside
// Content-Length, or any in an HTTP/1.0 request) leaves the body's length in doubt: Beast
// would read such a request as having no body and then parse the body's bytes as the next
// request, and a proxy in front may frame it otherwise (request smuggling). HTTP/1.1 wants
// 400 and the connection closed. Beast itself refuses some of these (Content-Length before
// Transfer-Encoding, "chunked" twice); this catches the rest.
std::optional<std::string> body_framing_problem(const Request& request) {
  auto codings = request.equal_range(http::field::transfer_encoding);
  if (codings.first == codings.second) return std::nullopt;
  if (request.version() < 11) return "Transfer-Encoding in an HTTP/1.0 request";
  if (std::next(codings.first) != codings.second) return "more than one Transfer-Encoding line";
  std::string_view value = codings.first->value();
  if (!beast::iequals(value, "chunked")) {
    std::string shown(value.substr(0, 40));
    return "Transfer-Encoding \"" + shown + (value.size() > 40 ? "...\"" : "\"") +
           " is not supported (only \"chunked\")";
  }
  if (request.count(http::field::content_length) != 0) {
    return "both Transfer-Encoding and Content-Length";
  }
  return std::nullopt;
}

}  // namespace

void SessionTracker::set_max_sessions(std::size_t max_sessions) {
  std::lock_guard<std::mutex> lock(mutex_);
  max_sessions_ = std::max<std::size_t>(max_sessions, 1);
}

std::uint64_t SessionTracker::add(const std::shared_ptr<HttpSession>& session) {
  std::uint64_t id;
  bool stop_now;
  std::vector<std::shared_ptr<HttpSession>> shed;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    while (sessions_.size() >= max_sessions_) {
      if (idle_order_.empty()) {
        ++refused_;
        return 0;
      }
      // Out of the count at once: it closes on its own strand, and must not be picked twice.
      auto victim = sessions_.find(idle_order_.front());
      idle_order_.pop_front();
      if (auto open = victim->second.session.lock()) {
        shed.push_back(std::move(open));
        ++shed_;
      }
      sessions_.erase(victim);
    }
    // A new session waits for its first request: it may be shed from now on (last in line).
    id = next_id_++;
    sessions_.emplace(id, Entry{session, idle_order_.insert(idle_order_.end(), id)});
    peak_since_release_ = std::max(peak_since_release_, sessions_.size());
    stop_now = stopping_;
  }
  // request_stop() closes a session that waits for a request at once; one that has just been
  // admitted one (after it was picked) finishes it and then closes.
  for (auto& victim : shed) victim->request_stop();
  if (stop_now) session->request_stop();
  return id;
}

void SessionTracker::remove(std::uint64_t id) {
  std::function<void()> drained;
  bool release_memory = false;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto entry = sessions_.find(id);
    if (entry == sessions_.end()) return;  // shed: no longer counted
    if (entry->second.idle_position != idle_order_.end()) {
      idle_order_.erase(entry->second.idle_position);
    }
    sessions_.erase(entry);
    // After a burst of connections (a flood, or a crowd gone home) the heap holds their freed
    // memory: hand it back each time the count has halved, by at least kReleaseStep sessions.
    constexpr std::size_t kReleaseStep = 64;
    if (sessions_.size() * 2 <= peak_since_release_ &&
        peak_since_release_ - sessions_.size() >= kReleaseStep) {
      release_memory = true;
      peak_since_release_ = sessions_.size();
    }
    if (stopping_ && sessions_.empty() && on_drained_) {
      drained = std::move(on_drained_);
      on_drained_ = nullptr;
    }
  }
  if (release_memory) release_free_heap_memory();
  if (drained) drained();
}

void SessionTracker::set_idle(std::uint64_t id, bool idle) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto entry = sessions_.find(id);
  if (entry == sessions_.end()) return;
  std::list<std::uint64_t>::iterator& position = entry->second.idle_position;
  bool was_idle = position != idle_order_.end();
  if (idle && !was_idle) position = idle_order_.insert(idle_order_.end(), id);
  if (!idle && was_idle) {
    idle_order_.erase(position);
    position = idle_order_.end();
  }
}

void SessionTracker::stop_all(std::function<void()> on_drained) {
  std::vector<std::shared_ptr<HttpSession>> open;
  bool none_open;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
    for (auto& entry : sessions_) {
      if (auto session = entry.second.session.lock()) open.push_back(std::move(session));
    }
    none_open = sessions_.empty();
    if (!none_open) on_drained_ = std::move(on_drained);
  }
  if (none_open) on_drained();
  for (auto& session : open) session->request_stop();
}

void SessionTracker::forget_on_drained() {
  std::lock_guard<std::mutex> lock(mutex_);
  on_drained_ = nullptr;
}

std::size_t SessionTracker::size() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return sessions_.size();
}

std::uint64_t SessionTracker::shed_count() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return shed_;
}

std::uint64_t SessionTracker::refused_count() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return refused_;
}

HttpSession::HttpSession(tcp::socket&& socket, const Router& router, const SessionLimits& limits,
                         std::shared_ptr<SessionTracker> tracker)
    : stream_(std::move(socket)), router_(router), limits_(limits), tracker_(std::move(tracker)) {}

HttpSession::~HttpSession() {
  if (id_ != 0) tracker_->remove(id_);
}

void HttpSession::start(std::uint64_t id) {
  id_ = id;
  asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->read_next(); });
}

void HttpSession::request_stop() {
  asio::post(stream_.get_executor(), [self = shared_from_this()] {
    self->stopping_ = true;
    // Only a session between requests is cut off; one with a request admitted finishes it.
    if (self->reading_) self->close_now();
  });
}

void HttpSession::read_next() {
  if (stopping_) {
    close_now();
    return;
  }
  parser_.emplace();
  parser_->header_limit(static_cast<std::uint32_t>(limits_.max_header));
  parser_->body_limit(limits_.max_body);
  reading_ = true;
  tracker_->set_idle(id_, true);
  stream_.expires_after(limits_.read_timeout);
  http::async_read_header(stream_, buffer_, *parser_,
                          [self = shared_from_this()](beast::error_code error, std::size_t) {
                            self->on_header(error);
                          });
}

void HttpSession::on_header(beast::error_code error) {
  if (error) return on_read_error(error);
  if (std::optional<std::string> problem = body_framing_problem(parser_->get())) {
    // The body's bytes would be read as the next request: refuse, read no further, close.
    reading_ = false;
    return send(
        make_error_response(http::status::bad_request, "malformed HTTP request: " + *problem),
        false, true);
  }
  if (parser_->is_done()) return on_request(error);
  const auto& header = parser_->get();
  auto expect = header.find(http::field::expect);
  if (expect != header.end() && beast::iequals(expect->value(), "100-continue")) {
    // The client waits for this before sending the body (curl does for large bodies).
    auto interim = std::make_shared<http::response<http::empty_body>>(http::status::continue_,
                                                                      header.version());
    http::async_write(stream_, *interim,
                      [self = shared_from_this(), interim](beast::error_code error, std::size_t) {
                        if (error) return self->close_now();
                        self->read_body();
                      });
    return;
  }
  read_body();
}

void HttpSession::read_body() {
  http::async_read(stream_, buffer_, *parser_,
                   [self = shared_from_this()](beast::error_code error, std::size_t) {
                     self->on_request(error);
                   });
}

void HttpSession::on_request(beast::error_code error) {
  if (error) return on_read_error(error);
  reading_ = false;
  tracker_->set_idle(id_, false);
  stream_.expires_never();  // the answer may take a long search; the client waits for it
  // Answers from worker threads come back to this session's strand; the tracked executor
  // keeps the I/O loop alive until they do, even while the server is shutting down.
  auto executor = asio::prefer(stream_.get_executor(), asio::execution::outstanding_work.tracked);
  router_.handle(parser_->get(), [self = shared_from_this(), executor](Response response) {
    asio::post(executor, [self, response = std::move(response)]() mutable {
      self->on_response(std::move(response));
    });
  });
}

void HttpSession::on_read_error(beast::error_code error) {
  reading_ = false;
  if (error == http::error::end_of_stream || error == asio::error::operation_aborted ||
      error == asio::error::connection_reset || error == asio::error::eof || stopping_) {
    return close_now();
  }
  // A timeout has closed the socket already (beast::tcp_stream does): nobody to answer, and a
  // client that stalls cannot hold the connection.
  if (error == beast::error::timeout || error == http::error::partial_message) {
    return close_now();
  }
  if (error == http::error::body_limit) {
    return send(make_error_response(http::status::payload_too_large,
                                    "the request body is larger than " +
                                        std::to_string(limits_.max_body) + " bytes"),
                false, true);
  }
  if (error == http::error::header_limit) {
    return send(make_error_response(http::status::request_header_fields_too_large,
                                    "the request headers are larger than " +
                                        std::to_string(limits_.max_header) + " bytes"),
                false, true);
  }
  if (error.category() == http::make_error_code(http::error::bad_method).category()) {
    return send(make_error_response(http::status::bad_request,
                                    "malformed HTTP request: " + error.message()),
                false, true);
  }
  close_now();  // a socket error: nobody to answer
}

void HttpSession::on_response(Response response) {
  const Request& request = parser_->get();
  bool keep_alive = request.keep_alive() && !stopping_;
  if (request.method() == http::verb::head) {
    // Same headers as GET, Content-Length included, and no body.
    std::size_t length = response.body().size();
    bool has_length = response.has_content_length();
    response.body().clear();
    http::response<http::empty_body> head{std::move(response.base())};
    if (has_length) head.content_length(length);
    head.keep_alive(keep_alive);
    auto message = std::make_shared<http::response<http::empty_body>>(std::move(head));
    stream_.expires_after(limits_.write_timeout);
    http::async_write(
        stream_, *message,
        [self = shared_from_this(), message, keep_alive](beast::error_code error, std::size_t) {
          self->on_write(keep_alive, false, error);
        });
    return;
  }
  send(std::move(response), keep_alive);
}

void HttpSession::send(Response response, bool keep_alive, bool unread_input) {
  response.keep_alive(keep_alive);
  auto message = std::make_shared<Response>(std::move(response));
  stream_.expires_after(limits_.write_timeout);
  http::async_write(stream_, *message,
                    [self = shared_from_this(), message, keep_alive, unread_input](
                        beast::error_code error, std::size_t) {
                      self->on_write(keep_alive, unread_input, error);
                    });
}

void HttpSession::on_write(bool keep_alive, bool unread_input, beast::error_code error) {
  if (error) return close_now();
  if (keep_alive) return read_next();
  if (unread_input) return close_gracefully();
  close_now();
}

// Closing a socket with unread input makes the kernel send a reset, which can destroy the
// answer just written (e.g. a 413 before the body was read). So, after a refused request: shut
// down our side, read and discard what the client still sends for a moment, then close.
void HttpSession::close_gracefully() {
  beast::error_code ignored;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  stream_.expires_after(std::chrono::seconds(2));
  drain_then_close(0);
}

void HttpSession::drain_then_close(std::size_t drained) {
  constexpr std::size_t kMaxDrain = 1 << 20;
  // Into the request buffer, overwritten each time: a per-session scratch array would cost
  // every idle connection its size.
  buffer_.clear();
  stream_.async_read_some(buffer_.prepare(4096), [self = shared_from_this(), drained](
                                                     beast::error_code error, std::size_t n) {
    if (error || drained + n > kMaxDrain) return self->close_now();
    self->drain_then_close(drained + n);
  });
}

void HttpSession::close_now() {
  reading_ = false;
  beast::error_code ignored;
  stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
  stream_.close();
}

}  // namespace dlgo::server
