#include "engine/gtp/gtp_session.h"

#include <string>

namespace dlgo {

long run_gtp_session(GtpEngine& engine, std::istream& in, std::ostream& out) {
  StreamOutput output(out);
  long handled = 0;
  std::string line;
  while (!engine.quit_requested() && std::getline(in, line)) {
    engine.handle_line(line, output);
    ++handled;
  }
  engine.stop_analysis();
  return handled;
}

}  // namespace dlgo
