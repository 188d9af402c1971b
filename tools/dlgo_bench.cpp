// dlgo-bench: micro-benchmarks of the hot paths. Figures are meant to be compared as ratios
// between runs on one machine, not as absolute numbers.
#include <exception>

#include "tools/bench_encode.h"
#include "tools/bench_playouts.h"
#include "tools/bench_score.h"
#include "tools/bench_search.h"
#include "tools/cli_common.h"
#ifdef DLGO_HAVE_NET
#include "tools/bench_experience_train.h"
#include "tools/bench_selfplay.h"
#include "tools/bench_train.h"
#include "tools/bench_zero.h"
#endif

int main(int argc, char** argv) {
  CLI::App app{"dlgo-bench: benchmarks of dlgo's hot paths", "dlgo-bench"};
  app.require_subcommand(1);
  dlgo::bench::register_encode_benchmark(app);
  dlgo::bench::register_playouts_benchmark(app);
  dlgo::bench::register_score_benchmark(app);
  dlgo::bench::register_search_benchmark(app);
#ifdef DLGO_HAVE_NET
  dlgo::bench::register_experience_train_benchmark(app);
  dlgo::bench::register_selfplay_benchmark(app);
  dlgo::bench::register_train_step_benchmark(app);
  dlgo::bench::register_zero_benchmark(app);
#endif
  // The benchmarks run inside parsing (subcommand callbacks): a bad device or agent file is
  // reported in one line, not left to terminate the program.
  try {
    dlgo::cli::parse_or_exit(app, argc, argv);
  } catch (const std::exception& error) {
    return dlgo::cli::report_user_error(app, error.what());
  }
  return dlgo::cli::kExitOk;
}
