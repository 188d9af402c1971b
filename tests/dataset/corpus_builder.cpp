#include "corpus_builder.h"

#include <archive.h>
#include <archive_entry.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "engine/game_state.h"
#include "engine/handicap.h"
#include "engine/playout.h"
#include "engine/sgf/sgf_writer.h"

namespace dlgo::testing {

namespace fs = std::filesystem;

std::string make_temp_directory(const std::string& stem) {
  std::string pattern = (fs::temp_directory_path() / (stem + "-XXXXXX")).string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("cannot create a temporary directory");
  return pattern;
}

static std::string random_game_sgf(int index, Rng& rng) {
  GameState state(BoardSize{19, 19});
  std::vector<SetupStone> setup;
  GameInfo info;
  info.black_player = "black" + std::to_string(index);
  info.white_player = "white" + std::to_string(index);
  info.black_rank = index % 4 == 0 ? "3k" : "7d";
  info.white_rank = "6d";
  if (index % 3 == 1) {
    for (int point : fixed_handicap_points(state.size(), 2).points) {
      setup.push_back({point, Color::kBlack, 0});
    }
    std::vector<int> points;
    for (const auto& stone : setup) points.push_back(stone.point);
    state.place_handicap(points);
    info.handicap = 2;
  }
  int limit = 60 + static_cast<int>(rng.below(120));
  for (int i = 0; i < limit && !state.is_over(); ++i) state.play(select_random_move(state, rng));
  if (index % 2 == 0 && !state.is_over()) {
    state.play(Move::pass());
    state.play(Move::pass());
  }
  return write_game_sgf(state, info, setup);
}

static void write_archive(const std::string& path, const std::vector<std::string>& texts,
                          int format, int filter) {
  archive* writer = archive_write_new();
  archive_write_set_format(writer, format);
  if (filter != ARCHIVE_FILTER_NONE) archive_write_add_filter(writer, filter);
  if (archive_write_open_filename(writer, path.c_str()) != ARCHIVE_OK) {
    throw std::runtime_error("cannot write " + path);
  }
  for (size_t i = 0; i < texts.size(); ++i) {
    archive_entry* entry = archive_entry_new();
    std::string name = "games/" + std::to_string(i) + ".sgf";
    archive_entry_set_pathname(entry, name.c_str());
    archive_entry_set_size(entry, static_cast<la_int64_t>(texts[i].size()));
    archive_entry_set_filetype(entry, AE_IFREG);
    archive_entry_set_perm(entry, 0644);
    archive_write_header(writer, entry);
    archive_write_data(writer, texts[i].data(), texts[i].size());
    archive_entry_free(entry);
  }
  archive_write_close(writer);
  archive_write_free(writer);
}

CorpusFiles build_corpus(const std::string& directory, int games, unsigned seed) {
  CorpusFiles files;
  Rng rng(seed);
  for (int i = 0; i < games; ++i) files.sgf_texts.push_back(random_game_sgf(i, rng));
  files.folder = directory + "/loose";
  fs::create_directories(files.folder + "/nested");
  for (int i = 0; i < games; ++i) {
    std::string path =
        files.folder + (i % 2 ? "/nested/" : "/") + "game" + std::to_string(i) + ".sgf";
    std::ofstream(path, std::ios::binary) << files.sgf_texts[i];
  }
  std::ofstream(files.folder + "/broken.sgf") << "(;GM[1]SZ[19];B[pd];W[dd";
  // White plays on Black's stone: a well-formed file whose game the rules reject.
  std::ofstream(files.folder + "/illegal.sgf") << "(;GM[1]FF[4]SZ[19];B[pd];W[pd])";
  std::ofstream(files.folder + "/notes.txt") << "not a game record";
  files.tar_gz = directory + "/games.tar.gz";
  files.tar_bz2 = directory + "/games.tar.bz2";
  files.zip = directory + "/games.zip";
  write_archive(files.tar_gz, files.sgf_texts, ARCHIVE_FORMAT_TAR_PAX_RESTRICTED,
                ARCHIVE_FILTER_GZIP);
  write_archive(files.tar_bz2, files.sgf_texts, ARCHIVE_FORMAT_TAR_PAX_RESTRICTED,
                ARCHIVE_FILTER_BZIP2);
  write_archive(files.zip, files.sgf_texts, ARCHIVE_FORMAT_ZIP, ARCHIVE_FILTER_NONE);
  return files;
}

}  // namespace dlgo::testing
