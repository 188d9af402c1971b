// A blocking HTTP/1.1 client over a real TCP socket to 127.0.0.1, for the server tests: whole
// requests, raw bytes (malformed or partial requests), and the answers as plain values.
//
// Contract: one client per connection and thread. Errors throw std::runtime_error, except
// where a function says it reports them.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <nlohmann/json.hpp>

namespace dlgo::server::testing {

struct HttpReply {
  int status = 0;
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  bool keep_alive = false;

  bool has_header(const std::string& name) const { return headers.count(name) > 0; }
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
  nlohmann::json json() const { return nlohmann::json::parse(body); }
  std::string error() const { return json().at("error").get<std::string>(); }
};

class HttpTestClient {
 public:
  explicit HttpTestClient(std::uint16_t port);
  ~HttpTestClient();

  // Sends a request (Host and Content-Length added) and reads the answer. For HEAD the reply
  // has no body whatever Content-Length says.
  HttpReply request(const std::string& method, const std::string& target,
                    const std::string& body = "",
                    const std::map<std::string, std::string>& headers = {});
  HttpReply get(const std::string& target) { return request("GET", target); }
  HttpReply post(const std::string& target, const std::string& body) {
    return request("POST", target, body, {{"Content-Type", "application/json"}});
  }

  void send_raw(const std::string& bytes);
  // Reads one answer; `head_request` when it answers a HEAD.
  HttpReply read_reply(bool head_request = false);
  // Reads one answer, or gives up after `within` (nullopt; the connection is then unusable).
  std::optional<HttpReply> read_reply_within(std::chrono::milliseconds within);
  // True when the server closed the connection within `within` (reads and drops any bytes).
  bool closed_by_server(std::chrono::milliseconds within);
  // The bytes that came (beyond the answers read) until the server closed the connection;
  // nullopt when it did not close it within `within`.
  std::optional<std::string> bytes_until_closed(std::chrono::milliseconds within);

 private:
  struct Connection;
  std::unique_ptr<Connection> connection_;
};

// Starts a request and returns before the answer; finish() reads it. For slow requests.
class PendingRequest {
 public:
  PendingRequest(std::uint16_t port, const std::string& target, const std::string& body);
  HttpReply finish() { return client_.read_reply(); }

 private:
  HttpTestClient client_;
};

// Connections that never send a byte, for floods: one file descriptor each, where an
// HttpTestClient takes three (its own I/O context).
class IdleConnections {
 public:
  // Opens `count` connections, one after the other.
  IdleConnections(std::uint16_t port, int count);
  ~IdleConnections();
  std::size_t size() const { return sockets_.size(); }
  // Which of them the server has closed, waiting up to `within` for `expected` of them.
  std::vector<bool> closed_by_server(std::size_t expected, std::chrono::milliseconds within);
  void close_all();

 private:
  boost::asio::io_context io_;
  std::vector<boost::asio::ip::tcp::socket> sockets_;
};

// True when a connection to 127.0.0.1:port is refused.
bool connection_refused(std::uint16_t port);

}  // namespace dlgo::server::testing
