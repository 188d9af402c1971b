// Fixtures for the download tests: a scratch folder removed afterwards, test certificates
// made with the openssl command, small .tar.gz archives of SGF games written with libarchive,
// and the archives the loopback server offers (small real KGS archives when the shared data
// folder is present, otherwise ones built here).
//
// Contract: plain functions and RAII types for one test at a time.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace dlgo::download::testing {

// A fresh empty folder under the system temp folder, removed with everything in it.
class ScratchDir {
 public:
  ScratchDir();
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

struct TestCertificates {
  std::filesystem::path ca;           // self-signed CA certificate (PEM)
  std::filesystem::path server_cert;  // for 127.0.0.1 and localhost, signed by the CA
  std::filesystem::path server_key;
  std::filesystem::path other_host_cert;  // signed by the CA, but for 127.0.0.2 only
  std::filesystem::path other_host_key;
};

// Runs `openssl` to make the certificates in `dir`; throws std::runtime_error with the
// command's output when it fails.
TestCertificates make_test_certificates(const std::filesystem::path& dir);

// Writes a gzip-compressed tar archive holding `games` small SGF files.
void write_sgf_archive(const std::filesystem::path& path, int games);

struct SourceArchive {
  std::filesystem::path file;
  std::string name;  // KGS-YEAR[_MONTH]-19-GAMES-.tar.gz
  int year = 0;
  long long games = 0;
};

enum class ArchiveOrigin { kSharedWhenPresent, kBuilt };

// Three archives to serve, sorted by name: the first two of one year, the third of another.
// The three smallest KGS archives of the shared data folder when it exists (and `origin`
// allows), otherwise three archives of SGF games built in `scratch`, named the KGS way.
std::vector<SourceArchive> source_archives(
    const std::filesystem::path& scratch, ArchiveOrigin origin = ArchiveOrigin::kSharedWhenPresent);

std::string read_bytes(const std::filesystem::path& path);

}  // namespace dlgo::download::testing
