#include "download/url.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace dlgo::download {
namespace {

std::string to_lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

[[noreturn]] void fail(const std::string& url, const std::string& reason) {
  throw UrlError("bad URL '" + url + "': " + reason);
}

// A reference starts with a scheme when letters/digits/+-. run up to a ':' that comes before
// any '/', '?' or '#'.
bool has_scheme(const std::string& reference) {
  for (std::size_t i = 0; i < reference.size(); ++i) {
    char c = reference[i];
    if (c == ':') return i > 0;
    bool scheme_char = std::isalpha(static_cast<unsigned char>(c)) ||
                       (i > 0 && (std::isdigit(static_cast<unsigned char>(c)) || c == '+' ||
                                  c == '-' || c == '.'));
    if (!scheme_char) return false;
  }
  return false;
}

// Removes "." and ".." segments from an absolute path (RFC 3986 section 5.2.4).
std::string remove_dot_segments(const std::string& path) {
  std::vector<std::string> kept;
  std::size_t start = 1;  // path[0] == '/'
  bool trailing_slash = false;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    std::string segment = path.substr(start, end - start);
    bool last = end == path.size();
    if (segment == ".") {
      trailing_slash = last;
    } else if (segment == "..") {
      if (!kept.empty()) kept.pop_back();
      trailing_slash = last;
    } else {
      kept.push_back(segment);
      trailing_slash = false;
    }
    start = end + 1;
  }
  std::string result;
  for (const std::string& segment : kept) result += "/" + segment;
  if (trailing_slash || result.empty()) result += "/";
  return result;
}

// Splits "path?query#fragment" into path and "?query" (the fragment is dropped).
void split_reference(const std::string& reference, std::string& path, std::string& query) {
  std::string without_fragment = reference.substr(0, reference.find('#'));
  std::size_t question = without_fragment.find('?');
  path = without_fragment.substr(0, question);
  query = question == std::string::npos ? "" : without_fragment.substr(question);
}

}  // namespace

std::string Url::host_header() const {
  std::string name = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  return has_default_port() ? name : name + ":" + std::to_string(port);
}

std::string Url::to_string() const {
  return scheme + "://" + host_header() + target;
}

Url parse_url(const std::string& text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) {
      fail(text, "contains a space or control character");
    }
  }
  std::size_t scheme_end = text.find("://");
  if (scheme_end == std::string::npos) fail(text, "expected http://... or https://...");
  Url url;
  url.scheme = to_lower(text.substr(0, scheme_end));
  if (url.scheme != "http" && url.scheme != "https") {
    fail(text, "unsupported scheme '" + url.scheme + "' (only http and https)");
  }
  std::size_t authority_start = scheme_end + 3;
  std::size_t authority_end = text.find_first_of("/?#", authority_start);
  if (authority_end == std::string::npos) authority_end = text.size();
  std::string authority = text.substr(authority_start, authority_end - authority_start);
  if (authority.find('@') != std::string::npos) fail(text, "user names in URLs are not supported");

  std::string port_text;
  if (!authority.empty() && authority[0] == '[') {
    std::size_t close = authority.find(']');
    if (close == std::string::npos) fail(text, "unterminated IPv6 address");
    url.host = authority.substr(1, close - 1);
    std::string rest = authority.substr(close + 1);
    if (!rest.empty()) {
      if (rest[0] != ':') fail(text, "unexpected text after the IPv6 address");
      port_text = rest.substr(1);
    }
  } else {
    std::size_t colon = authority.find(':');
    url.host = authority.substr(0, colon);
    if (colon != std::string::npos) port_text = authority.substr(colon + 1);
  }
  url.host = to_lower(url.host);
  if (url.host.empty()) fail(text, "no host name");

  url.port = url.scheme == "https" ? 443 : 80;
  if (!port_text.empty()) {
    if (port_text.size() > 5 || !std::all_of(port_text.begin(), port_text.end(),
                                             [](unsigned char c) { return std::isdigit(c); })) {
      fail(text, "bad port '" + port_text + "'");
    }
    url.port = std::stoi(port_text);
    if (url.port < 1 || url.port > 65535) fail(text, "port out of range");
  }

  std::string path, query;
  split_reference(text.substr(authority_end), path, query);
  if (path.empty()) path = "/";
  url.target = path + query;
  return url;
}

Url resolve_url(const Url& base, const std::string& reference) {
  if (has_scheme(reference)) return parse_url(reference);
  if (reference.rfind("//", 0) == 0) return parse_url(base.scheme + ":" + reference);

  std::string base_path, base_query;
  split_reference(base.target, base_path, base_query);
  std::string path, query;
  split_reference(reference, path, query);

  Url result = base;
  if (path.empty()) {
    // "" keeps the base; "?q" keeps the base path with the new query.
    result.target = base_path + (query.empty() ? base_query : query);
  } else if (path[0] == '/') {
    result.target = remove_dot_segments(path) + query;
  } else {
    std::string directory = base_path.substr(0, base_path.rfind('/') + 1);
    result.target = remove_dot_segments(directory + path) + query;
  }
  for (char c : result.target) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) {
      throw UrlError("bad link '" + reference + "': contains a space or control character");
    }
  }
  return result;
}

std::string file_name_of(const Url& url) {
  std::string path = url.target.substr(0, url.target.find('?'));
  return path.substr(path.rfind('/') + 1);
}

}  // namespace dlgo::download
