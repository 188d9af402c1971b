// The u-go.net game-record index: links found on the HTML page, the archives among them
// (".tar.gz" files whose names encode period and game count, e.g. KGS-2016_01-19-756-.tar.gz:
// January 2016, 19x19, 756 games), and the selection by --years and --max-games.
//
// Contract: value types and pure functions; safe to use from any thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace dlgo::download {

// The value of every href attribute in the page, in document order, with surrounding
// whitespace removed and character references (&amp;, &#38;, &#x26;...) decoded. Comments
// and script bodies are skipped; quoting style and letter case do not matter.
std::vector<std::string> extract_links(const std::string& html);

struct ArchiveEntry {
  std::string name;           // local file name, e.g. "KGS-2016_01-19-756-.tar.gz"
  std::string url;            // absolute URL to fetch it from
  int year = 0;               // 0 when the name does not say
  int month = 0;              // 1..12 for a monthly archive; 0 for a whole year or unknown
  long long game_count = -1;  // -1 when the name does not say
};

// Reads year, month and game count from an archive file name (fields stay at their
// "unknown" values when the name does not follow the KGS pattern).
ArchiveEntry describe_archive(const std::string& name, const std::string& url);

// The distinct .tar.gz archives linked from the page, in page order, with links resolved
// against index_url. Links that are malformed or whose file name is unsafe as a local file
// name (path separators, leading dot, odd characters) are ignored.
std::vector<ArchiveEntry> find_archives(const std::string& html, const std::string& index_url);

struct YearRange {
  int first = 0;
  int last = 0;
};

// "2016-2018" or "2016". Throws std::invalid_argument naming the text when malformed or
// when the range is reversed.
YearRange parse_year_range(const std::string& text);

struct ArchiveSelection {
  std::optional<YearRange> years;      // keep only archives of these years (named ones only)
  std::optional<long long> max_games;  // stop adding archives once their games reach this
};

// Applies the selection in page order. With max_games, archives whose names carry no game
// count are left out, since they could not be counted.
std::vector<ArchiveEntry> select_archives(const std::vector<ArchiveEntry>& archives,
                                          const ArchiveSelection& selection);

}  // namespace dlgo::download
