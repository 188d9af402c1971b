// dlgo-data: game records to datasets. `download` (with download/) fetches KGS archives,
// `prepare` turns SGF files and archives into HDF5 datasets, `stats` describes a dataset.
#include "tools/cli_common.h"
#include "tools/data_commands.h"
#ifdef DLGO_HAVE_DOWNLOAD
#include "tools/data_download_command.h"
#endif

int main(int argc, char** argv) {
#ifdef DLGO_HAVE_DOWNLOAD
  CLI::App app{"dlgo-data: download KGS game records and turn them into HDF5 datasets",
               "dlgo-data"};
#else
  CLI::App app{"dlgo-data: turn game records into HDF5 datasets (built without download/)",
               "dlgo-data"};
#endif
  app.require_subcommand(1);
#ifdef DLGO_HAVE_DOWNLOAD
  dlgo::download::register_download_command(app);
#endif
  dlgo::cli::register_prepare_command(app);
  dlgo::cli::register_stats_command(app);
  dlgo::cli::parse_or_exit(app, argc, argv);
  return dlgo::cli::kExitOk;
}
