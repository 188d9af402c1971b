#include "download/archive_index.h"

#include <algorithm>
#include <fstream>
#include <numeric>
#include <sstream>
#include "tests/catch.h"

using namespace dlgo::download;

TEST_CASE("extract_links reads href attributes however they are written") {
  const std::string html = R"(<!DOCTYPE html><html><head>
    <link rel="stylesheet" href="style.css">
    <!-- <a href="commented-out.tar.gz">old</a> -->
    <script>var s = '<a href="in-script.tar.gz">';</script>
    </head><body>
    <A HREF='single.tar.gz'>one</A>
    <a class=x href=unquoted.tar.gz>two</a>
    <a
      href = " spaced.tar.gz "
    >three</a>
    <a href="q.tar.gz?x=1&amp;y=2">four</a>
    <a href="&#75;GS&#x2D;2016.tar.gz">five</a>
    <a name="no-link">six</a>
    <a data-href="not-this.tar.gz" href="this.tar.gz">seven</a>
    <img src="x.png"><a href="last.tar.gz"/>
    </body></html>)";
  std::vector<std::string> expected = {"style.css",     "single.tar.gz",    "unquoted.tar.gz",
                                       "spaced.tar.gz", "q.tar.gz?x=1&y=2", "KGS-2016.tar.gz",
                                       "this.tar.gz",   "last.tar.gz"};
  CHECK(extract_links(html) == expected);
  CHECK(extract_links("").empty());
  CHECK(extract_links("<a href=").size() == 1);  // truncated page: no crash, empty link
  CHECK(extract_links("<a href=\"never closed").size() == 1);
}

TEST_CASE("describe_archive reads period and game count from KGS names") {
  ArchiveEntry monthly = describe_archive("KGS-2016_01-19-756-.tar.gz", "u");
  CHECK(monthly.year == 2016);
  CHECK(monthly.month == 1);
  CHECK(monthly.game_count == 756);
  ArchiveEntry yearly = describe_archive("KGS-2001-19-2298-.tar.gz", "u");
  CHECK(yearly.year == 2001);
  CHECK(yearly.month == 0);
  CHECK(yearly.game_count == 2298);
  ArchiveEntry other = describe_archive("games.tar.gz", "u");
  CHECK(other.year == 0);
  CHECK(other.game_count == -1);
  ArchiveEntry dashed_prefix = describe_archive("my-KGS-2016_03-19-12-.tar.gz", "u");
  CHECK(dashed_prefix.year == 2016);
  CHECK(dashed_prefix.month == 3);
  CHECK(dashed_prefix.game_count == 12);
  for (const char* unlike :
       {"KGS-2016_1-19-756-.tar.gz", "KGS-16-19-756-.tar.gz", "2016-19-756-.tar.gz",
        "KGS-2016-19-x-.tar.gz", "KGS-2016--756-.tar.gz", "-.tar.gz"}) {
    INFO(unlike);
    CHECK(describe_archive(unlike, "u").year == 0);
    CHECK(describe_archive(unlike, "u").game_count == -1);
  }
}

TEST_CASE("find_archives keeps distinct, safe .tar.gz links, resolved against the index") {
  const std::string html = R"(
    <a href="KGS-2017_01-19-733-.tar.gz">a</a>
    <a href="KGS-2017_01-19-733-.zip">zip</a>
    <a href="/dl/KGS-2016_12-19-1208-.tar.gz">b</a>
    <a href="https://dl.u-go.net/gamerecords/KGS-2017_01-19-733-.tar.gz">duplicate name</a>
    <a href="../evil/..%2F..%2Fetc.tar.gz">unsafe after decoding</a>
    <a href=".hidden.tar.gz">hidden</a>
    <a href="KGS%2D2015-19-8133-.tar.gz">percent-encoded</a>
    <a href="ftp://elsewhere/x.tar.gz">not http</a>)";
  std::vector<ArchiveEntry> archives = find_archives(html, "http://127.0.0.1:8000/records/");
  REQUIRE(archives.size() == 3);
  CHECK(archives[0].name == "KGS-2017_01-19-733-.tar.gz");
  CHECK(archives[0].url == "http://127.0.0.1:8000/records/KGS-2017_01-19-733-.tar.gz");
  CHECK(archives[1].url == "http://127.0.0.1:8000/dl/KGS-2016_12-19-1208-.tar.gz");
  CHECK(archives[1].game_count == 1208);
  CHECK(archives[2].name == "KGS-2015-19-8133-.tar.gz");
  CHECK(archives[2].year == 2015);
}

TEST_CASE("parse_year_range accepts YEAR and FIRST-LAST only") {
  CHECK(parse_year_range("2016-2018").first == 2016);
  CHECK(parse_year_range("2016-2018").last == 2018);
  CHECK(parse_year_range("2005").first == 2005);
  CHECK(parse_year_range("2005").last == 2005);
  for (const char* bad :
       {"", "16-18", "2018-2016", "2016-", "x", "2016-2018-2019", "20161", " - 2016"}) {
    INFO(bad);
    CHECK_THROWS_WITH(parse_year_range(bad), Catch::Contains("bad year range"));
  }
}

TEST_CASE("select_archives applies --years, then --max-games in page order") {
  std::vector<ArchiveEntry> archives = {
      describe_archive("KGS-2018_02-19-100-.tar.gz", "a"),
      describe_archive("KGS-2018_01-19-200-.tar.gz", "b"),
      describe_archive("other.tar.gz", "c"),
      describe_archive("KGS-2017_12-19-300-.tar.gz", "d"),
      describe_archive("KGS-2005-19-4000-.tar.gz", "e"),
  };
  auto names = [](const std::vector<ArchiveEntry>& chosen) {
    std::string text;
    for (const ArchiveEntry& entry : chosen) text += entry.url;
    return text;
  };
  CHECK(names(select_archives(archives, {})) == "abcde");
  CHECK(names(select_archives(archives, {YearRange{2018, 2018}, std::nullopt})) == "ab");
  CHECK(names(select_archives(archives, {YearRange{2000, 2017}, std::nullopt})) == "de");
  CHECK(names(select_archives(archives, {std::nullopt, 100})) == "a");
  CHECK(names(select_archives(archives, {std::nullopt, 101})) == "ab");
  CHECK(names(select_archives(archives, {std::nullopt, 300})) == "ab");
  CHECK(names(select_archives(archives, {std::nullopt, 301})) == "abd");
  CHECK(names(select_archives(archives, {YearRange{2017, 2018}, 250})) == "ab");
  CHECK(names(select_archives(archives, {YearRange{1990, 1999}, std::nullopt})).empty());
}

#ifdef DLGO_KGS_INDEX_HTML
TEST_CASE("find_archives on the stored copy of the u-go.net index page") {
  std::ifstream file(DLGO_KGS_INDEX_HTML, std::ios::binary);
  REQUIRE(file);
  std::ostringstream html;
  html << file.rdbuf();
  std::vector<ArchiveEntry> archives = find_archives(html.str(), "https://u-go.net/gamerecords/");
  REQUIRE(archives.size() == 55);
  CHECK(archives.front().name == "KGS-2019_04-19-1255-.tar.gz");
  CHECK(archives.back().name == "KGS-2001-19-2298-.tar.gz");
  long long games = 0;
  for (const ArchiveEntry& archive : archives) {
    INFO(archive.name);
    CHECK(archive.url == "https://dl.u-go.net/gamerecords/" + archive.name);
    CHECK(archive.year >= 2001);
    CHECK(archive.year <= 2019);
    CHECK(archive.game_count > 0);
    games += archive.game_count;
  }
  CHECK(games == 228849);
  auto january = std::find_if(archives.begin(), archives.end(), [](const ArchiveEntry& a) {
    return a.name == "KGS-2016_01-19-756-.tar.gz";
  });
  REQUIRE(january != archives.end());
  CHECK(january->month == 1);
  CHECK(january->game_count == 756);

  std::vector<ArchiveEntry> year_2016 = select_archives(archives, {YearRange{2016, 2016}, {}});
  CHECK(year_2016.size() == 12);
  // Newest first on the page: 2019_04 (1255) + 2019_03 (1478) reach 2000 games.
  std::vector<ArchiveEntry> first_2000 = select_archives(archives, {std::nullopt, 2000});
  REQUIRE(first_2000.size() == 2);
  CHECK(first_2000[1].name == "KGS-2019_03-19-1478-.tar.gz");
}
#endif
