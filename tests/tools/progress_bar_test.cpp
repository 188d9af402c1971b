#include "tools/progress_bar.h"

#include "tests/catch.h"

using dlgo::cli::format_rate;

TEST_CASE("progress rates read as people would say them at any speed") {
  CHECK(format_rate(12'345, 10.0, "rows") == "1234 rows/s");
  CHECK(format_rate(25, 10.0, "games") == "2.5 games/s");
  // Games of minutes: a whole number of games a second would read 0.
  CHECK(format_rate(20, 4240.0, "games") == "212 s each");
  CHECK(format_rate(0, 5.0, "games") == "- games/s");
  CHECK(format_rate(3, 0.0, "games") == "- games/s");
}
