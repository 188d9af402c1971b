// The `download` subcommand of dlgo-data: fetch the KGS game-record archives listed on the
// u-go.net index page (see docs/download.md). The command line only: the work is download/'s
// (run_download in download_manager.h).
//
// Contract: register_download_command adds the subcommand to `app`, keeps its options in
// static storage, and is called once from main. When the subcommand runs it prints progress
// and a summary to stdout; on failure it prints "<program>: error: <message>" to stderr and
// exits with code 1 (code 2 for bad flags comes from CLI11 parsing, as for every program).
#pragma once

#include <CLI/CLI.hpp>
#include <ostream>
#include <string>

#include "download/download_manager.h"

namespace dlgo::download {

void register_download_command(CLI::App& app);

// The subcommand's body: runs the download and returns the exit code (0 when every selected
// archive is complete, 1 otherwise), writing the error line to `err` as "<program>: error:".
int run_download_command(const DownloadOptions& options, std::ostream& out, std::ostream& err,
                         const std::string& program);

}  // namespace dlgo::download
