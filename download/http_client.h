// A small blocking HTTP/1.1 client over plain TCP or TLS (Boost.Beast + OpenSSL): GET and
// HEAD, a Range start for resuming, bounded redirects, and timeouts on every network step.
// TLS always verifies the server: the certificate chain against the system CA store (or the
// given CA file), and the certificate's names against the URL's host (DNS name or IP
// address); SNI is sent for host names.
//
// Contract: an HttpClient owns its own I/O context and TLS context and is NOT thread-safe;
// give each thread its own. Each request uses a fresh connection ("Connection: close"), so
// a failed request leaves nothing behind. Failures throw HttpError.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

namespace dlgo::download {

class HttpError : public std::runtime_error {
 public:
  enum class Kind {
    kNetwork,   // resolve, connect, timeout, connection lost: worth retrying
    kTls,       // handshake or certificate verification failed: retrying will not help
    kStatus,    // the server answered with an error status
    kProtocol,  // a malformed or unexpected answer, too many redirects
  };
  HttpError(Kind kind, const std::string& message, int status = 0)
      : std::runtime_error(message), kind_(kind), status_(status) {}
  Kind kind() const { return kind_; }
  int status() const { return status_; }  // the HTTP status for kStatus, else 0
  // Network failures, 5xx, 408 and 429 may go away when tried again later.
  bool retryable() const {
    return kind_ == Kind::kNetwork ||
           (kind_ == Kind::kStatus && (status_ >= 500 || status_ == 408 || status_ == 429));
  }

 private:
  Kind kind_;
  int status_;
};

struct HttpClientOptions {
  std::string ca_file;  // PEM file of trusted CAs; empty: the system store
  std::chrono::milliseconds connect_timeout{15000};
  std::chrono::milliseconds io_timeout{30000};  // for each read or write step
  int max_redirects = 5;
  std::string user_agent = "dlgo-data";
};

// What the final (post-redirect) response said about its body.
struct ResponseInfo {
  int status = 0;
  std::string final_url;
  std::optional<std::uint64_t> content_length;  // bytes in this response's body
  std::uint64_t range_start = 0;                // first byte of the body (206 only)
  std::optional<std::uint64_t> total_size;      // size of the whole resource, when known
};

class HttpClient {
 public:
  // Throws std::runtime_error when the CA file cannot be loaded.
  explicit HttpClient(HttpClientOptions options);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // GET a page into memory; any status but 2xx is an HttpError, and so is a body over
  // max_bytes. final_url, when given, receives the URL after redirects (the base for the
  // page's relative links).
  std::string get_text(const std::string& url, std::size_t max_bytes,
                       std::string* final_url = nullptr);

  // HEAD: status (2xx only, else HttpError) and the resource's size when the server says.
  ResponseInfo head(const std::string& url);

  using ResponseCallback = std::function<void(const ResponseInfo&)>;
  using BodyCallback = std::function<void(const char* data, std::size_t size)>;

  // GET from byte `offset` on (a Range request when offset > 0). on_response runs once the
  // final headers are in: status 200 (whole resource: the server may ignore Range), 206
  // (from range_start == offset) or 416 (offset is at or past the end; total_size tells the
  // size when the server says; no body follows). on_body then receives the body in pieces.
  // A connection lost mid-body is an HttpError of kind kNetwork, after the pieces received.
  ResponseInfo get(const std::string& url, std::uint64_t offset,
                   const ResponseCallback& on_response, const BodyCallback& on_body);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace dlgo::download
