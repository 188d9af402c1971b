// Builds small corpora of game records for the dataset tests: random games written as SGF by
// our own writer, packed into every archive format the pipeline reads. Tests use it when the
// KGS archives are absent, and always for the formats KGS does not use.
#pragma once

#include <string>
#include <vector>

namespace dlgo::testing {

struct CorpusFiles {
  std::string folder;  // loose .sgf files (plus a nested folder)
  std::string tar_gz;
  std::string tar_bz2;
  std::string zip;
  std::vector<std::string> sgf_texts;  // the games, in the order written
};

// Writes `games` random 19x19 games (every third with a 2-stone handicap, some ending in
// passes) under `directory`, plus one malformed file and one game with an illegal move in the
// folder. Deterministic for a seed.
CorpusFiles build_corpus(const std::string& directory, int games, unsigned seed);

// A fresh empty temporary directory, removed by the caller.
std::string make_temp_directory(const std::string& stem);

}  // namespace dlgo::testing
