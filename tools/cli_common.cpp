#include "tools/cli_common.h"

#include <cstdlib>
#include <iostream>

namespace dlgo::cli {

void parse_or_exit(CLI::App& app, int argc, char** argv) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& help) {
    std::exit(app.exit(help));
  } catch (const CLI::CallForAllHelp& help) {
    std::exit(app.exit(help));
  } catch (const CLI::ParseError& error) {
    std::cerr << app.get_name() << ": " << error.what() << "\n"
              << "Run with --help for more information.\n";
    std::exit(kExitUsageError);
  }
}

int report_user_error(const CLI::App& app, const std::string& message) {
  std::cerr << app.get_name() << ": error: " << message << "\n";
  return kExitUserError;
}

}  // namespace dlgo::cli
