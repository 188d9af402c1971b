// /static/ over real sockets: the pages, content types, caching, HEAD, and every way out of
// the folder.
#include <unistd.h>

#include <fstream>
#include <random>
#include <sstream>

#include "tests/catch.h"

#include "server/http_response.h"
#include "server/static_files.h"
#include "tests/server/http_test_client.h"
#include "tests/server/test_server.h"

namespace dlgo::server::testing {
namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

// A static folder with a page, a subfolder, a hidden file, and links that point outside it;
// the secret lies beside the folder, where no request may reach it.
class StaticFixture {
 public:
  StaticFixture() {
    std::random_device random;
    base_ = fs::temp_directory_path() / ("dlgo-static-test-" + std::to_string(random()));
    fs::create_directories(base_ / "web" / "sub");
    write("web/index.html", "<p>hello</p>");
    write("web/sub/app.js", "export const x = 1;\n");
    write("web/.hidden", "hidden");
    write("web/data.bin", std::string("\0\1\2", 3));
    write("secret.txt", "top secret");
    fs::create_symlink(base_ / "secret.txt", base_ / "web" / "link.txt");
    fs::create_directory_symlink(base_, base_ / "web" / "up");
  }
  ~StaticFixture() {
    std::error_code ignored;
    fs::remove_all(base_, ignored);
  }
  fs::path web() const { return base_ / "web"; }

 private:
  void write(const std::string& relative, const std::string& content) {
    std::ofstream(base_ / relative, std::ios::binary) << content;
  }
  fs::path base_;
};

TEST_CASE("every play page and its assets are served from web/ with the right type") {
  TestServer server;
  HttpTestClient client(server.port());
  struct Asset {
    const char* file;
    const char* type;
  };
  for (Asset asset :
       {Asset{"play_predict_19.html", "text/html; charset=utf-8"},
        Asset{"play_pg_99.html", "text/html; charset=utf-8"},
        Asset{"play_q_99.html", "text/html; charset=utf-8"},
        Asset{"play_mcts_55.html", "text/html; charset=utf-8"},
        Asset{"play_random_99.html", "text/html; charset=utf-8"},
        Asset{"play.js", "text/javascript; charset=utf-8"},
        Asset{"go_rules.js", "text/javascript; charset=utf-8"},
        Asset{"sgf.js", "text/javascript; charset=utf-8"},
        Asset{"go.css", "text/css; charset=utf-8"}, Asset{"favicon.svg", "image/svg+xml"}}) {
    INFO(asset.file);
    HttpReply reply = client.get(std::string("/static/") + asset.file);
    REQUIRE(reply.status == 200);
    CHECK(reply.header("content-type") == asset.type);
    CHECK(reply.body == read_file(source_web_dir() / asset.file));
    CHECK(reply.header("content-length") == std::to_string(reply.body.size()));
  }
  // The pages name their bot and board as docs/http-api.md ("The play pages") says.
  CHECK_THAT(
      client.get("/static/play_predict_19.html").body,
      Catch::Contains("data-bot=\"zero predict\"") && Catch::Contains("data-board-size=\"19\""));
  CHECK_THAT(client.get("/static/play_q_99.html").body,
             Catch::Contains("data-bot=\"q\"") && Catch::Contains("data-show-value=\"true\""));
  CHECK_THAT(client.get("/static/play_mcts_55.html?x=1").body,
             Catch::Contains("data-bot=\"mcts\"") && Catch::Contains("data-board-size=\"5\""));
}

TEST_CASE("static files carry validators and answer conditional requests with 304") {
  TestServer server;
  HttpTestClient client(server.port());
  HttpReply first = client.get("/static/go.css");
  REQUIRE(first.status == 200);
  std::string etag = first.header("etag");
  std::string last_modified = first.header("last-modified");
  CHECK(etag.size() > 2);
  CHECK(etag.front() == '"');
  CHECK(parse_http_date(last_modified).has_value());
  CHECK(first.header("cache-control") == "no-cache");
  CHECK(parse_http_date(first.header("date")).has_value());

  HttpReply again = client.request("GET", "/static/go.css", "", {{"If-None-Match", etag}});
  CHECK(again.status == 304);
  CHECK(again.body.empty());
  CHECK(again.header("etag") == etag);
  again = client.request("GET", "/static/go.css", "", {{"If-None-Match", "\"x\", W/" + etag}});
  CHECK(again.status == 304);
  again = client.request("GET", "/static/go.css", "", {{"If-None-Match", "\"stale\""}});
  CHECK(again.status == 200);
  again = client.request("GET", "/static/go.css", "", {{"If-Modified-Since", last_modified}});
  CHECK(again.status == 304);
  again = client.request("GET", "/static/go.css", "",
                         {{"If-Modified-Since", "Mon, 01 Jan 2001 00:00:00 GMT"}});
  CHECK(again.status == 200);
  again = client.request("GET", "/static/go.css", "", {{"If-Modified-Since", "yesterday"}});
  CHECK(again.status == 200);
  // The connection is still in step after the body-less 304s.
  CHECK(client.get("/healthz").status == 200);

  HttpReply head = client.request("HEAD", "/static/go.css");
  CHECK(head.status == 200);
  CHECK(head.body.empty());
  CHECK(head.header("content-length") == first.header("content-length"));
  CHECK(head.header("etag") == etag);
}

TEST_CASE("no request reaches a file outside the static folder") {
  StaticFixture fixture;
  TestServerConfig config;
  config.static_dir = fixture.web();
  TestServer server(config);
  HttpTestClient client(server.port());
  CHECK(client.get("/static/index.html").body == "<p>hello</p>");
  CHECK(client.get("/static/sub/app.js").status == 200);
  CHECK(client.get("/static/sub%2Fapp.js").status == 200);  // an encoded slash stays inside
  HttpReply binary = client.get("/static/data.bin");
  CHECK(binary.body == std::string("\0\1\2", 3));
  CHECK(binary.header("content-type") == "application/octet-stream");

  struct Refused {
    const char* target;
    int status;
  };
  for (Refused refused : {
           Refused{"/static/../secret.txt", 400},
           Refused{"/static/sub/../../secret.txt", 400},
           Refused{"/static/%2e%2e/secret.txt", 400},
           Refused{"/static/%2E%2E%2Fsecret.txt", 400},
           Refused{"/static/..%2fsecret.txt", 400},
           Refused{"/static/sub/%2e%2e/%2e%2e/secret.txt", 400},
           Refused{"/static/./index.html", 400},
           Refused{"/static/..\\secret.txt", 400},
           Refused{"/static/index.html%00.png", 400},
           Refused{"/static/%zz", 400},
           Refused{"/static/%2", 400},
           Refused{"/static/link.txt", 404},       // a symlink out of the folder
           Refused{"/static/up/secret.txt", 404},  // a directory symlink out of it
           Refused{"/static/.hidden", 404},
           Refused{"/static/sub/", 404},
           Refused{"/static/sub", 404},
           Refused{"/static/", 404},
           Refused{"/static/missing.html", 404},
           Refused{"/static//etc/passwd", 404},
           Refused{"/static/%2Fetc%2Fpasswd", 404},
       }) {
    INFO(refused.target);
    HttpReply reply = client.get(refused.target);
    CHECK(reply.status == refused.status);
    CHECK(reply.header("content-type") == "application/json");
    CHECK(reply.body.find("top secret") == std::string::npos);
    CHECK_FALSE(reply.error().empty());
  }
}

TEST_CASE("StaticFiles refuses a root that is not a folder") {
  CHECK_THROWS_WITH(StaticFiles("/nonexistent/dlgo/web"),
                    Catch::Contains("not a readable directory"));
}

TEST_CASE("percent-decoding and content types") {
  CHECK(percent_decode_path("a%20b%2Fc") == "a b/c");
  CHECK(percent_decode_path("%41%6a") == "Aj");
  CHECK_THROWS_AS(percent_decode_path("%"), HttpError);
  CHECK_THROWS_AS(percent_decode_path("%4"), HttpError);
  CHECK_THROWS_AS(percent_decode_path("%g1"), HttpError);
  CHECK(content_type_for("a.html") == "text/html; charset=utf-8");
  CHECK(content_type_for("a.mjs") == "text/javascript; charset=utf-8");
  CHECK(content_type_for("game.sgf") == "application/x-go-sgf");
  CHECK(content_type_for("README") == "application/octet-stream");
}

TEST_CASE("HTTP dates format and parse as IMF-fixdate") {
  CHECK(format_http_date(784111777) == "Sun, 06 Nov 1994 08:49:37 GMT");
  CHECK(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT") == std::optional<std::time_t>(784111777));
  CHECK_FALSE(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"));
  CHECK_FALSE(parse_http_date("Sun, 06 Foo 1994 08:49:37 GMT"));
  CHECK_FALSE(parse_http_date(""));
}

}  // namespace
}  // namespace dlgo::server::testing
