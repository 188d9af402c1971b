// What every test of a refused file checks of its error message: one line, starting with the
// file's path, naming no HDF5 function or class (H5Fopen, H5::FileIException, ...) after it.
#pragma once

#include <string>

namespace dlgo::test {

// "H5" is looked for after the path only: a random temporary folder's name may contain it.
inline bool one_line_naming(const std::string& message, const std::string& path) {
  return message.rfind(path + ": ", 0) == 0 && message.find('\n') == std::string::npos &&
         message.find("H5", path.size()) == std::string::npos;
}

}  // namespace dlgo::test
