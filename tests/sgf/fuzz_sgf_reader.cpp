// libFuzzer target for the SGF reader, the game-record layer and the writers.
//
// Beyond "never crash, never hang", it checks two round trips on every input that parses:
// the collection written back reads as the same collection, and a game record written back
// replays to the same board (or fails the same way). Any other exception escaping, or a
// mismatch, aborts so that libFuzzer keeps the input. Build and run: see docs/sgf.md.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string_view>

#include "engine/sgf/game_record.h"
#include "engine/sgf/sgf_reader.h"
#include "engine/sgf/sgf_writer.h"

using namespace dlgo;

namespace {

[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "fuzz_sgf_reader: %s\n", what);
  std::abort();
}

// The final position of a record, or nothing when it does not replay.
std::optional<GameState> try_replay(const GameRecord& record) {
  try {
    return replay_game(record);
  } catch (const SgfError&) {
    return std::nullopt;
  }
}

void check_record(const SgfCollection& collection, int game) {
  GameRecord record;
  try {
    read_game_record_into(collection, game, record);
  } catch (const SgfError&) {
    return;
  }
  std::optional<GameState> end = try_replay(record);
  GameRecord again = read_game_record(parse_sgf(write_sgf(record), "rewritten"));
  if (again.moves.size() != record.moves.size()) fail("record round trip lost moves");
  for (std::size_t i = 0; i < record.moves.size(); ++i) {
    if (again.moves[i].move != record.moves[i].move ||
        again.moves[i].color != record.moves[i].color) {
      fail("record round trip changed a move");
    }
  }
  std::optional<GameState> end_again = try_replay(again);
  if (end.has_value() != end_again.has_value()) fail("record round trip changed the replay");
  if (end && !(end->board() == end_again->board())) fail("record round trip changed the board");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  SgfCollection collection;
  try {
    parse_sgf_into(text, "fuzz", collection);
  } catch (const SgfError&) {
    return 0;
  }
  if (!same_content(collection, parse_sgf(write_sgf(collection), "rewritten"))) {
    fail("collection round trip changed the content");
  }
  for (int game = 0; game < collection.game_count(); ++game) check_record(collection, game);
  return 0;
}
