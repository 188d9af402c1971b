// End-to-end tests of the downloader against the loopback server, over real sockets on
// 127.0.0.1: plain HTTP and HTTPS, resume, retries, skips, failures and the selection flags.
#include <fstream>
#include <sstream>
#include "tests/catch.h"

#include "download/download_manager.h"
#include "tests/download/download_support.h"
#include "tests/download/loopback_server.h"
#include "tools/data_download_command.h"

using namespace dlgo::download;
using namespace dlgo::download::testing;
namespace fs = std::filesystem;

namespace {

std::string archive_path(const SourceArchive& archive) {
  return "/files/" + archive.name;
}

// Serves the archives and an index page at /gamerecords/ that links them in the three forms
// index pages use (relative, absolute path, full URL), among links that are not archives.
// Returns the index URL.
std::string publish(LoopbackServer& server, const std::vector<SourceArchive>& archives,
                    const std::string& extra_links = "") {
  std::string html = "<html><body><a href=\"/\">Home</a><a href=\"../kombilo\">Kombilo</a>\n";
  for (std::size_t i = 0; i < archives.size(); ++i) {
    server.add_file(archive_path(archives[i]), archives[i].file);
    std::string link = i % 3 == 0   ? "../files/" + archives[i].name
                       : i % 3 == 1 ? archive_path(archives[i])
                                    : server.base_url() + archive_path(archives[i]);
    html += "<tr><td>.zip</td><td><a href=\"../files/" + archives[i].name.substr(0, 22) +
            ".zip\">Download</a></td></tr>\n<tr><td>.tar.gz</td><td><a href=\"" + link +
            "\">Download</a></td></tr>\n";
  }
  html += extra_links + "</body></html>\n";
  server.add_page("/gamerecords/", html);
  return server.base_url() + "/gamerecords/";
}

DownloadOptions options_for(const std::string& index_url, const fs::path& dest) {
  DownloadOptions options;
  options.index_url = index_url;
  options.dest = dest;
  options.workers = 3;
  options.retries = 2;
  options.retry_delay = std::chrono::milliseconds(10);
  options.http.connect_timeout = std::chrono::milliseconds(5000);
  options.http.io_timeout = std::chrono::milliseconds(5000);
  options.progress = ProgressReporter::Style::kLines;
  options.progress_interval = std::chrono::milliseconds(60000);
  return options;
}

const ArchiveResult& result_for(const DownloadReport& report, const SourceArchive& archive) {
  for (const ArchiveResult& result : report.results) {
    if (result.archive.name == archive.name) return result;
  }
  FAIL("no result for " << archive.name);
  throw std::logic_error("unreachable");
}

bool same_bytes(const fs::path& a, const fs::path& b) {
  return read_bytes(a) == read_bytes(b);
}

int count_method(const std::vector<LoopbackServer::Request>& requests, const std::string& method) {
  return static_cast<int>(std::count_if(requests.begin(), requests.end(),
                                        [&](const auto& r) { return r.method == method; }));
}

// The set-up most cases share: a scratch folder, the three archives to serve, a plain-HTTP
// loopback server offering them under an index page, the destination folder and the streams
// a run writes to. Members are destroyed in reverse: the server stops before the folder goes.
class PublishedArchives {
 protected:
  explicit PublishedArchives(ArchiveOrigin origin = ArchiveOrigin::kSharedWhenPresent)
      : archives(source_archives(scratch.path(), origin)), index(publish(server, archives)) {}

  DownloadOptions run_options() const { return options_for(index, dest); }

  ScratchDir scratch;
  std::vector<SourceArchive> archives;
  LoopbackServer server;
  std::string index;
  fs::path dest = scratch.path() / "kgs";
  std::ostringstream out, err;
};

// The same with archives built by the test, never the shared ones.
class BuiltArchivesPublished : public PublishedArchives {
 protected:
  BuiltArchivesPublished() : PublishedArchives(ArchiveOrigin::kBuilt) {}
};

}  // namespace

TEST_CASE_METHOD(PublishedArchives,
                 "downloads every archive over plain HTTP, following a redirect to the index") {
  server.add_redirect("/old/records", "/gamerecords/", 301);

  DownloadReport report = run_download(options_for(server.base_url() + "/old/records", dest), out);

  CHECK(report.index_url == server.base_url() + "/gamerecords/");
  CHECK(report.archives_listed == 3);
  REQUIRE(report.results.size() == 3);
  CHECK(report.count(ArchiveStatus::kDownloaded) == 3);
  long long games = 0;
  for (const SourceArchive& archive : archives) {
    INFO(archive.name);
    CHECK(same_bytes(dest / archive.name, archive.file));
    CHECK_FALSE(fs::exists(dest / (archive.name + ".part")));
    std::vector<LoopbackServer::Request> requests = server.requests_for(archive_path(archive));
    REQUIRE(requests.size() == 1);
    CHECK(requests[0].method == "GET");
    CHECK(requests[0].range.empty());
    games += archive.games;
  }
  CHECK(report.games_complete() == games);
  CHECK(report.bytes_downloaded() == fs::file_size(archives[0].file) +
                                         fs::file_size(archives[1].file) +
                                         fs::file_size(archives[2].file));
  CHECK(out.str().find("summary: 3 downloaded") != std::string::npos);
  CHECK(out.str().find("archive verified") != std::string::npos);
}

TEST_CASE_METHOD(BuiltArchivesPublished,
                 "downloads archives built by the test, whether or not the shared data exists") {
  DownloadOptions options = run_options();
  options.workers = 1;
  server.cut_after(archive_path(archives[0]), fs::file_size(archives[0].file) / 2);

  DownloadReport report = run_download(options, out);

  CHECK(report.count(ArchiveStatus::kDownloaded) == 3);
  CHECK(report.games_complete() == 40 + 30 + 50);
  CHECK(result_for(report, archives[0]).attempts == 2);
  for (const SourceArchive& archive : archives)
    CHECK(same_bytes(dest / archive.name, archive.file));
}

TEST_CASE_METHOD(PublishedArchives,
                 "a second run skips complete archives and replaces one of the wrong size") {
  REQUIRE(run_download(run_options(), out).count(ArchiveStatus::kDownloaded) == 3);

  fs::resize_file(dest / archives[1].name, fs::file_size(archives[1].file) / 2);
  DownloadReport second = run_download(run_options(), out);

  CHECK(result_for(second, archives[0]).status == ArchiveStatus::kAlreadyComplete);
  CHECK(result_for(second, archives[2]).status == ArchiveStatus::kAlreadyComplete);
  CHECK(result_for(second, archives[0]).note == "size matches the server's");
  CHECK(result_for(second, archives[1]).status == ArchiveStatus::kDownloaded);
  CHECK(same_bytes(dest / archives[1].name, archives[1].file));
  // Complete archives cost one HEAD request, not a second GET.
  CHECK(count_method(server.requests_for(archive_path(archives[0])), "GET") == 1);
  CHECK(count_method(server.requests_for(archive_path(archives[0])), "HEAD") == 1);
  CHECK(count_method(server.requests_for(archive_path(archives[1])), "GET") == 2);
  CHECK(out.str().find("summary: 1 downloaded") != std::string::npos);
  CHECK(out.str().find("2 already complete") != std::string::npos);
}

TEST_CASE_METHOD(PublishedArchives,
                 "an interrupted download resumes with a Range request and ends byte-identical") {
  const SourceArchive& victim = archives[1];
  const std::size_t cut = static_cast<std::size_t>(fs::file_size(victim.file) / 3);
  server.cut_after(archive_path(victim), cut);

  SECTION("within one run, by retrying") {
    DownloadReport report = run_download(run_options(), out);
    const ArchiveResult& result = result_for(report, victim);
    CHECK(result.status == ArchiveStatus::kDownloaded);
    CHECK(result.attempts == 2);
    CHECK(result.downloaded == fs::file_size(victim.file));
    CHECK(out.str().find("connection lost after " + std::to_string(cut)) != std::string::npos);
  }
  SECTION("in a later run, from the .part file the failed run left") {
    DownloadOptions no_retries = run_options();
    no_retries.retries = 0;
    CHECK(run_download_command(no_retries, out, err, "dlgo-data") == 1);
    CHECK(err.str().find("dlgo-data: error: 1 of 3 archives failed: " + victim.name) == 0);
    CHECK_FALSE(fs::exists(dest / victim.name));
    REQUIRE(fs::exists(dest / (victim.name + ".part")));
    CHECK(fs::file_size(dest / (victim.name + ".part")) == cut);

    DownloadReport report = run_download(run_options(), out);
    const ArchiveResult& result = result_for(report, victim);
    CHECK(result.status == ArchiveStatus::kDownloaded);
    CHECK(result.resumed_from == cut);
    CHECK(result.downloaded == fs::file_size(victim.file) - cut);
    CHECK(result.note == "resumed at " + format_bytes(cut));
  }
  CHECK(same_bytes(dest / victim.name, victim.file));
  CHECK_FALSE(fs::exists(dest / (victim.name + ".part")));
  std::vector<LoopbackServer::Request> gets = server.requests_for(archive_path(victim));
  gets.erase(
      std::remove_if(gets.begin(), gets.end(), [](const auto& r) { return r.method != "GET"; }),
      gets.end());
  REQUIRE(gets.size() == 2);
  CHECK(gets[0].range.empty());
  CHECK(gets[1].range == "bytes=" + std::to_string(cut) + "-");
}

TEST_CASE_METHOD(PublishedArchives,
                 "a server that stalls mid-body times out, and the download resumes") {
  const SourceArchive& victim = archives[2];
  const std::size_t cut = static_cast<std::size_t>(fs::file_size(victim.file) / 4);
  server.cut_after(archive_path(victim), cut, 1, std::chrono::milliseconds(3000));
  DownloadOptions options = run_options();
  options.http.io_timeout = std::chrono::milliseconds(300);

  auto started = std::chrono::steady_clock::now();
  DownloadReport report = run_download(options, out);
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  CHECK(result_for(report, victim).status == ArchiveStatus::kDownloaded);
  CHECK(result_for(report, victim).attempts == 2);
  CHECK(same_bytes(dest / victim.name, victim.file));
  CHECK(server.requests_for(archive_path(victim)).back().range ==
        "bytes=" + std::to_string(cut) + "-");
  CHECK_THAT(out.str(), Catch::Contains("connection lost after " + std::to_string(cut)) &&
                            Catch::Contains("timed out; retry 1 of 2"));
  CHECK(seconds < 2.5);  // the timeout, not the stalled server, ended the first try
}

TEST_CASE_METHOD(PublishedArchives,
                 "an existing archive is checked locally when the server cannot tell its size") {
  REQUIRE(run_download(run_options(), out).count(ArchiveStatus::kDownloaded) == 3);
  // HEAD fails for two archives (no retries for HEAD: it is only a shortcut); one of them
  // was damaged locally meanwhile.
  server.fail_with(archive_path(archives[0]), 404, 1);
  server.fail_with(archive_path(archives[1]), 503, 1);
  {
    std::fstream file(dest / archives[1].name, std::ios::binary | std::ios::in | std::ios::out);
    file.seekp(1000);
    file << std::string(2000, '\0');
  }

  DownloadReport report = run_download(run_options(), out);

  CHECK(result_for(report, archives[0]).status == ArchiveStatus::kAlreadyComplete);
  CHECK_THAT(result_for(report, archives[0]).note,
             Catch::StartsWith("reads back as an archive (size check failed:") &&
                 Catch::Contains("HTTP 404"));
  CHECK(result_for(report, archives[1]).status == ArchiveStatus::kDownloaded);
  CHECK(same_bytes(dest / archives[1].name, archives[1].file));
  CHECK(out.str().find(archives[1].name + ": existing file is not a readable archive") !=
        std::string::npos);
  CHECK(result_for(report, archives[2]).status == ArchiveStatus::kAlreadyComplete);
}

TEST_CASE_METHOD(
    PublishedArchives,
    "a partial file is restarted when the server ignores Range or the parts disagree") {
  fs::create_directories(dest);
  const SourceArchive& victim = archives[0];
  const std::size_t kept = 5000;
  fs::path part = dest / (victim.name + ".part");

  SECTION("the server answers 200 to the Range request") {
    {
      std::ofstream file(part, std::ios::binary);
      file << read_bytes(victim.file).substr(0, kept);
    }
    server.set_ignore_range(true);
    DownloadReport report = run_download(run_options(), out);
    CHECK(result_for(report, victim).status == ArchiveStatus::kDownloaded);
    CHECK(result_for(report, victim).resumed_from == 0);
    CHECK(result_for(report, victim).downloaded == fs::file_size(victim.file));
    CHECK(out.str().find("ignored the Range request") != std::string::npos);
    CHECK(server.requests_for(archive_path(victim)).at(0).range == "bytes=5000-");
  }
  SECTION("the partial file holds other bytes than the server's copy") {
    {
      std::ofstream file(part, std::ios::binary);
      file << std::string(kept, 'x');
    }
    DownloadReport report = run_download(run_options(), out);
    CHECK(result_for(report, victim).status == ArchiveStatus::kDownloaded);
    CHECK(result_for(report, victim).attempts == 2);
    CHECK(out.str().find("corrupt after resuming") != std::string::npos);
  }
  CHECK(same_bytes(dest / victim.name, victim.file));
  CHECK_FALSE(fs::exists(part));
}

TEST_CASE_METHOD(PublishedArchives,
                 "a .part file already whole, or longer than the server's file, gets answer 416") {
  fs::create_directories(dest);
  const SourceArchive& victim = archives[1];
  const std::string bytes = read_bytes(victim.file);
  fs::path part = dest / (victim.name + ".part");

  SECTION("whole: checked and renamed without fetching a byte") {
    std::ofstream(part, std::ios::binary) << bytes;
    DownloadReport report = run_download(run_options(), out);
    CHECK(result_for(report, victim).status == ArchiveStatus::kDownloaded);
    CHECK(result_for(report, victim).downloaded == 0);
    std::vector<LoopbackServer::Request> requests = server.requests_for(archive_path(victim));
    REQUIRE(requests.size() == 1);
    CHECK(requests[0].range == "bytes=" + std::to_string(bytes.size()) + "-");
  }
  SECTION("longer: started again from byte 0") {
    std::ofstream(part, std::ios::binary) << bytes << "trailing junk";
    DownloadReport report = run_download(run_options(), out);
    CHECK(result_for(report, victim).status == ArchiveStatus::kDownloaded);
    CHECK(result_for(report, victim).downloaded == bytes.size());
    CHECK(out.str().find("the server cannot resume at byte " + std::to_string(bytes.size() + 13)) !=
          std::string::npos);
    std::vector<LoopbackServer::Request> requests = server.requests_for(archive_path(victim));
    REQUIRE(requests.size() == 2);
    CHECK(requests[0].range == "bytes=" + std::to_string(bytes.size() + 13) + "-");
    CHECK(requests[1].range.empty());
  }
  CHECK(same_bytes(dest / victim.name, victim.file));
  CHECK_FALSE(fs::exists(part));
}

TEST_CASE_METHOD(PublishedArchives, "5xx answers are retried with backoff, up to --retries") {
  DownloadOptions options = run_options();

  SECTION("two failures, two retries: success") {
    server.fail_with(archive_path(archives[2]), 503, 2);
    DownloadReport report = run_download(options, out);
    CHECK(result_for(report, archives[2]).status == ArchiveStatus::kDownloaded);
    CHECK(result_for(report, archives[2]).attempts == 3);
    CHECK(same_bytes(dest / archives[2].name, archives[2].file));
    CHECK(out.str().find("HTTP 503 Service Unavailable; retry 2 of 2") != std::string::npos);
  }
  SECTION("more failures than retries: the archive fails") {
    server.fail_with(archive_path(archives[2]), 500, 10);
    options.retries = 1;
    DownloadReport report = run_download(options, out);
    CHECK(result_for(report, archives[2]).status == ArchiveStatus::kFailed);
    CHECK(result_for(report, archives[2]).error.find("HTTP 500") != std::string::npos);
    CHECK(server.requests_for(archive_path(archives[2])).size() == 2);
    CHECK(report.count(ArchiveStatus::kDownloaded) == 2);
  }
  SECTION("the index page too") {
    server.fail_with("/gamerecords/", 502, 1);
    CHECK(run_download(options, out).count(ArchiveStatus::kDownloaded) == 3);
  }
}

TEST_CASE_METHOD(PublishedArchives,
                 "a missing archive (404) fails alone, without retries, and the exit code is 1") {
  // The index page again, now also linking an archive the server does not have.
  const std::string missing = "KGS-2016_05-19-12-.tar.gz";
  index = publish(server, archives, "<a href=\"/files/" + missing + "\">gone</a>");

  int code = run_download_command(run_options(), out, err, "dlgo-data");

  CHECK(code == 1);
  CHECK(err.str() == "dlgo-data: error: 1 of 4 archives failed: " + missing + ": " +
                         server.base_url() + "/files/" + missing + ": HTTP 404 Not Found\n");
  CHECK(server.requests_for("/files/" + missing).size() == 1);
  CHECK_FALSE(fs::exists(dest / missing));
  CHECK_FALSE(fs::exists(dest / (missing + ".part")));
  for (const SourceArchive& archive : archives)
    CHECK(same_bytes(dest / archive.name, archive.file));
  CHECK(out.str().find("failed: " + missing) != std::string::npos);
}

TEST_CASE("index problems stop the run with one clear message") {
  ScratchDir scratch;
  fs::path dest = scratch.path() / "kgs";
  std::ostringstream out, err;
  int closed_port = 0;
  { closed_port = LoopbackServer().port(); }
  LoopbackServer server;
  server.add_page("/empty/", "<html><a href=\"x.zip\">zip only</a></html>");

  auto error_for = [&](const std::string& index_url) {
    DownloadOptions options = options_for(index_url, dest);
    options.retries = 0;
    err.str("");
    CHECK(run_download_command(options, out, err, "dlgo-data") == 1);
    return err.str();
  };
  CHECK_THAT(error_for("http://127.0.0.1:" + std::to_string(closed_port) + "/"),
             Catch::StartsWith("dlgo-data: error: cannot read the index page http://127.0.0.1:") &&
                 Catch::Contains("refused"));
  CHECK_THAT(error_for(server.base_url() + "/nothing-here/"),
             Catch::Contains("HTTP 404 Not Found"));
  CHECK_THAT(error_for(server.base_url() + "/empty/"),
             Catch::Contains("no .tar.gz archives are linked from the index page"));
  CHECK_THAT(error_for("ftp://example.com/"),
             Catch::Contains("--index-url: bad URL 'ftp://example.com/': unsupported scheme"));
}

TEST_CASE("a corrupt archive is detected, removed and reported") {
  ScratchDir scratch;
  std::vector<SourceArchive> archives = source_archives(scratch.path());
  std::string good = read_bytes(archives[0].file);
  SourceArchive truncated{scratch.path() / "KGS-2016_07-19-7-.tar.gz", "KGS-2016_07-19-7-.tar.gz",
                          2016, 7};
  SourceArchive garbage{scratch.path() / "KGS-2016_08-19-8-.tar.gz", "KGS-2016_08-19-8-.tar.gz",
                        2016, 8};
  std::ofstream(truncated.file, std::ios::binary) << good.substr(0, good.size() / 2);
  std::ofstream(garbage.file, std::ios::binary) << "<html>Service temporarily moved</html>";
  archives.push_back(truncated);
  archives.push_back(garbage);
  LoopbackServer server;
  std::string index = publish(server, archives);
  fs::path dest = scratch.path() / "kgs";
  std::ostringstream out;

  DownloadReport report = run_download(options_for(index, dest), out);

  CHECK(report.count(ArchiveStatus::kDownloaded) == 3);
  for (const SourceArchive* bad : {&truncated, &garbage}) {
    INFO(bad->name);
    const ArchiveResult& result = result_for(report, *bad);
    CHECK(result.status == ArchiveStatus::kFailed);
    CHECK_THAT(result.error,
               Catch::StartsWith("corrupt archive (") && Catch::EndsWith("), download removed"));
    CHECK_FALSE(fs::exists(dest / bad->name));
    CHECK_FALSE(fs::exists(dest / (bad->name + ".part")));
  }
}

TEST_CASE_METHOD(PublishedArchives,
                 "selection by --years and --max-games decides which archives are fetched") {
  REQUIRE(archives[0].year == archives[1].year);
  REQUIRE(archives[2].year != archives[0].year);
  DownloadOptions options = run_options();
  auto fetched = [&] {
    std::vector<bool> present;
    for (const SourceArchive& archive : archives)
      present.push_back(fs::exists(dest / archive.name));
    return present;
  };

  SECTION("one year") {
    options.selection.years = YearRange{archives[2].year, archives[2].year};
    CHECK(run_download(options, out).results.size() == 1);
    CHECK(fetched() == std::vector<bool>{false, false, true});
    CHECK(server.requests_for(archive_path(archives[0])).empty());
  }
  SECTION("games of the first archive") {
    options.selection.max_games = archives[0].games;
    CHECK(run_download(options, out).results.size() == 1);
    CHECK(fetched() == std::vector<bool>{true, false, false});
  }
  SECTION("one game more than the first archive holds") {
    options.selection.max_games = archives[0].games + 1;
    CHECK(run_download(options, out).results.size() == 2);
    CHECK(fetched() == std::vector<bool>{true, true, false});
  }
  SECTION("a year with no archives") {
    options.selection.years = YearRange{1990, 1991};
    CHECK_THROWS_WITH(run_download(options, out),
                      Catch::StartsWith("no archive on the index page matches --years 1990-1991"));
  }
}

TEST_CASE_METHOD(PublishedArchives, "the download subcommand parses its flags and runs") {
  CLI::App app{"test", "dlgo-data"};
  register_download_command(app);
  SECTION("bad flag values are usage errors") {
    CHECK_THROWS_AS(app.parse("download --years 2016-2015", false), CLI::ValidationError);
    CHECK_THROWS_AS(app.parse("download --workers 0", false), CLI::ValidationError);
    CHECK_THROWS_AS(app.parse("download --progress loud", false), CLI::ValidationError);
  }
  SECTION("a run with --years") {
    app.parse("download --index-url " + index + " --dest " + dest.string() + " --years " +
                  std::to_string(archives[0].year) + " --workers 2 --retries 1 --progress none",
              false);
    CHECK(fs::exists(dest / archives[0].name));
    CHECK(fs::exists(dest / archives[1].name));
    CHECK_FALSE(fs::exists(dest / archives[2].name));
  }
}

TEST_CASE("HTTPS: verified downloads with --ca-file, refused connections without trust") {
  ScratchDir scratch;
  TestCertificates certs = make_test_certificates(scratch.path());
  std::vector<SourceArchive> archives = source_archives(scratch.path());
  fs::path dest = scratch.path() / "kgs";
  std::ostringstream out, err;

  SECTION("the test CA, by IP address and by host name, with an interrupted download") {
    LoopbackServer server(LoopbackServer::TlsFiles{certs.server_cert, certs.server_key});
    std::string index = publish(server, archives);
    const std::size_t cut = static_cast<std::size_t>(fs::file_size(archives[2].file) / 5);
    server.cut_after(archive_path(archives[2]), cut);
    DownloadOptions options = options_for(index, dest);
    options.http.ca_file = certs.ca.string();
    DownloadReport report = run_download(options, out);
    CHECK(report.count(ArchiveStatus::kDownloaded) == 3);
    CHECK(result_for(report, archives[2]).attempts == 2);
    for (const SourceArchive& archive : archives)
      CHECK(same_bytes(dest / archive.name, archive.file));
    CHECK(server.requests_for(archive_path(archives[2])).back().range ==
          "bytes=" + std::to_string(cut) + "-");

    options.index_url = server.base_url("localhost") + "/gamerecords/";
    CHECK(run_download(options, out).count(ArchiveStatus::kAlreadyComplete) == 3);
  }
  SECTION("without the CA file the system store does not trust the server") {
    LoopbackServer server(LoopbackServer::TlsFiles{certs.server_cert, certs.server_key});
    DownloadOptions options = options_for(publish(server, archives), dest);
    CHECK(run_download_command(options, out, err, "dlgo-data") == 1);
    CHECK_THAT(err.str(), Catch::Contains("cannot read the index page") &&
                              Catch::Contains("certificate verify failed"));
    CHECK(server.requests().empty());
  }
  SECTION("a certificate for another host is refused even from the trusted CA") {
    LoopbackServer server(LoopbackServer::TlsFiles{certs.other_host_cert, certs.other_host_key});
    DownloadOptions options = options_for(publish(server, archives), dest);
    options.http.ca_file = certs.ca.string();
    CHECK(run_download_command(options, out, err, "dlgo-data") == 1);
    CHECK_THAT(err.str(), Catch::Contains("TLS handshake with 127.0.0.1:") &&
                              Catch::Contains("IP address mismatch"));
    CHECK(server.requests().empty());
  }
  SECTION("an unreadable CA file is named") {
    DownloadOptions options = options_for("https://127.0.0.1:1/", dest);
    options.http.ca_file = (scratch.path() / "no-such-ca.pem").string();
    CHECK(run_download_command(options, out, err, "dlgo-data") == 1);
    CHECK_THAT(err.str(),
               Catch::Contains("cannot load CA file") && Catch::Contains("no-such-ca.pem"));
  }
}
