// Serving the files under one folder (web/) at /static/: safe path resolution, content types
// and HTTP caching (ETag, Last-Modified, Cache-Control: no-cache, conditional GET).
//
// Contract: a StaticFiles object is immutable after construction; serve() is safe from any
// thread. It never returns a file outside the root: the path is percent-decoded first and
// then refused when any segment is "." or "..", hidden (".git"), or holds '\\' or NUL; the
// resolved file's canonical path must still lie under the root's (a symlink cannot lead out).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "server/http_response.h"

namespace dlgo::server {

// Percent-decodes a URL path; throws HttpError(400) for a bad escape.
std::string percent_decode_path(std::string_view path);

// The Content-Type for a file name's extension; application/octet-stream when unknown.
std::string_view content_type_for(std::string_view file_name);

class StaticFiles {
 public:
  // Throws std::runtime_error when `root` is not a readable directory.
  explicit StaticFiles(const std::filesystem::path& root);

  const std::filesystem::path& root() const { return root_; }

  // The response for a GET or HEAD of `relative_path` (still percent-encoded, no query):
  // 200 with the file, 304 when the request's validators match, or throws HttpError (400 for a
  // refused path, 404 for a missing file or a directory).
  Response serve(std::string_view relative_path, const Request& request) const;

 private:
  std::filesystem::path root_;  // canonical
  std::string root_prefix_;     // canonical root + '/'
};

}  // namespace dlgo::server
