// URLs as the downloader needs them: http and https only, split into the parts a request
// needs, and relative links resolved against the page they were found on (RFC 3986 section
// 5.2, without the parts an index page never uses).
//
// Contract: value types and pure functions; safe to use from any thread.
#pragma once

#include <stdexcept>
#include <string>

namespace dlgo::download {

// A malformed or unsupported URL; the message quotes the URL.
class UrlError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Url {
  std::string scheme;  // "http" or "https", lower case
  std::string host;    // lower case; an IPv6 literal without its brackets
  int port = 0;        // explicit port, or the scheme's default
  std::string target;  // path plus query, never empty ("/" at least); no fragment

  bool is_https() const { return scheme == "https"; }
  bool has_default_port() const { return port == (is_https() ? 443 : 80); }
  // The Host header value: host, bracketed when IPv6, with ":port" unless default.
  std::string host_header() const;
  // Back to text: scheme://host[:port]target.
  std::string to_string() const;
};

// Parses an absolute http(s) URL. Throws UrlError naming the URL and what is wrong.
Url parse_url(const std::string& text);

// Resolves a link (absolute, scheme-relative "//host/x", absolute-path "/x" or relative
// "x", "../x", "?q") against the URL of the page it appeared on. Fragments are dropped.
// Throws UrlError when the result is not an http(s) URL.
Url resolve_url(const Url& base, const std::string& reference);

// The last path segment of the URL's path, without query ("" when the path ends in "/").
std::string file_name_of(const Url& url);

}  // namespace dlgo::download
