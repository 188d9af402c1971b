// A train/test pair must come from one prepare run (engine/dataset/dataset_pair.h).
#include "tests/catch.h"

#include <filesystem>

#include "corpus_builder.h"
#include "engine/dataset/dataset_file.h"
#include "engine/dataset/dataset_pair.h"
#include "engine/dataset/prepare.h"

using namespace dlgo;
using namespace dlgo::dataset;
namespace fs = std::filesystem;

namespace {

// A dataset of one row as files written before run ids existed (no run_id attribute).
void write_old_style(const std::string& path, const std::string& split) {
  DatasetHeader header;
  header.encoder = "oneplane";
  header.planes = 1;
  header.label_space = 361;
  header.split = split;
  DatasetWriter writer(path, header);
  std::vector<std::uint8_t> features(header.stored_row_bytes(), 0);
  std::int16_t label = 0;
  std::int32_t game = writer.add_game("old.sgf#0");
  writer.append(features.data(), &label, &game, 1);
  writer.finish();
}

}  // namespace

TEST_CASE("a train file and a test file of different prepare runs are refused as a pair") {
  std::string dir = testing::make_temp_directory("dlgo-pair");
  testing::CorpusFiles corpus = testing::build_corpus(dir, 6, 4);
  PrepareOptions options;
  options.inputs = {corpus.tar_gz};
  options.out_prefix = dir + "/first";
  options.test_games = 2;
  PrepareReport first = prepare_dataset(options);
  // The same seed and inputs: only the run id tells the two runs apart.
  options.out_prefix = dir + "/second";
  PrepareReport second = prepare_dataset(options);

  const std::string first_run = DatasetReader(first.train_path).header().run_id;
  CHECK(first_run.size() == 16);
  CHECK(DatasetReader(first.test_path).header().run_id == first_run);
  CHECK(DatasetReader(second.train_path).header().run_id != first_run);

  CHECK_NOTHROW(require_one_prepare_run(first.train_path, first.test_path));
  CHECK_NOTHROW(require_one_prepare_run(second.train_path, second.test_path));
  // What a run killed between its two renames leaves: its new train file, the old test file.
  CHECK_THROWS_WITH(require_one_prepare_run(second.train_path, first.test_path),
                    second.train_path + " and " + first.test_path +
                        " are not one pair: they come from different dlgo-data prepare runs (run "
                        "id " +
                        DatasetReader(second.train_path).header().run_id + " and " + first_run +
                        "; a run stopped between writing its two files leaves such a pair), so "
                        "games may be in both: prepare them again");

  SECTION("files without run ids (older dlgo-data) still pair with each other, not with new ones") {
    write_old_style(dir + "/old.train.h5", "train");
    write_old_style(dir + "/old.test.h5", "test");
    CHECK(DatasetReader(dir + "/old.train.h5").header().run_id.empty());
    CHECK_NOTHROW(require_one_prepare_run(dir + "/old.train.h5", dir + "/old.test.h5"));
    CHECK_THROWS_WITH(require_one_prepare_run(first.train_path, dir + "/old.test.h5"),
                      Catch::Contains("(run id " + first_run + " and none (an older dlgo-data);"));
  }
  SECTION("an unreadable file is named") {
    CHECK_THROWS_WITH(require_one_prepare_run(first.train_path, dir + "/missing.test.h5"),
                      Catch::Contains("missing.test.h5"));
  }
  fs::remove_all(dir);
}
