#include "tests/server/http_test_client.h"

#include <cctype>
#include <thread>

#include <boost/asio/io_context.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/http.hpp>

namespace dlgo::server::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

struct HttpTestClient::Connection {
  asio::io_context io;
  tcp::socket socket{io};
  beast::flat_buffer buffer;
};

HttpTestClient::HttpTestClient(std::uint16_t port) : connection_(std::make_unique<Connection>()) {
  connection_->socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
}

HttpTestClient::~HttpTestClient() {
  boost::system::error_code ignored;
  connection_->socket.close(ignored);
}

HttpReply HttpTestClient::request(const std::string& method, const std::string& target,
                                  const std::string& body,
                                  const std::map<std::string, std::string>& headers) {
  std::string text = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  for (const auto& [name, value] : headers) text += name + ": " + value + "\r\n";
  if (!body.empty() || method == "POST") {
    text += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  }
  text += "\r\n" + body;
  send_raw(text);
  return read_reply(method == "HEAD");
}

void HttpTestClient::send_raw(const std::string& bytes) {
  asio::write(connection_->socket, asio::buffer(bytes));
}

namespace {

HttpReply reply_from(const http::response<http::string_body>& message) {
  HttpReply reply;
  reply.status = static_cast<int>(message.result_int());
  for (const auto& field : message) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    reply.headers[name] = std::string(field.value());
  }
  reply.body = message.body();
  reply.keep_alive = message.keep_alive();
  return reply;
}

}  // namespace

HttpReply HttpTestClient::read_reply(bool head_request) {
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 << 20);
  parser.skip(head_request);
  http::read(connection_->socket, connection_->buffer, parser);
  return reply_from(parser.get());
}

std::optional<HttpReply> HttpTestClient::read_reply_within(std::chrono::milliseconds within) {
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 << 20);
  std::optional<beast::error_code> result;
  http::async_read(connection_->socket, connection_->buffer, parser,
                   [&result](beast::error_code error, std::size_t) { result = error; });
  connection_->io.restart();
  connection_->io.run_for(within);
  if (!result) {
    boost::system::error_code ignored;
    connection_->socket.cancel(ignored);
    connection_->io.restart();
    connection_->io.run();  // the cancelled read's handler
    return std::nullopt;
  }
  if (*result) throw std::runtime_error("reading the answer: " + result->message());
  return reply_from(parser.get());
}

bool HttpTestClient::closed_by_server(std::chrono::milliseconds within) {
  return bytes_until_closed(within).has_value();
}

std::optional<std::string> HttpTestClient::bytes_until_closed(std::chrono::milliseconds within) {
  std::string bytes = beast::buffers_to_string(connection_->buffer.data());
  connection_->buffer.consume(connection_->buffer.size());
  tcp::socket& socket = connection_->socket;
  auto deadline = std::chrono::steady_clock::now() + within;
  socket.non_blocking(true);
  char scratch[4096];
  while (std::chrono::steady_clock::now() < deadline) {
    boost::system::error_code error;
    std::size_t n = socket.read_some(asio::buffer(scratch), error);
    if (error == asio::error::would_block) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      continue;
    }
    if (error) {
      socket.non_blocking(false);
      return bytes;  // EOF or reset
    }
    bytes.append(scratch, n);
  }
  socket.non_blocking(false);
  return std::nullopt;
}

PendingRequest::PendingRequest(std::uint16_t port, const std::string& target,
                               const std::string& body)
    : client_(port) {
  client_.send_raw("POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " +
                   "application/json\r\nContent-Length: " + std::to_string(body.size()) +
                   "\r\n\r\n" + body);
}

IdleConnections::IdleConnections(std::uint16_t port, int count) {
  sockets_.reserve(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) {
    sockets_.emplace_back(io_);
    sockets_.back().connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    sockets_.back().non_blocking(true);
  }
}

IdleConnections::~IdleConnections() {
  close_all();
}

std::vector<bool> IdleConnections::closed_by_server(std::size_t expected,
                                                    std::chrono::milliseconds within) {
  std::vector<bool> closed(sockets_.size(), false);
  std::size_t count = 0;
  auto deadline = std::chrono::steady_clock::now() + within;
  while (count < expected && std::chrono::steady_clock::now() < deadline) {
    for (std::size_t i = 0; i < sockets_.size(); ++i) {
      if (closed[i]) continue;
      char scratch[256];
      boost::system::error_code error;
      sockets_[i].read_some(asio::buffer(scratch), error);
      if (error && error != asio::error::would_block) {
        closed[i] = true;  // EOF or reset
        ++count;
      }
    }
    if (count < expected) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return closed;
}

void IdleConnections::close_all() {
  for (tcp::socket& socket : sockets_) {
    boost::system::error_code ignored;
    socket.close(ignored);
  }
  sockets_.clear();
}

bool connection_refused(std::uint16_t port) {
  asio::io_context io;
  tcp::socket socket(io);
  boost::system::error_code error;
  socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), error);
  return error == asio::error::connection_refused;
}

}  // namespace dlgo::server::testing
