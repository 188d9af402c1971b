// Catch2 for every test file, whichever major version is installed: Debian 12 ships Catch2 2
// (one header, <catch2/catch.hpp>), Debian 13 Catch2 3 (split headers, a compiled library, the
// string matchers renamed and moved into Catch::Matchers). Tests include this and write the
// Catch2 2 names: Approx, Catch::Contains, Catch::StartsWith, Catch::EndsWith.
#pragma once

#if __has_include(<catch2/catch_all.hpp>)
#include <catch2/catch_all.hpp>

#include <string>

namespace Catch {
inline Matchers::StringContainsMatcher Contains(const std::string& text,
                                                CaseSensitive sensitivity = CaseSensitive::Yes) {
  return Matchers::ContainsSubstring(text, sensitivity);
}
using Matchers::EndsWith;
using Matchers::StartsWith;
}  // namespace Catch

using Catch::Approx;
#else
#include <catch2/catch.hpp>
#endif
