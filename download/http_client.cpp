#include "download/http_client.h"

#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <optional>
#include <vector>

#include "download/url.h"

namespace dlgo::download {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;
using boost::system::error_code;
using Parser = http::response_parser<http::buffer_body>;

constexpr std::size_t kChunkSize = 1 << 16;

// Runs one asynchronous operation to completion. Beast's stream timeouts only apply to
// asynchronous operations; this keeps the calling code sequential while getting them.
template <typename Start>
error_code run_op(net::io_context& io, Start&& start) {
  error_code result = net::error::would_block;
  start([&result](error_code ec, auto&&...) { result = ec; });
  io.restart();
  io.run();
  return result;
}

std::string describe(const error_code& ec) {
  if (ec == beast::error::timeout) return "timed out";
  return ec.message();
}

bool is_ip_address(const std::string& host) {
  error_code ec;
  net::ip::make_address(host, ec);
  return !ec;
}

// Parses "bytes FIRST-LAST/TOTAL" or "bytes */TOTAL"; fields the header lacks stay empty.
void parse_content_range(const std::string& value, std::optional<std::uint64_t>& first,
                         std::optional<std::uint64_t>& total) {
  if (value.rfind("bytes ", 0) != 0) return;
  std::string spec = value.substr(6);
  std::size_t slash = spec.find('/');
  if (slash == std::string::npos) return;
  std::string range = spec.substr(0, slash);
  std::string size = spec.substr(slash + 1);
  try {
    if (range != "*") first = std::stoull(range.substr(0, range.find('-')));
    if (size != "*") total = std::stoull(size);
  } catch (const std::exception&) {
    first.reset();
    total.reset();
  }
}

// One connection to one origin: plain TCP or TLS over it.
class Connection {
 public:
  Connection(net::io_context& io, ssl::context& tls_context, const Url& url,
             const HttpClientOptions& options)
      : io_(io), url_(url), options_(options) {
    if (url.is_https()) {
      tls_.emplace(io, tls_context);
    } else {
      plain_.emplace(io);
    }
  }

  beast::tcp_stream& tcp() { return tls_ ? beast::get_lowest_layer(*tls_) : *plain_; }

  // Calls f with the stream requests are written to and read from.
  template <typename F>
  error_code with_stream(F&& f) {
    if (tls_) return f(*tls_);
    return f(*plain_);
  }

  void open() {
    tcp::resolver resolver(io_);
    error_code ec;
    auto endpoints = resolver.resolve(url_.host, std::to_string(url_.port), ec);
    if (ec) {
      throw HttpError(HttpError::Kind::kNetwork,
                      "cannot resolve host " + url_.host + ": " + describe(ec));
    }
    tcp().expires_after(options_.connect_timeout);
    ec = run_op(io_, [&](auto handler) { tcp().async_connect(endpoints, std::move(handler)); });
    if (ec) {
      throw HttpError(HttpError::Kind::kNetwork,
                      "cannot connect to " + url_.host_header() + ": " + describe(ec));
    }
    if (tls_) handshake();
  }

 private:
  void handshake() {
    SSL* ssl_handle = tls_->native_handle();
    bool ip = is_ip_address(url_.host);
    // SNI carries host names only (RFC 6066); the certificate check covers both kinds.
    if (!ip && !SSL_set_tlsext_host_name(ssl_handle, url_.host.c_str())) {
      throw HttpError(HttpError::Kind::kTls, "cannot set TLS server name " + url_.host);
    }
    X509_VERIFY_PARAM* param = SSL_get0_param(ssl_handle);
    X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
    int set = ip ? X509_VERIFY_PARAM_set1_ip_asc(param, url_.host.c_str())
                 : X509_VERIFY_PARAM_set1_host(param, url_.host.c_str(), url_.host.size());
    if (set != 1) {
      throw HttpError(HttpError::Kind::kTls, "cannot check certificates for host " + url_.host);
    }
    tls_->set_verify_mode(ssl::verify_peer);
    tcp().expires_after(options_.io_timeout);
    error_code ec = run_op(io_, [&](auto handler) {
      tls_->async_handshake(ssl::stream_base::client, std::move(handler));
    });
    if (ec) {
      std::string reason = describe(ec);
      long verify = SSL_get_verify_result(ssl_handle);
      if (verify != X509_V_OK) reason += ": " + std::string(X509_verify_cert_error_string(verify));
      HttpError::Kind kind = ec.category() == net::error::get_ssl_category() ||
                                     ec.category() == ssl::error::get_stream_category()
                                 ? HttpError::Kind::kTls
                                 : HttpError::Kind::kNetwork;
      throw HttpError(kind, "TLS handshake with " + url_.host_header() + " failed: " + reason);
    }
  }

  net::io_context& io_;
  Url url_;
  const HttpClientOptions& options_;
  std::optional<beast::tcp_stream> plain_;
  std::optional<beast::ssl_stream<beast::tcp_stream>> tls_;
};

// An open connection whose final (post-redirect) response headers have been read.
struct Exchange {
  Url url;
  std::unique_ptr<Connection> connection;
  beast::flat_buffer buffer;
  std::unique_ptr<Parser> parser;

  int status() const { return parser->get().result_int(); }
  std::string reason() const {
    std::string text(parser->get().reason());
    return text.empty() ? std::string(http::obsolete_reason(parser->get().result())) : text;
  }
  std::optional<std::uint64_t> content_length() const {
    auto length = parser->content_length();
    return length ? std::optional<std::uint64_t>(*length) : std::nullopt;
  }
  std::string header(http::field field) const { return std::string(parser->get()[field]); }
};

bool is_redirect(int status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

}  // namespace

struct HttpClient::Impl {
  HttpClientOptions options;
  net::io_context io;
  ssl::context tls_context{ssl::context::tls_client};

  explicit Impl(HttpClientOptions client_options) : options(std::move(client_options)) {
    SSL_CTX_set_min_proto_version(tls_context.native_handle(), TLS1_2_VERSION);
    error_code ec;
    if (options.ca_file.empty()) {
      tls_context.set_default_verify_paths(ec);
      if (ec) throw std::runtime_error("cannot load the system CA certificates: " + ec.message());
    } else {
      tls_context.load_verify_file(options.ca_file, ec);
      if (ec) {
        throw std::runtime_error("cannot load CA file " + options.ca_file + ": " + ec.message());
      }
    }
  }

  Url parse(const std::string& url_text) {
    try {
      return parse_url(url_text);
    } catch (const UrlError& error) {
      throw HttpError(HttpError::Kind::kProtocol, error.what());
    }
  }

  // Sends the request and reads the response headers, following redirects.
  Exchange open(http::verb method, const std::string& url_text, std::uint64_t offset) {
    Exchange exchange;
    exchange.url = parse(url_text);
    for (int redirects = 0;; ++redirects) {
      const Url& url = exchange.url;
      exchange.connection = std::make_unique<Connection>(io, tls_context, url, options);
      exchange.connection->open();

      http::request<http::empty_body> request{method, url.target, 11};
      request.set(http::field::host, url.host_header());
      request.set(http::field::user_agent, options.user_agent);
      request.set(http::field::accept, "*/*");
      request.set(http::field::connection, "close");
      if (offset > 0) request.set(http::field::range, "bytes=" + std::to_string(offset) + "-");
      exchange.connection->tcp().expires_after(options.io_timeout);
      error_code ec = run_op(io, [&](auto handler) {
        return exchange.connection->with_stream([&](auto& stream) {
          http::async_write(stream, request, std::move(handler));
          return error_code();
        });
      });
      if (ec) fail_network(url, "sending the request failed", ec);

      exchange.buffer.clear();
      exchange.parser = std::make_unique<Parser>();
      exchange.parser->body_limit(boost::none);
      if (method == http::verb::head) exchange.parser->skip(true);
      exchange.connection->tcp().expires_after(options.io_timeout);
      ec = run_op(io, [&](auto handler) {
        return exchange.connection->with_stream([&](auto& stream) {
          http::async_read_header(stream, exchange.buffer, *exchange.parser, std::move(handler));
          return error_code();
        });
      });
      if (ec) fail_network(url, "no answer", ec);

      if (!is_redirect(exchange.status())) return exchange;
      std::string location = exchange.header(http::field::location);
      if (location.empty()) {
        throw HttpError(HttpError::Kind::kProtocol,
                        url.to_string() + ": redirect without a Location header");
      }
      if (redirects >= options.max_redirects) {
        throw HttpError(HttpError::Kind::kProtocol,
                        url.to_string() + ": too many redirects (more than " +
                            std::to_string(options.max_redirects) + ")");
      }
      try {
        exchange.url = resolve_url(url, location);
      } catch (const UrlError& error) {
        throw HttpError(HttpError::Kind::kProtocol,
                        url.to_string() + ": redirect to a bad URL: " + error.what());
      }
    }
  }

  [[noreturn]] static void fail_network(const Url& url, const std::string& what,
                                        const error_code& ec) {
    throw HttpError(HttpError::Kind::kNetwork, url.to_string() + ": " + what + ": " + describe(ec));
  }

  [[noreturn]] static void fail_status(const Exchange& exchange) {
    throw HttpError(HttpError::Kind::kStatus,
                    exchange.url.to_string() + ": HTTP " + std::to_string(exchange.status()) + " " +
                        exchange.reason(),
                    exchange.status());
  }

  // Streams the body of an open exchange into on_body.
  void read_body(Exchange& exchange, const BodyCallback& on_body) {
    Parser& parser = *exchange.parser;
    std::vector<char> chunk(kChunkSize);
    std::uint64_t received = 0;
    while (!parser.is_done()) {
      parser.get().body().data = chunk.data();
      parser.get().body().size = chunk.size();
      exchange.connection->tcp().expires_after(options.io_timeout);
      error_code ec = run_op(io, [&](auto handler) {
        return exchange.connection->with_stream([&](auto& stream) {
          http::async_read(stream, exchange.buffer, parser, std::move(handler));
          return error_code();
        });
      });
      if (ec == http::error::need_buffer) ec = {};
      std::size_t got = chunk.size() - parser.get().body().size;
      if (got > 0) on_body(chunk.data(), got);
      received += got;
      if (ec) {
        std::string progress = "connection lost after " + std::to_string(received);
        if (auto length = exchange.content_length()) progress += " of " + std::to_string(*length);
        fail_network(exchange.url, progress + " bytes", ec);
      }
    }
  }
};

HttpClient::HttpClient(HttpClientOptions options)
    : impl_(std::make_unique<Impl>(std::move(options))) {}

HttpClient::~HttpClient() = default;

std::string HttpClient::get_text(const std::string& url, std::size_t max_bytes,
                                 std::string* final_url) {
  Exchange exchange = impl_->open(http::verb::get, url, 0);
  if (exchange.status() / 100 != 2) Impl::fail_status(exchange);
  if (final_url) *final_url = exchange.url.to_string();
  auto too_big = [&] {
    return HttpError(HttpError::Kind::kProtocol, exchange.url.to_string() + ": page larger than " +
                                                     std::to_string(max_bytes) + " bytes");
  };
  if (auto length = exchange.content_length(); length && *length > max_bytes) throw too_big();
  std::string text;
  impl_->read_body(exchange, [&](const char* data, std::size_t size) {
    if (text.size() + size > max_bytes) throw too_big();
    text.append(data, size);
  });
  return text;
}

ResponseInfo HttpClient::head(const std::string& url) {
  Exchange exchange = impl_->open(http::verb::head, url, 0);
  if (exchange.status() / 100 != 2) Impl::fail_status(exchange);
  ResponseInfo info;
  info.status = exchange.status();
  info.final_url = exchange.url.to_string();
  info.content_length = exchange.content_length();
  info.total_size = info.content_length;
  return info;
}

ResponseInfo HttpClient::get(const std::string& url, std::uint64_t offset,
                             const ResponseCallback& on_response, const BodyCallback& on_body) {
  Exchange exchange = impl_->open(http::verb::get, url, offset);
  ResponseInfo info;
  info.status = exchange.status();
  info.final_url = exchange.url.to_string();
  info.content_length = exchange.content_length();
  std::optional<std::uint64_t> first;
  parse_content_range(exchange.header(http::field::content_range), first, info.total_size);
  if (info.status == 200) {
    info.total_size = info.content_length;
  } else if (info.status == 206) {
    if (!first || *first != offset) {
      throw HttpError(HttpError::Kind::kProtocol,
                      info.final_url + ": asked for bytes from " + std::to_string(offset) +
                          ", got Content-Range '" + exchange.header(http::field::content_range) +
                          "'");
    }
    info.range_start = *first;
  } else if (info.status == 416) {
    on_response(info);
    return info;
  } else {
    Impl::fail_status(exchange);
  }
  on_response(info);
  impl_->read_body(exchange, on_body);
  return info;
}

}  // namespace dlgo::download
