#include "tests/download/download_support.h"

#include <archive.h>
#include <archive_entry.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "download/archive_index.h"

namespace dlgo::download::testing {
namespace fs = std::filesystem;

ScratchDir::ScratchDir() {
  static std::atomic<int> counter{0};
  path_ = fs::temp_directory_path() /
          ("dlgo-download-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  fs::remove_all(path_);
  fs::create_directories(path_);
}

ScratchDir::~ScratchDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

std::string read_bytes(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

namespace {

void run_openssl(const std::string& arguments, const fs::path& log) {
  std::string command = "openssl " + arguments + " >>'" + log.string() + "' 2>&1";
  if (std::system(command.c_str()) != 0) {
    throw std::runtime_error("test certificate command failed: " + command + "\n" +
                             read_bytes(log));
  }
}

void write_text(const fs::path& path, const std::string& text) {
  std::ofstream file(path);
  file << text;
}

std::string quoted(const fs::path& path) {
  return "'" + path.string() + "'";
}

// A game of a few moves; `seed` varies the moves so that archives do not compress to nothing.
std::string sgf_game(int seed) {
  std::string game =
      "(;GM[1]FF[4]SZ[19]KM[6.5]PB[black" + std::to_string(seed) + "]PW[white]RE[B+R]";
  unsigned state = 12345u + 7919u * static_cast<unsigned>(seed);
  for (int move = 0; move < 200; ++move) {
    state = state * 1103515245u + 12345u;
    char column = static_cast<char>('a' + (state >> 8) % 19);
    char row = static_cast<char>('a' + (state >> 16) % 19);
    game += std::string(";") + (move % 2 ? "W" : "B") + "[" + column + row + "]";
  }
  return game + ")\n";
}

}  // namespace

TestCertificates make_test_certificates(const fs::path& dir) {
  TestCertificates certs;
  certs.ca = dir / "ca.pem";
  fs::path ca_key = dir / "ca.key";
  fs::path log = dir / "openssl.log";
  const std::string ec_key = "-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";
  run_openssl("req -x509 " + ec_key + " -keyout " + quoted(ca_key) + " -out " + quoted(certs.ca) +
                  " -days 2 -subj '/CN=dlgo test CA'" +
                  " -addext 'basicConstraints=critical,CA:TRUE'" +
                  " -addext 'keyUsage=critical,keyCertSign,cRLSign'",
              log);
  auto make_server = [&](const std::string& name, const std::string& alt_names, fs::path& cert,
                         fs::path& key) {
    cert = dir / (name + ".pem");
    key = dir / (name + ".key");
    fs::path request = dir / (name + ".csr");
    fs::path extensions = dir / (name + ".ext");
    write_text(extensions,
               "basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n"
               "subjectAltName=" +
                   alt_names + "\n");
    run_openssl("req -new " + ec_key + " -keyout " + quoted(key) + " -out " + quoted(request) +
                    " -subj '/CN=" + name + "'",
                log);
    run_openssl("x509 -req -in " + quoted(request) + " -CA " + quoted(certs.ca) + " -CAkey " +
                    quoted(ca_key) + " -CAcreateserial -days 2 -out " + quoted(cert) +
                    " -extfile " + quoted(extensions),
                log);
  };
  make_server("localhost", "IP:127.0.0.1,DNS:localhost", certs.server_cert, certs.server_key);
  make_server("other-host", "IP:127.0.0.2", certs.other_host_cert, certs.other_host_key);
  return certs;
}

void write_sgf_archive(const fs::path& path, int games) {
  archive* writer = archive_write_new();
  archive_write_add_filter_gzip(writer);
  archive_write_set_format_pax_restricted(writer);
  if (archive_write_open_filename(writer, path.c_str()) != ARCHIVE_OK) {
    std::string reason = archive_error_string(writer);
    archive_write_free(writer);
    throw std::runtime_error("cannot write " + path.string() + ": " + reason);
  }
  std::string folder = path.filename().string();
  folder = folder.substr(0, folder.find(".tar.gz"));
  for (int game = 0; game < games; ++game) {
    std::string text = sgf_game(game + 1000 * games);
    archive_entry* entry = archive_entry_new();
    archive_entry_set_pathname(entry, (folder + "/game" + std::to_string(game) + ".sgf").c_str());
    archive_entry_set_size(entry, static_cast<la_int64_t>(text.size()));
    archive_entry_set_filetype(entry, AE_IFREG);
    archive_entry_set_perm(entry, 0644);
    archive_write_header(writer, entry);
    archive_write_data(writer, text.data(), text.size());
    archive_entry_free(entry);
  }
  archive_write_close(writer);
  archive_write_free(writer);
}

std::vector<SourceArchive> source_archives(const fs::path& scratch, ArchiveOrigin origin) {
  std::vector<SourceArchive> archives;
  auto add = [&](const fs::path& file) {
    ArchiveEntry entry = describe_archive(file.filename().string(), "");
    archives.push_back({file, entry.name, entry.year, entry.game_count});
  };
#ifdef DLGO_KGS_DATA_DIR
  const fs::path shared(DLGO_KGS_DATA_DIR);
  if (origin == ArchiveOrigin::kSharedWhenPresent && fs::is_directory(shared)) {
    std::vector<fs::path> files;
    for (const auto& item : fs::directory_iterator(shared)) {
      std::string name = item.path().filename().string();
      if (describe_archive(name, "").game_count > 0) files.push_back(item.path());
    }
    std::sort(files.begin(), files.end(), [](const fs::path& a, const fs::path& b) {
      return fs::file_size(a) < fs::file_size(b);
    });
    if (files.size() >= 3) {
      files.resize(3);
      std::sort(files.begin(), files.end());
      for (const fs::path& file : files) add(file);
      return archives;
    }
  }
#endif
  const std::pair<const char*, int> kBuilt[] = {{"KGS-2016_01-19-40-.tar.gz", 40},
                                                {"KGS-2016_02-19-30-.tar.gz", 30},
                                                {"KGS-2017_01-19-50-.tar.gz", 50}};
  for (const auto& [name, games] : kBuilt) {
    fs::path file = scratch / name;
    write_sgf_archive(file, games);
    add(file);
  }
  return archives;
}

}  // namespace dlgo::download::testing
