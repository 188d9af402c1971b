#include "download/url.h"

#include "tests/catch.h"

using dlgo::download::file_name_of;
using dlgo::download::parse_url;
using dlgo::download::resolve_url;
using dlgo::download::Url;
using dlgo::download::UrlError;

TEST_CASE("parse_url splits http and https URLs") {
  Url url = parse_url("https://u-go.net/gamerecords/");
  CHECK(url.scheme == "https");
  CHECK(url.host == "u-go.net");
  CHECK(url.port == 443);
  CHECK(url.target == "/gamerecords/");
  CHECK(url.has_default_port());
  CHECK(url.host_header() == "u-go.net");

  Url with_port = parse_url("HTTP://Example.COM:8080?x=1#top");
  CHECK(with_port.scheme == "http");
  CHECK(with_port.host == "example.com");
  CHECK(with_port.port == 8080);
  CHECK(with_port.target == "/?x=1");
  CHECK(with_port.host_header() == "example.com:8080");
  CHECK(with_port.to_string() == "http://example.com:8080/?x=1");

  Url ipv6 = parse_url("http://[::1]:9000/a/b.tar.gz");
  CHECK(ipv6.host == "::1");
  CHECK(ipv6.port == 9000);
  CHECK(ipv6.host_header() == "[::1]:9000");
  CHECK(file_name_of(ipv6) == "b.tar.gz");
}

TEST_CASE("parse_url rejects what it cannot fetch, naming the URL") {
  for (const char* bad : {"ftp://host/file", "u-go.net/gamerecords", "http://", "http://host:0/",
                          "http://host:99999/", "http://host:8a/", "http://user@host/",
                          "http://host/a b", "http://[::1/"}) {
    INFO(bad);
    try {
      parse_url(bad);
      FAIL("accepted");
    } catch (const UrlError& error) {
      CHECK(std::string(error.what()).find(bad) != std::string::npos);
    }
  }
}

TEST_CASE("resolve_url follows RFC 3986 for the links an index page holds") {
  Url base = parse_url("https://u-go.net/gamerecords/index.html?page=2");
  auto resolve = [&](const std::string& link) { return resolve_url(base, link).to_string(); };
  CHECK(resolve("https://dl.u-go.net/gamerecords/KGS-2016_01-19-756-.tar.gz") ==
        "https://dl.u-go.net/gamerecords/KGS-2016_01-19-756-.tar.gz");
  CHECK(resolve("//db.u-go.net/x") == "https://db.u-go.net/x");
  CHECK(resolve("/about/") == "https://u-go.net/about/");
  CHECK(resolve("KGS-2001-19-2298-.tar.gz") ==
        "https://u-go.net/gamerecords/KGS-2001-19-2298-.tar.gz");
  CHECK(resolve("files/a.tar.gz#frag") == "https://u-go.net/gamerecords/files/a.tar.gz");
  CHECK(resolve("../kombilo") == "https://u-go.net/kombilo");
  CHECK(resolve("../../../x") == "https://u-go.net/x");
  CHECK(resolve("./") == "https://u-go.net/gamerecords/");
  CHECK(resolve("a/./b/../c") == "https://u-go.net/gamerecords/a/c");
  CHECK(resolve("..") == "https://u-go.net/");
  CHECK(resolve("?page=3") == "https://u-go.net/gamerecords/index.html?page=3");
  CHECK(resolve("") == "https://u-go.net/gamerecords/index.html?page=2");
  CHECK(resolve("#top") == "https://u-go.net/gamerecords/index.html?page=2");
  CHECK(resolve("HTTP://OTHER:81/y") == "http://other:81/y");
  CHECK_THROWS_AS(resolve("mailto:someone@example.com"), UrlError);
}
