// A small HTTP/1.1 server on 127.0.0.1 (an ephemeral port), plain or TLS, for testing the
// downloader over real sockets. It serves registered files and in-memory pages with GET,
// HEAD and single byte ranges ("bytes=A-", "bytes=A-B", "bytes=-N"), answers 404 for
// anything else, and can misbehave on purpose: drop the connection after N body bytes,
// answer an error status a few times, ignore Range headers, redirect.
//
// Contract: the server runs on its own threads from construction to destruction; every
// method is thread-safe. Each connection carries one request and is closed after it.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace dlgo::download::testing {

class LoopbackServer {
 public:
  struct TlsFiles {
    std::filesystem::path certificate_chain;  // PEM: server certificate (then any chain)
    std::filesystem::path private_key;        // PEM
  };
  struct Request {
    std::string method;
    std::string target;
    std::string range;  // the Range header, "" when absent
  };

  explicit LoopbackServer(std::optional<TlsFiles> tls = std::nullopt);
  ~LoopbackServer();
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;

  int port() const { return port_; }
  // "http://127.0.0.1:PORT" or "https://...", with `host` in place of 127.0.0.1 if given.
  std::string base_url(const std::string& host = "127.0.0.1") const;

  void add_file(const std::string& path, const std::filesystem::path& file);
  void add_page(const std::string& path, std::string body, std::string content_type = "text/html");
  void add_redirect(const std::string& path, const std::string& location, int status = 302);
  // The next `times` GETs of `path` send the headers and `bytes` bytes of the body, then
  // go silent for `hold` (a stalled server; cut short when the server stops) and drop the
  // connection.
  void cut_after(const std::string& path, std::size_t bytes, int times = 1,
                 std::chrono::milliseconds hold = std::chrono::milliseconds(0));
  // The next `times` requests of `path` are answered with `status` and a short body.
  void fail_with(const std::string& path, int status, int times = 1);
  void set_ignore_range(bool ignore);

  std::vector<Request> requests() const;
  std::vector<Request> requests_for(const std::string& path) const;

 private:
  struct Route {
    std::optional<std::filesystem::path> file;
    std::string body;
    std::string content_type = "application/octet-stream";
    std::string redirect_to;
    int redirect_status = 0;
  };
  struct Fault {
    std::size_t cut_after = 0;
    int cuts_left = 0;
    std::chrono::milliseconds hold{0};
    int status = 0;
    int statuses_left = 0;
  };
  struct Impl;  // sockets and threads; nested, so it reads the routes below

  std::unique_ptr<Impl> impl_;
  int port_ = 0;
  mutable std::mutex mutex_;
  std::map<std::string, Route> routes_;
  std::map<std::string, Fault> faults_;
  std::vector<Request> requests_;
  bool ignore_range_ = false;
};

}  // namespace dlgo::download::testing
