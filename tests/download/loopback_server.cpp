#include "tests/download/loopback_server.h"

#include <sys/socket.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

namespace dlgo::download::testing {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;
using boost::system::error_code;

struct Reply {
  int status = 200;
  std::vector<std::pair<http::field, std::string>> headers;
  std::string body;
  bool head_only = false;
  std::optional<std::size_t> cut_after;
  std::chrono::milliseconds hold{0};
};

std::string read_file(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

// A single range "bytes=A-B", "bytes=A-" or "bytes=-N" against a body of `size` bytes.
// Returns false for a header this server ignores (malformed or several ranges).
bool parse_range(const std::string& header, std::size_t size, std::size_t& first, std::size_t& last,
                 bool& satisfiable) {
  if (header.rfind("bytes=", 0) != 0 || header.find(',') != std::string::npos) return false;
  std::string spec = header.substr(6);
  std::size_t dash = spec.find('-');
  if (dash == std::string::npos) return false;
  try {
    std::string from = spec.substr(0, dash), to = spec.substr(dash + 1);
    if (from.empty()) {
      if (to.empty()) return false;
      std::size_t suffix = std::stoull(to);
      satisfiable = suffix > 0 && size > 0;
      first = size - std::min(suffix, size);
      last = size == 0 ? 0 : size - 1;
      return true;
    }
    first = std::stoull(from);
    last = to.empty() ? size - 1 : std::min<std::size_t>(std::stoull(to), size - 1);
    satisfiable = first < size && (to.empty() || std::stoull(to) >= first);
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

template <typename Stream>
void send(Stream& stream, const Reply& reply, const std::atomic<bool>& stopping) {
  http::response<http::empty_body> response{static_cast<http::status>(reply.status), 11};
  response.set(http::field::server, "dlgo-loopback-test");
  response.set(http::field::connection, "close");
  for (const auto& [field, value] : reply.headers) response.set(field, value);
  http::response_serializer<http::empty_body> serializer{response};
  error_code ec;
  http::write_header(stream, serializer, ec);
  if (ec || reply.head_only) return;
  std::size_t bytes = reply.body.size();
  if (reply.cut_after) bytes = std::min(bytes, *reply.cut_after);
  net::write(stream, net::buffer(reply.body.data(), bytes), ec);
  auto hold_until = std::chrono::steady_clock::now() + reply.hold;
  while (!stopping && std::chrono::steady_clock::now() < hold_until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

}  // namespace

struct LoopbackServer::Impl {
  LoopbackServer& server;
  net::io_context io;
  tcp::acceptor acceptor{io};
  std::optional<ssl::context> tls;
  std::thread accept_thread;
  std::mutex connections_mutex;
  std::vector<std::thread> connection_threads;
  std::multiset<int> open_sockets;
  std::atomic<bool> stopping{false};

  explicit Impl(LoopbackServer& owner) : server(owner) {}

  void accept_next() {
    acceptor.async_accept([this](error_code ec, tcp::socket socket) {
      if (ec) return;  // the acceptor was closed
      std::lock_guard<std::mutex> lock(connections_mutex);
      int fd = socket.native_handle();
      open_sockets.insert(fd);
      connection_threads.emplace_back(
          [this, socket = std::move(socket)]() mutable { serve(std::move(socket)); });
      accept_next();
    });
  }

  // Forgets the socket before it is closed, so that the destructor never shuts down a
  // descriptor number the system has handed out again.
  void forget(int fd) {
    std::lock_guard<std::mutex> lock(connections_mutex);
    open_sockets.erase(open_sockets.find(fd));
  }

  void serve(tcp::socket socket) {
    error_code ec;
    int fd = socket.native_handle();
    if (tls) {
      ssl::stream<tcp::socket> stream(std::move(socket), *tls);
      stream.handshake(ssl::stream_base::server, ec);
      // A failed handshake (the client rejected our certificate) ends the connection.
      if (!ec && !exchange(stream)) stream.shutdown(ec);
      forget(fd);
      stream.lowest_layer().close(ec);
    } else {
      exchange(socket);
      socket.shutdown(tcp::socket::shutdown_send, ec);
      forget(fd);
      socket.close(ec);
    }
  }

  // Reads one request and answers it; returns whether the answer was cut short.
  template <typename Stream>
  bool exchange(Stream& stream) {
    beast::flat_buffer buffer;
    http::request<http::empty_body> request;
    error_code ec;
    http::read(stream, buffer, request, ec);
    if (ec) return false;
    Reply reply = plan(request);
    send(stream, reply, stopping);
    return reply.cut_after.has_value();
  }

  Reply plan(const http::request<http::empty_body>& request) {
    std::lock_guard<std::mutex> lock(server.mutex_);
    std::string target(request.target());
    std::string path = target.substr(0, target.find('?'));
    std::string range(request[http::field::range]);
    server.requests_.push_back({std::string(request.method_string()), target, range});

    Reply reply;
    reply.head_only = request.method() == http::verb::head;
    auto error_reply = [&](int status, const std::string& text) {
      reply.status = status;
      reply.body = text + "\n";
      reply.headers = {{http::field::content_type, "text/plain"},
                       {http::field::content_length, std::to_string(reply.body.size())}};
      return reply;
    };
    if (request.method() != http::verb::get && request.method() != http::verb::head) {
      return error_reply(405, "method not allowed");
    }
    auto fault = server.faults_.find(path);
    if (fault != server.faults_.end() && fault->second.statuses_left > 0) {
      --fault->second.statuses_left;
      return error_reply(fault->second.status, "injected failure");
    }
    auto route = server.routes_.find(path);
    if (route == server.routes_.end()) return error_reply(404, "not found: " + path);
    if (route->second.redirect_status != 0) {
      error_reply(route->second.redirect_status, "moved");
      reply.headers.push_back({http::field::location, route->second.redirect_to});
      return reply;
    }

    std::string body = route->second.file ? read_file(*route->second.file) : route->second.body;
    reply.headers = {{http::field::content_type, route->second.content_type},
                     {http::field::accept_ranges, "bytes"}};
    std::size_t first = 0, last = 0;
    bool satisfiable = false;
    if (!range.empty() && !server.ignore_range_ &&
        parse_range(range, body.size(), first, last, satisfiable)) {
      if (!satisfiable) {
        reply.status = 416;
        reply.headers.push_back(
            {http::field::content_range, "bytes */" + std::to_string(body.size())});
        reply.headers.push_back({http::field::content_length, "0"});
        return reply;
      }
      reply.status = 206;
      reply.headers.push_back({http::field::content_range, "bytes " + std::to_string(first) + "-" +
                                                               std::to_string(last) + "/" +
                                                               std::to_string(body.size())});
      body = body.substr(first, last - first + 1);
    }
    reply.headers.push_back({http::field::content_length, std::to_string(body.size())});
    reply.body = std::move(body);
    if (!reply.head_only && fault != server.faults_.end() && fault->second.cuts_left > 0) {
      --fault->second.cuts_left;
      reply.cut_after = fault->second.cut_after;
      reply.hold = fault->second.hold;
    }
    return reply;
  }
};

LoopbackServer::LoopbackServer(std::optional<TlsFiles> tls) : impl_(std::make_unique<Impl>(*this)) {
  if (tls) {
    impl_->tls.emplace(ssl::context::tls_server);
    impl_->tls->use_certificate_chain_file(tls->certificate_chain.string());
    impl_->tls->use_private_key_file(tls->private_key.string(), ssl::context::pem);
  }
  tcp::endpoint endpoint(net::ip::make_address("127.0.0.1"), 0);
  impl_->acceptor.open(endpoint.protocol());
  impl_->acceptor.set_option(tcp::acceptor::reuse_address(true));
  impl_->acceptor.bind(endpoint);
  impl_->acceptor.listen();
  port_ = impl_->acceptor.local_endpoint().port();
  impl_->accept_next();
  impl_->accept_thread = std::thread([this] { impl_->io.run(); });
}

LoopbackServer::~LoopbackServer() {
  impl_->stopping = true;
  net::post(impl_->io, [this] { impl_->acceptor.close(); });
  impl_->accept_thread.join();
  std::vector<std::thread> threads;
  {
    std::lock_guard<std::mutex> lock(impl_->connections_mutex);
    // Unblocks connections still waiting on a client (the socket stays owned by its thread).
    for (int fd : impl_->open_sockets) ::shutdown(fd, SHUT_RDWR);
    threads.swap(impl_->connection_threads);
  }
  for (std::thread& thread : threads) thread.join();
}

std::string LoopbackServer::base_url(const std::string& host) const {
  return std::string(impl_->tls ? "https" : "http") + "://" + host + ":" + std::to_string(port_);
}

void LoopbackServer::add_file(const std::string& path, const std::filesystem::path& file) {
  std::lock_guard<std::mutex> lock(mutex_);
  Route route;
  route.file = file;
  route.content_type = "application/x-gzip";
  routes_[path] = route;
}

void LoopbackServer::add_page(const std::string& path, std::string body, std::string content_type) {
  std::lock_guard<std::mutex> lock(mutex_);
  Route route;
  route.body = std::move(body);
  route.content_type = std::move(content_type);
  routes_[path] = route;
}

void LoopbackServer::add_redirect(const std::string& path, const std::string& location,
                                  int status) {
  std::lock_guard<std::mutex> lock(mutex_);
  Route route;
  route.redirect_to = location;
  route.redirect_status = status;
  routes_[path] = route;
}

void LoopbackServer::cut_after(const std::string& path, std::size_t bytes, int times,
                               std::chrono::milliseconds hold) {
  std::lock_guard<std::mutex> lock(mutex_);
  faults_[path].cut_after = bytes;
  faults_[path].cuts_left = times;
  faults_[path].hold = hold;
}

void LoopbackServer::fail_with(const std::string& path, int status, int times) {
  std::lock_guard<std::mutex> lock(mutex_);
  faults_[path].status = status;
  faults_[path].statuses_left = times;
}

void LoopbackServer::set_ignore_range(bool ignore) {
  std::lock_guard<std::mutex> lock(mutex_);
  ignore_range_ = ignore;
}

std::vector<LoopbackServer::Request> LoopbackServer::requests() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return requests_;
}

std::vector<LoopbackServer::Request> LoopbackServer::requests_for(const std::string& path) const {
  std::vector<Request> matching;
  for (const Request& request : requests()) {
    if (request.target == path) matching.push_back(request);
  }
  return matching;
}

}  // namespace dlgo::download::testing
