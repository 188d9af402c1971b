// Seeded random games, checked move by move against ReferenceGame (a slow, plain second
// implementation of the rules): stones, groups and liberties by flood fill, the hash rebuilt from
// scratch, every legal point, prisoners, eyes; and random playouts ending as they should.
#include "tests/catch.h"

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "engine/ascii_board.h"
#include "engine/game_state.h"
#include "engine/handicap.h"
#include "engine/playout.h"
#include "engine/rng.h"
#include "engine/zobrist.h"
#include "tests/engine/reference_rules.h"

using namespace dlgo;
using namespace dlgo::test;

namespace {

// How moves are chosen: the playout policy (no own-eye filling, pass when nothing is left), or
// uniformly over every legal point, eyes included, so captures, kos and suicides are frequent.
enum class Policy { kPlayout, kUniform };

struct GameConfig {
  BoardSize size;
  Rules rules;
  Policy policy;
  int handicap = 0;
  int max_moves = 0;  // 0: until the game ends
};

std::string describe(const GameConfig& config, std::uint64_t seed) {
  std::ostringstream text;
  text << config.size.width << "x" << config.size.height << " ko "
       << ko_rule_name(config.rules.ko_rule) << (config.rules.suicide_allowed ? " suicide" : "")
       << (config.policy == Policy::kPlayout ? " playout" : " uniform") << " handicap "
       << config.handicap << " seed " << seed;
  return text.str();
}

std::uint64_t hash_from_scratch(const GameState& state) {
  std::uint64_t hash = zobrist().empty_board;
  const BoardSize size = state.size();
  for (int p = 0; p < size.num_points(); ++p) {
    Color c = state.board().at(p);
    if (is_stone(c)) hash ^= zobrist().key(Board::loc_of(row_of(size, p), col_of(size, p)), c);
  }
  return hash;
}

// Every difference between the engine and the reference, one per line; empty when they agree.
std::string differences(const GameState& state, const ReferenceGame& ref) {
  std::ostringstream out;
  const Board& board = state.board();
  const BoardSize size = state.size();
  auto name = [&](int p) { return point_to_gtp(size, p); };

  if (state.next_player() != ref.next_player()) out << "player to move differs\n";
  if (static_cast<int>(state.moves().size()) != ref.moves_played()) out << "move count\n";
  for (Color c : {Color::kBlack, Color::kWhite}) {
    if (state.prisoners(c) != ref.prisoners(c)) out << color_name(c) << " prisoners differ\n";
    if (board.stone_count(c) != ref.stone_count(c)) out << color_name(c) << " stone count\n";
  }
  if (board.empty_count() !=
      size.num_points() - ref.stone_count(Color::kBlack) - ref.stone_count(Color::kWhite)) {
    out << "empty count\n";
  }

  // Stones, groups and liberties by flood fill; the engine's empty-point list.
  std::vector<int> empties;
  for (int p = 0; p < size.num_points(); ++p) {
    if (board.at(p) != ref.at(p)) {
      out << "colour at " << name(p) << "\n";
      continue;
    }
    if (ref.at(p) == Color::kEmpty) {
      empties.push_back(board.loc_of_point(p));
      if (board.liberties(p) != 0 || board.group_size(p) != 0) out << "empty " << name(p) << "\n";
      for (Color c : {Color::kBlack, Color::kWhite}) {
        if (board.is_eye(p, c) != ref.is_eye(p, c)) out << "eye test at " << name(p) << "\n";
      }
      continue;
    }
    ReferenceGame::Group group = ref.group_at(p);
    if (board.liberties(p) != group.liberties) {
      out << "liberties at " << name(p) << ": " << board.liberties(p) << " vs " << group.liberties
          << "\n";
    }
    if (board.group_size(p) != static_cast<int>(group.stones.size())) {
      out << "group size at " << name(p) << "\n";
    }
    if (state.move_index_of_stone(p) != ref.placed_at(p)) {
      out << "move index at " << name(p) << "\n";
    }
  }
  std::vector<int> engine_empties(board.empty_locs(), board.empty_locs() + board.empty_count());
  std::sort(engine_empties.begin(), engine_empties.end());
  std::sort(empties.begin(), empties.end());
  if (engine_empties != empties) out << "empty-point list\n";

  // The hash, from the keys directly and from a board rebuilt stone by stone.
  if (board.hash() != hash_from_scratch(state)) out << "hash differs from scratch\n";
  Board rebuilt(size);
  for (int p = 0; p < size.num_points(); ++p) {
    if (is_stone(ref.at(p)) && rebuilt.place_stone(p, ref.at(p)).captured_stones != 0) {
      out << "rebuilding captured stones\n";
    }
  }
  if (!(rebuilt == board) || rebuilt.hash() != board.hash()) out << "rebuilt board differs\n";

  // Legality, point by point.
  std::vector<int> expected_legal;
  if (!state.is_over()) {
    for (int p = 0; p < size.num_points(); ++p) {
      const ReferenceGame::Legality legality = ref.legality(p);
      const bool legal = legality == ReferenceGame::Legality::kLegal;
      if (legal) expected_legal.push_back(p);
      if (state.is_legal(Move::play(p)) != legal) out << "is_legal at " << name(p) << "\n";
      const bool placeable = legality != ReferenceGame::Legality::kOccupiedOrSuicide;
      if (board.is_legal_ignoring_ko(p, ref.next_player(), state.rules().suicide_allowed) !=
          placeable) {
        out << "is_legal_ignoring_ko at " << name(p) << "\n";
      } else if (placeable && state.violates_ko(p) != (legality == ReferenceGame::Legality::kKo)) {
        out << "violates_ko at " << name(p) << "\n";
      }
    }
  }
  if (state.legal_points() != expected_legal) out << "legal_points differs\n";
  return out.str();
}

std::string grid_of(const Board& board) {
  std::string grid;
  for (int p = 0; p < board.num_points(); ++p) {
    Color c = board.at(p);
    grid += c == Color::kBlack ? 'X' : (c == Color::kWhite ? 'O' : '.');
  }
  return grid;
}

// Tries `tries` random points on copies of the state: a legal one must leave the board the
// reference predicts, with the hash that hash_after() announced; an illegal one must throw
// and leave the copy as it was.
void try_moves_on_copies(const GameState& state, const ReferenceGame& ref, Rng& rng, int tries) {
  const BoardSize size = state.size();
  for (int i = 0; i < tries; ++i) {
    const int p = static_cast<int>(rng.below(static_cast<std::uint32_t>(size.num_points())));
    std::string problem;
    GameState copy = state;
    if (ref.is_legal(p)) {
      const std::uint64_t predicted = copy.board().hash_after(p, copy.next_player());
      copy.play(Move::play(p));
      if (grid_of(copy.board()) != *ref.grid_after(p)) problem = "board after the move differs";
      if (copy.board().hash() != predicted) problem = "hash_after() was wrong";
    } else {
      try {
        copy.play(Move::play(p));
        problem = "play() accepted an illegal move";
      } catch (const IllegalMoveError&) {
        if (!(copy.board() == state.board()) || copy.moves().size() != state.moves().size() ||
            copy.next_player() != state.next_player()) {
          problem = "a rejected move changed the state";
        }
      }
    }
    if (!problem.empty()) {
      FAIL(problem << ": " << point_to_gtp(size, p) << " for " << color_name(state.next_player())
                   << "\n"
                   << board_to_ascii(state.board()));
    }
  }
}

// Plays one seeded game, comparing engine and reference before and after every move.
void check_random_game(const GameConfig& config, std::uint64_t seed) {
  Rng rng(seed);
  GameState state(config.size, config.rules);
  ReferenceGame ref(config.size, config.rules);
  if (config.handicap > 0) {
    HandicapPlacement placement = fixed_handicap_points(config.size, config.handicap);
    REQUIRE(placement.error.empty());
    state.place_handicap(placement.points);
    ref.place_handicap(placement.points);
  }
  // Simple ko with suicide allowed has no end: a single-stone suicide changes nothing and may be
  // repeated forever. Those games are cut off; every other playout must end by itself.
  const bool endless = config.rules.ko_rule == KoRule::kSimple && config.rules.suicide_allowed;
  const int max_moves =
      config.max_moves > 0 ? config.max_moves : (endless ? 10 * config.size.num_points() : 100000);
  for (int move_number = 0;; ++move_number) {
    std::string problems = differences(state, ref);
    if (!problems.empty()) {
      FAIL(describe(config, seed) << ", after " << move_number << " moves:\n"
                                  << board_to_ascii(state.board()) << problems);
    }
    if (state.is_over() || move_number >= max_moves) break;

    const Color me = state.next_player();
    Move chosen = Move::pass();
    if (config.policy == Policy::kPlayout) {
      chosen = select_random_move(state, rng);
      if (chosen.is_pass()) {
        for (int p = 0; p < config.size.num_points(); ++p) {
          // Playouts never choose suicide, even where the rules allow it.
          bool suicide = !state.board().is_legal_ignoring_ko(p, me, false);
          if (ref.is_legal(p) && !ref.is_eye(p, me) && !suicide) {
            FAIL(describe(config, seed)
                 << ": playout passed with " << point_to_gtp(state.size(), p) << " open\n"
                 << board_to_ascii(state.board()));
          }
        }
      } else {
        REQUIRE(ref.is_legal(chosen.point));
        REQUIRE_FALSE(ref.is_eye(chosen.point, me));
      }
    } else {
      std::vector<int> legal = state.legal_points();
      // Passing now and then keeps pass-related rules (situational superko, ko resets) busy.
      if (!legal.empty() && rng.below(20) != 0) {
        chosen = Move::play(legal[rng.below(static_cast<std::uint32_t>(legal.size()))]);
      }
    }

    if (!state.is_over()) try_moves_on_copies(state, ref, rng, 4);

    state.play(chosen);
    if (chosen.is_play()) {
      ref.play(chosen.point);
    } else {
      ref.pass();
    }
  }
  if (config.policy == Policy::kPlayout && !endless) {
    INFO(describe(config, seed));
    REQUIRE(state.is_over());
    REQUIRE(state.moves().size() >= 2);
    CHECK(state.moves().back().is_pass());
    CHECK(state.moves()[state.moves().size() - 2].is_pass());
  }
}

std::uint64_t seed_for(int table, int game) {
  return 0x9E3779B97F4A7C15ull * static_cast<std::uint64_t>(table + 1) +
         static_cast<std::uint64_t>(game);
}

Rules rules_for(int variant) {
  Rules rules;
  constexpr KoRule kRules[] = {KoRule::kPositional, KoRule::kSimple, KoRule::kSituational};
  rules.ko_rule = kRules[variant % 3];
  rules.suicide_allowed = (variant / 3) % 2 == 1;
  return rules;
}

}  // namespace

TEST_CASE("random games on tiny boards agree with the reference rules (kos and superko galore)") {
  int game = 0;
  for (BoardSize size : {BoardSize{2, 2}, BoardSize{3, 3}, BoardSize{4, 3}, BoardSize{4, 4}}) {
    for (int i = 0; i < 30; ++i, ++game) {
      GameConfig config{size, rules_for(i), Policy::kUniform, 0, 6 * size.num_points()};
      check_random_game(config, seed_for(1, game));
    }
  }
}

TEST_CASE("random games on 5x5 agree with the reference rules") {
  for (int game = 0; game < 120; ++game) {
    Policy policy = game % 2 == 0 ? Policy::kPlayout : Policy::kUniform;
    GameConfig config{{5, 5}, rules_for(game / 2), policy, 0, policy == Policy::kUniform ? 200 : 0};
    check_random_game(config, seed_for(2, game));
  }
}

TEST_CASE("random games on 9x9 and 9x7 agree with the reference rules") {
  for (int game = 0; game < 24; ++game) {
    Policy policy = game % 2 == 0 ? Policy::kPlayout : Policy::kUniform;
    BoardSize size = game % 4 == 3 ? BoardSize{9, 7} : BoardSize{9, 9};
    int handicap = size == BoardSize{9, 9} && game % 6 == 2 ? 2 + game % 8 : 0;
    GameConfig config{size, rules_for(game / 2), policy, handicap,
                      policy == Policy::kUniform ? 400 : 0};
    check_random_game(config, seed_for(3, game));
  }
}

TEST_CASE("random games on 19x19 agree with the reference rules") {
  check_random_game({{19, 19}, Rules{}, Policy::kPlayout, 0, 0}, seed_for(4, 0));
  check_random_game({{19, 19}, rules_for(1), Policy::kUniform, 0, 600}, seed_for(4, 1));
  check_random_game({{19, 19}, rules_for(2), Policy::kPlayout, 4, 0}, seed_for(4, 2));
}

TEST_CASE("random playouts end with two passes and a result that matches area scoring") {
  struct Table {
    int side;
    int games;
  };
  for (Table table : {Table{5, 300}, Table{9, 100}, Table{19, 8}}) {
    for (int game = 0; game < table.games; ++game) {
      Rules rules = rules_for(game % 3);
      rules.komi = game % 4 == 0 ? 0.0 : 0.5 + game % 8;
      GameState state = GameState::new_game(table.side, rules);
      Rng rng(seed_for(5 + table.side, game));
      int played = play_random_game(state, rng);
      INFO(table.side << "x" << table.side << " game " << game << " ko "
                      << ko_rule_name(rules.ko_rule));
      REQUIRE(state.is_over());
      CHECK(played == static_cast<int>(state.moves().size()));
      REQUIRE(played >= 2);
      CHECK(state.moves()[played - 1].is_pass());
      CHECK(state.moves()[played - 2].is_pass());
      CHECK(state.consecutive_passes() == 2);
      CHECK_FALSE(state.resigned());

      GameResult result = state.result();
      GameResult direct = score_area(state.board(), rules.komi);
      CHECK(result.black_area() == direct.black_area());
      CHECK(result.white_area() == direct.white_area());
      CHECK(result.to_string() == direct.to_string());
      CHECK(result.black_area() + result.white_area() + result.dame == table.side * table.side);

      // The same score from the reference's own flood fill.
      ReferenceGame ref({table.side, table.side}, rules);
      for (Move m : state.moves()) {
        if (m.is_play()) {
          ref.play(m.point);
        } else {
          ref.pass();
        }
      }
      CHECK(ref.grid() == grid_of(state.board()));
      const double margin = ref.area(Color::kBlack) - ref.area(Color::kWhite) - rules.komi;
      CHECK(result.black_margin() == margin);
      Color winner = margin > 0 ? Color::kBlack : (margin < 0 ? Color::kWhite : Color::kEmpty);
      CHECK(result.winner() == winner);
      const char* expected_prefix =
          winner == Color::kEmpty ? "0" : (winner == Color::kBlack ? "B+" : "W+");
      CHECK_THAT(result.to_string(), Catch::StartsWith(expected_prefix));

      // Under positional superko the passes changed nothing, so neither player has a legal
      // move left that does not fill an own eye.
      if (rules.ko_rule == KoRule::kPositional) {
        for (Color c : {Color::kBlack, Color::kWhite}) {
          GameState copy = state;
          copy.set_next_player(c);
          for (int p = 0; p < table.side * table.side; ++p) {
            bool open = copy.board().is_legal_ignoring_ko(p, c) && !copy.violates_ko(p) &&
                        !copy.board().is_eye(p, c);
            if (open) FAIL(color_name(c) << " could still play " << point_to_gtp(copy.size(), p));
          }
        }
      }
    }
  }
}
