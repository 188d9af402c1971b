#include "server/static_files.h"

#include <sys/stat.h>

#include <cstdio>
#include <fstream>
#include <sstream>

namespace dlgo::server {

namespace fs = std::filesystem;

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

[[noreturn]] void refuse(http::status status, const std::string& message) {
  throw HttpError(status, message);
}

// Splits on '/' and refuses the segments that could leave the folder or reach hidden files.
void check_segments(const std::string& path) {
  if (path.find('\\') != std::string::npos || path.find('\0') != std::string::npos) {
    refuse(http::status::bad_request, "static file paths may not contain '\\' or NUL");
  }
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    std::string_view segment(path.data() + start, end - start);
    if (segment == "." || segment == "..") {
      refuse(http::status::bad_request,
             "path segment '" + std::string(segment) + "' is not allowed in a static file path");
    }
    if (!segment.empty() && segment.front() == '.') {
      refuse(http::status::not_found, "no static file '" + path + "'");
    }
    start = end + 1;
  }
}

std::string etag_for(const struct stat& info) {
  char text[64];
  std::snprintf(text, sizeof text, "\"%llx-%llx\"", static_cast<unsigned long long>(info.st_size),
                static_cast<unsigned long long>(info.st_mtim.tv_sec) * 1000000000ull +
                    static_cast<unsigned long long>(info.st_mtim.tv_nsec));
  return text;
}

// True when an If-None-Match list names `etag` (weak comparison, as for GET) or is "*".
bool etag_matches(std::string_view header, const std::string& etag) {
  std::string_view bare(etag);
  size_t start = 0;
  while (start < header.size()) {
    size_t end = header.find(',', start);
    if (end == std::string_view::npos) end = header.size();
    std::string_view item = header.substr(start, end - start);
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
    if (item.substr(0, 2) == "W/") item.remove_prefix(2);
    if (item == "*" || item == bare) return true;
    start = end + 1;
  }
  return false;
}

}  // namespace

std::string percent_decode_path(std::string_view path) {
  std::string decoded;
  decoded.reserve(path.size());
  for (size_t i = 0; i < path.size(); ++i) {
    if (path[i] != '%') {
      decoded += path[i];
      continue;
    }
    int high = i + 2 < path.size() ? hex_value(path[i + 1]) : -1;
    int low = i + 2 < path.size() ? hex_value(path[i + 2]) : -1;
    if (high < 0 || low < 0) {
      throw HttpError(http::status::bad_request, "bad percent-escape in the path");
    }
    decoded += static_cast<char>(high * 16 + low);
    i += 2;
  }
  return decoded;
}

std::string_view content_type_for(std::string_view file_name) {
  size_t dot = file_name.rfind('.');
  std::string_view ext = dot == std::string_view::npos ? "" : file_name.substr(dot + 1);
  if (ext == "html" || ext == "htm") return "text/html; charset=utf-8";
  if (ext == "css") return "text/css; charset=utf-8";
  if (ext == "js" || ext == "mjs") return "text/javascript; charset=utf-8";
  if (ext == "json" || ext == "map") return "application/json";
  if (ext == "svg") return "image/svg+xml";
  if (ext == "png") return "image/png";
  if (ext == "jpg" || ext == "jpeg") return "image/jpeg";
  if (ext == "ico") return "image/x-icon";
  if (ext == "txt" || ext == "md") return "text/plain; charset=utf-8";
  if (ext == "sgf") return "application/x-go-sgf";
  if (ext == "woff2") return "font/woff2";
  return "application/octet-stream";
}

StaticFiles::StaticFiles(const fs::path& root) {
  std::error_code error;
  root_ = fs::canonical(root, error);
  if (error || !fs::is_directory(root_, error)) {
    throw std::runtime_error("static folder '" + root.string() + "' is not a readable directory");
  }
  root_prefix_ = root_.string() + "/";
}

Response StaticFiles::serve(std::string_view relative_path, const Request& request) const {
  std::string path = percent_decode_path(relative_path);
  check_segments(path);
  // An empty segment anywhere (a leading, doubled or trailing '/') names no file here.
  if (path.empty() || path.front() == '/' || path.back() == '/' ||
      path.find("//") != std::string::npos) {
    refuse(http::status::not_found, "no static file '" + path + "'");
  }

  std::error_code error;
  fs::path resolved = fs::canonical(root_ / path, error);
  if (error) refuse(http::status::not_found, "no static file '" + path + "'");
  if (resolved.string().compare(0, root_prefix_.size(), root_prefix_) != 0) {
    refuse(http::status::not_found, "no static file '" + path + "'");
  }
  struct stat info {};
  if (::stat(resolved.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) {
    refuse(http::status::not_found, "no static file '" + path + "'");
  }

  std::string etag = etag_for(info);
  std::string last_modified = format_http_date(info.st_mtim.tv_sec);
  bool not_modified = false;
  auto if_none_match = request.find(http::field::if_none_match);
  if (if_none_match != request.end()) {
    not_modified = etag_matches(if_none_match->value(), etag);
  } else if (auto since = request.find(http::field::if_modified_since); since != request.end()) {
    std::optional<std::time_t> time = parse_http_date(since->value());
    not_modified = time && info.st_mtim.tv_sec <= *time;
  }

  Response response;
  if (not_modified) {
    response = Response{http::status::not_modified, request.version()};
    response.set(http::field::server, kServerName);
    response.set(http::field::date, current_http_date());
  } else {
    std::ifstream file(resolved, std::ios::binary);
    std::ostringstream content;
    content << file.rdbuf();
    if (!file) refuse(http::status::not_found, "static file '" + path + "' cannot be read");
    response = make_response(http::status::ok, std::move(content).str(),
                             content_type_for(resolved.filename().string()), request.version());
  }
  response.set(http::field::etag, etag);
  response.set(http::field::last_modified, last_modified);
  // Revalidate every time (a cheap 304): pages change when the server is updated.
  response.set(http::field::cache_control, "no-cache");
  return response;
}

}  // namespace dlgo::server
