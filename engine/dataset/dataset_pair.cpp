#include "engine/dataset/dataset_pair.h"

#include "engine/dataset/dataset_file.h"

namespace dlgo::dataset {

namespace {

std::string describe_run(const std::string& run_id) {
  return run_id.empty() ? "none (an older dlgo-data)" : run_id;
}

}  // namespace

void require_one_prepare_run(const std::string& train_path, const std::string& test_path) {
  const std::string train_run = DatasetReader(train_path).header().run_id;
  const std::string test_run = DatasetReader(test_path).header().run_id;
  if (train_run == test_run) return;
  throw DatasetError(train_path + " and " + test_path +
                     " are not one pair: they come from different dlgo-data prepare runs (run id " +
                     describe_run(train_run) + " and " + describe_run(test_run) +
                     "; a run stopped between writing its two files leaves such a pair), so games "
                     "may be in both: prepare them again");
}

}  // namespace dlgo::dataset
