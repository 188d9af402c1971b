// The GTP main loop: lines from an input stream into a GtpEngine, responses to an output
// stream, until `quit` or the end of the input.
//
// The loop reads on the calling thread while an lz-analyze, if one runs, writes from its worker
// thread; a new line (or the end of input) stops the analysis before it is handled.
//
// Contract: blocks until the session ends; returns the number of commands handled.
#pragma once

#include <istream>
#include <ostream>

#include "engine/gtp/gtp_engine.h"

namespace dlgo {

long run_gtp_session(GtpEngine& engine, std::istream& in, std::ostream& out);

}  // namespace dlgo
