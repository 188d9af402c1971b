// Catch2 for tests that also include libtorch: libtorch as Debian builds it pulls in glog, whose
// fatal CHECK macro would otherwise replace Catch's. Include this instead of tests/catch.h, after
// the torch-using headers.
#pragma once

#include <torch/torch.h>

#undef CHECK
#include "tests/catch.h"
