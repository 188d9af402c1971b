// metrics.csv and learning_curve.svg beside the checkpoints: the per-epoch figures as a table
// and as a self-contained SVG chart (losses on the left axis, accuracies on the right).
//
// Contract: pure functions writing files, each as PATH.partial synced and renamed over PATH
// (engine/files/atomic_text_file.h: a run killed mid-write keeps the previous version); throw
// std::runtime_error naming the file when it cannot be written.
#pragma once

#include <string>
#include <vector>

#include "net/agent_file.h"

namespace dlgo::net {

void write_metrics_csv(const std::string& path, const std::vector<EpochMetrics>& metrics);
void write_learning_curve_svg(const std::string& path, const std::vector<EpochMetrics>& metrics,
                              const std::string& title);

}  // namespace dlgo::net
