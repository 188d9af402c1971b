// The HTTP message types of the server and the helpers that build its responses: JSON bodies,
// JSON errors ({"error": "..."}), and HTTP dates.
//
// Contract: free functions, safe from any thread. Every response built here carries
// Content-Type, Content-Length (via prepare_payload) and the Server header; the session sets
// keep-alive from the request.
#pragma once

#include <ctime>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

namespace dlgo::server {

namespace http = boost::beast::http;

using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

// A request the server refuses: the status to answer and the message for {"error": ...}.
// Thrown by request parsing, caught by the router.
class HttpError : public std::runtime_error {
 public:
  HttpError(http::status status, const std::string& message)
      : std::runtime_error(message), status_(status), message_(message) {}
  http::status status() const { return status_; }
  // The whole message. what() is a C string: it would stop at a NUL that the client's own
  // text (a move, a decoded path) brought into the message.
  const std::string& message() const { return message_; }

 private:
  http::status status_;
  std::string message_;
};

inline constexpr std::string_view kServerName = "dlgo-serve";

// A response with `body` of `content_type`, Content-Length set.
Response make_response(http::status status, std::string body, std::string_view content_type,
                       unsigned http_version = 11);
// `value` as application/json; API responses are not cached.
Response make_json_response(http::status status, const nlohmann::json& value,
                            unsigned http_version = 11);
// {"error": message} with `status`.
Response make_error_response(http::status status, std::string_view message,
                             unsigned http_version = 11);

// RFC 7231 IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT".
std::string format_http_date(std::time_t time);
// Parses IMF-fixdate (the only form clients send today); nullopt for anything else.
std::optional<std::time_t> parse_http_date(std::string_view text);
// The current time as an HTTP date, formatted at most once a second per thread.
const std::string& current_http_date();

}  // namespace dlgo::server
