// A train file and a test file used together must come from one `dlgo-data prepare` run. The
// run writes one run id (root attribute run_id) into both, then renames them into place one
// after the other: a run killed between the two renames leaves its new train file beside the
// previous run's test file, where games can be in both and test numbers mean nothing. Files
// written before run ids existed carry none; a pair of two such files is taken as it is.
//
// Contract: require_one_prepare_run() opens both files (DatasetReader: one thread at a time)
// and throws DatasetError, in one line naming both files, when they are not one run's pair, or
// when either cannot be read.
#pragma once

#include <string>

namespace dlgo::dataset {

void require_one_prepare_run(const std::string& train_path, const std::string& test_path);

}  // namespace dlgo::dataset
