// The search tree on positions drawn as ASCII boards, judged by an evaluator with chosen priors
// and values: selection follows priors and values, values change sign at every ply, passes and
// own eyes are left out as the options say, the tree is kept between moves, threads share it,
// and budgets, noise, depth limits and evaluator failures do what they say.
#include "tests/catch.h"

#include <chrono>
#include <numeric>
#include <set>
#include <stdexcept>

#include "engine/ascii_board.h"
#include "engine/coords.h"
#include "engine/search/tree_search.h"
#include "tests/search/fake_evaluator.h"
#include "tests/search/search_positions.h"

using namespace dlgo;
using dlgo::test::dead_stones_after_pass;
using dlgo::test::FakeEvaluator;
using dlgo::test::pass_loses_for_black;

namespace {

Move at(const GameState& state, const char* vertex) {
  return gtp_to_move(state.size(), vertex).value();
}

const SearchedMove* find_move(const std::vector<SearchedMove>& moves, Move move) {
  for (const SearchedMove& searched : moves) {
    if (searched.move == move) return &searched;
  }
  return nullptr;
}

int visits_below_root(const TreeSearch& tree) {
  int total = 0;
  for (const SearchedMove& move : tree.root_moves()) total += move.visits;
  return total;
}

SearchOptions rounds(int count) {
  SearchOptions options;
  options.rounds = count;
  return options;
}

}  // namespace

TEST_CASE("with flat values the visits go where the priors point") {
  FakeEvaluator evaluator;
  evaluator.priors = {{"C3", 20.0f}};
  evaluator.default_prior = 0.1f;
  TreeSearch tree(rounds(100), evaluator, 1);
  const GameState state = GameState::new_game(5);
  tree.search(state);
  const std::vector<SearchedMove> ranked = rank_searched_moves(tree.root_moves());
  REQUIRE(ranked.size() == 25);  // every point, no pass: the opponent has not passed
  CHECK(ranked.front().move == at(state, "C3"));
  CHECK(ranked.front().prior.value() == Approx(20.0 / (20.0 + 24 * 0.1)));
  CHECK(tree.root_visits() == 101);  // the root's own evaluation, then 100 simulations
  CHECK(visits_below_root(tree) == 100);
  CHECK(tree.last_stats().simulations == 100);
  CHECK(evaluator.calls() == 101);  // one evaluation per new leaf, none for a visited one
  CHECK(evaluator.clients() == 0);  // the search thread said when it stopped
  CHECK_FALSE(evaluator.saw_finished_game());
}

TEST_CASE("a move judged lost at every depth is avoided despite its prior") {
  // Whenever Black has a stone on A1, the position is won for White: +1 for White to move,
  // -1 for Black to move. Backed up with a sign change at every ply, Black's A1 edge only
  // ever collects losses, however deep the simulation went.
  FakeEvaluator evaluator;
  evaluator.priors = {{"A1", 10.0f}};  // ten times any other move
  evaluator.value_of = [](const GameState& state) {
    const bool a1_black = state.board().at(0) == Color::kBlack;
    if (!a1_black) return 0.0f;
    return state.next_player() == Color::kWhite ? 1.0f : -1.0f;
  };
  SearchOptions options = rounds(300);
  TreeSearch tree(options, evaluator, 2);
  const GameState state = GameState::new_game(5);
  tree.search(state);
  const std::vector<SearchedMove> moves = tree.root_moves();
  const SearchedMove* a1 = find_move(moves, at(state, "A1"));
  REQUIRE(a1 != nullptr);
  REQUIRE(a1->visits > 0);
  CHECK(a1->win_rate.value() == Approx(0.0));
  CHECK(rank_searched_moves(moves).front().move != at(state, "A1"));
}

TEST_CASE("a pass that ends a lost game is valued as a loss for the player who passes") {
  FakeEvaluator evaluator;
  evaluator.priors = {{"pass", 5.0f}};  // make sure the pass gets tried
  GameState state = pass_loses_for_black();
  REQUIRE(state.result().winner() == Color::kWhite);
  TreeSearch tree(rounds(200), evaluator, 3);
  tree.search(state);
  const std::vector<SearchedMove> moves = tree.root_moves();
  CHECK(moves.size() == 6);  // C1..C5 and the pass; Black's own eyes are left out
  const SearchedMove* pass = find_move(moves, Move::pass());
  REQUIRE(pass != nullptr);
  REQUIRE(pass->visits > 0);
  CHECK(pass->win_rate.value() == Approx(0.0));
  CHECK_FALSE(rank_searched_moves(moves).front().move.is_pass());
  CHECK_FALSE(evaluator.saw_finished_game());  // finished games are scored, not evaluated
}

TEST_CASE("a pass that ends the game is valued as a referee counts it without the dead stones") {
  FakeEvaluator evaluator;
  evaluator.priors = {{"pass", 5.0f}};
  // Black's bare area count wins, but Black's dead stones are what makes it win: the pass loses.
  GameState black_to_move = dead_stones_after_pass(Color::kWhite);
  REQUIRE(black_to_move.result().winner() == Color::kBlack);
  TreeSearch black_tree(rounds(200), evaluator, 3);
  black_tree.search(black_to_move);
  const std::vector<SearchedMove> black_moves = black_tree.root_moves();
  const SearchedMove* pass = find_move(black_moves, Move::pass());
  REQUIRE(pass != nullptr);
  REQUIRE(pass->visits > 0);
  CHECK(pass->win_rate.value() == Approx(0.0));
  CHECK_FALSE(rank_searched_moves(black_moves).front().move.is_pass());
  // The same on four threads, which find the finished game while it is being scored.
  SearchOptions threaded = rounds(200);
  threaded.threads = 4;
  evaluator.delay_us = 200;
  TreeSearch threaded_tree(threaded, evaluator, 4);
  threaded_tree.search(black_to_move);
  const std::vector<SearchedMove> threaded_moves = threaded_tree.root_moves();
  const SearchedMove* threaded_pass = find_move(threaded_moves, Move::pass());
  REQUIRE(threaded_pass != nullptr);
  REQUIRE(threaded_pass->visits > 0);
  CHECK(threaded_pass->win_rate.value() == Approx(0.0));
  CHECK(visits_below_root(threaded_tree) == 200);
  evaluator.delay_us = 0;
  // White's bare count loses, yet passing wins once the dead stones come off.
  GameState white_to_move = dead_stones_after_pass(Color::kBlack);
  TreeSearch white_tree(rounds(200), evaluator, 3);
  white_tree.search(white_to_move);
  const std::vector<SearchedMove> ranked = rank_searched_moves(white_tree.root_moves());
  REQUIRE(ranked.front().move.is_pass());
  CHECK(ranked.front().win_rate.value() == Approx(1.0));
  CHECK_FALSE(evaluator.saw_finished_game());
}

TEST_CASE("a pass is a move only after the opponent's pass or with nothing else left") {
  FakeEvaluator evaluator;
  const GameState empty = GameState::new_game(5);
  SearchOptions options = rounds(50);
  TreeSearch restricted(options, evaluator, 1);
  restricted.search(empty);
  CHECK(find_move(restricted.root_moves(), Move::pass()) == nullptr);
  options.restrict_passes = false;
  TreeSearch free(options, evaluator, 1);
  free.search(empty);
  CHECK(find_move(free.root_moves(), Move::pass()) != nullptr);

  // Every empty point is one of Black's own eyes: the pass is all that is left, and with one
  // move there is nothing to search.
  const GameState eyes = game_from_ascii(
      "X.X.X\n"
      "XXXXX\n"
      "X.X.X\n"
      "XXXXX\n"
      "X.X.X\n",
      Color::kBlack);
  TreeSearch tree(rounds(50), evaluator, 1);
  tree.search(eyes);
  REQUIRE(tree.root_moves().size() == 1);
  CHECK(tree.root_moves().front().move.is_pass());
  CHECK(tree.last_stats().simulations == 0);
  // Without avoid_own_eyes the eyes are moves too.
  SearchOptions eye_filling = rounds(50);
  eye_filling.avoid_own_eyes = false;
  TreeSearch filling(eye_filling, evaluator, 1);
  filling.search(eyes);
  CHECK(filling.root_moves().size() == 6);
  CHECK(find_move(filling.root_moves(), Move::pass()) == nullptr);
}

TEST_CASE("the subtree of the moves played since the last search is kept") {
  FakeEvaluator evaluator;
  evaluator.priors = {{"C3", 5.0f}, {"B2", 3.0f}};
  TreeSearch tree(rounds(40), evaluator, 2);
  GameState state = GameState::new_game(5);
  tree.search(state);
  const SearchedMove first = rank_searched_moves(tree.root_moves()).front();
  REQUIRE(first.visits > 0);
  state.play(first.move);
  // One search plays both sides: the next root is the chosen move's child.
  tree.search(state);
  CHECK(tree.last_stats().reused_visits == first.visits);
  CHECK(tree.root_visits() == first.visits + 40);
  CHECK(visits_below_root(tree) == tree.root_visits() - 1);

  // Two moves on (ours and the opponent's): still found where the tree went.
  const SearchedMove reply = rank_searched_moves(tree.root_moves()).front();
  const int reply_grandchild_visits = [&] {
    std::vector<SearchedMove> below = rank_searched_moves(tree.moves_of()(reply.child));
    return below.empty() ? 0 : below.front().visits;
  }();
  const Move second_reply = rank_searched_moves(tree.moves_of()(reply.child)).front().move;
  state.play(reply.move);
  state.play(second_reply);
  tree.search(state);
  CHECK(tree.last_stats().reused_visits == reply_grandchild_visits);

  // The same moves from another start (a setup stone): not this tree.
  GameState other = game_from_ascii(".....\n.....\n.....\n.....\n....O\n", Color::kBlack);
  tree.search(GameState::new_game(5));
  other.play(first.move);
  tree.search(other);
  CHECK(tree.last_stats().reused_visits == 0);

  // Another game altogether: a fresh tree.
  GameState different = GameState::new_game(5);
  different.play(at(different, "A5"));
  tree.search(different);
  CHECK(tree.last_stats().reused_visits == 0);
  CHECK(tree.root_visits() == 41);
}

TEST_CASE("eight threads share one tree: every simulation is backed up once") {
  FakeEvaluator evaluator;
  evaluator.delay_us = 200;  // threads overlap in their evaluations
  evaluator.priors = {{"E5", 3.0f}};
  SearchOptions options = rounds(200);
  options.threads = 8;
  TreeSearch tree(options, evaluator, 4);
  const GameState state = GameState::new_game(9);
  tree.search(state);
  CHECK(tree.last_stats().simulations == 200);
  CHECK(tree.root_visits() == 201);
  CHECK(visits_below_root(tree) == 200);
  // A simulation given back after a collision is not evaluated: one call per new leaf.
  CHECK(evaluator.calls() == 201);
  CHECK(evaluator.clients() == 0);
  // Virtual loss spreads the threads: more than one move was tried while others were pending.
  int tried = 0;
  for (const SearchedMove& move : tree.root_moves()) tried += move.visits > 0 ? 1 : 0;
  CHECK(tried > 1);
}

TEST_CASE("four threads play a whole 5x5 game on one reused tree") {
  FakeEvaluator evaluator;
  evaluator.delay_us = 20;
  evaluator.value_of = [](const GameState& state) {
    // A stone more than the opponent is worth a little: games end, by area.
    const int mine = state.board().stone_count(state.next_player());
    const int theirs = state.board().stone_count(opponent(state.next_player()));
    return 0.1f * static_cast<float>(mine - theirs);
  };
  SearchOptions options = rounds(48);
  options.threads = 4;
  TreeSearch tree(options, evaluator, 6);
  GameState state = GameState::new_game(5);
  long long reused = 0;
  int moves = 0;
  while (!state.is_over()) {
    tree.search(state);
    reused += tree.last_stats().reused_visits;
    CHECK(visits_below_root(tree) == tree.root_visits() - 1);
    const Move move = rank_searched_moves(tree.root_moves()).front().move;
    REQUIRE(state.is_legal(move));
    state.play(move);
    REQUIRE(++moves < 300);
  }
  CHECK(reused > 0);
  CHECK(evaluator.clients() == 0);
}

TEST_CASE("a time budget ends the search by its deadline and not a simulation after it") {
  // Each evaluation takes 100 ms. The budget counts from the call, the root's evaluation
  // included, and no simulation starts that would end past it: a search that started
  // simulations until the deadline had passed would return up to 100 ms late.
  FakeEvaluator evaluator;
  evaluator.delay_us = 100000;
  for (int threads : {1, 2}) {
    INFO(threads << " threads");
    SearchOptions options;
    options.seconds = 1.0;
    options.threads = threads;
    TreeSearch tree(options, evaluator, 5);
    const auto start = std::chrono::steady_clock::now();
    tree.search(GameState::new_game(9));
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(tree.last_stats().simulations >= 4 * threads);
    CHECK(seconds >= 0.8);
    CHECK(seconds <= 1.06);
  }
}

TEST_CASE("a move's budget replaces the options' count or time for that search") {
  FakeEvaluator evaluator;
  TreeSearch counted(rounds(100), evaluator, 1);
  MoveBudget budget;
  budget.visits = 30;
  budget.seconds = 60;  // a counted search ignores seconds
  counted.search(GameState::new_game(5), budget);
  CHECK(counted.last_stats().simulations == 30);
  budget.visits = 0;  // at least one
  counted.search(GameState::new_game(9), budget);
  CHECK(counted.last_stats().simulations == 1);

  SearchOptions options;
  options.seconds = 60;
  TreeSearch timed(options, evaluator, 1);
  MoveBudget short_budget;
  short_budget.seconds = 0.05;
  short_budget.visits = 1;  // a timed search ignores visits
  const auto start = std::chrono::steady_clock::now();
  timed.search(GameState::new_game(5), short_budget);
  CHECK(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() < 30.0);
  CHECK(timed.last_stats().simulations > 1);
}

TEST_CASE("root noise changes the visits from seed to seed, without it they repeat") {
  FakeEvaluator evaluator;
  auto visit_lists = [&](double noise_weight) {
    std::set<std::vector<int>> lists;
    for (std::uint64_t seed = 1; seed <= 6; ++seed) {
      SearchOptions options = rounds(60);
      options.noise_weight = noise_weight;
      TreeSearch tree(options, evaluator, seed);
      tree.search(GameState::new_game(5));
      std::vector<int> visits;
      for (const SearchedMove& move : tree.root_moves()) visits.push_back(move.visits);
      lists.insert(visits);
    }
    return lists.size();
  };
  CHECK(visit_lists(0.0) == 1);
  CHECK(visit_lists(0.5) > 1);
}

TEST_CASE("a depth limit evaluates the node at the limit again instead of growing the tree") {
  FakeEvaluator evaluator;
  evaluator.priors = {{"C3", 5.0f}};
  SearchOptions options = rounds(50);
  options.max_depth = 1;
  TreeSearch tree(options, evaluator, 1);
  tree.search(GameState::new_game(5));
  CHECK(evaluator.calls() == 51);  // the root, then one evaluation per simulation
  CHECK(tree.root_visits() == 51);
  for (const SearchedMove& move : tree.root_moves()) {
    for (const SearchedMove& below : tree.moves_of()(move.child)) CHECK(below.visits == 0);
  }
}

TEST_CASE("an evaluator failure reaches the caller and leaves no half-built tree") {
  FakeEvaluator evaluator;
  evaluator.fail_from_call = 20;
  SearchOptions options = rounds(100);
  options.threads = 4;
  TreeSearch tree(options, evaluator, 1);
  const GameState state = GameState::new_game(5);
  CHECK_THROWS_AS(tree.search(state), std::runtime_error);
  CHECK(evaluator.clients() == 0);
  CHECK(tree.root_moves().empty());
  evaluator.fail_from_call = -1;
  tree.search(state);
  CHECK(tree.last_stats().reused_visits == 0);
  CHECK(tree.root_visits() == 101);
}

TEST_CASE("the search refuses a finished game and bad options") {
  FakeEvaluator evaluator;
  TreeSearch tree(rounds(10), evaluator, 1);
  GameState over = GameState::new_game(5);
  over.play(Move::pass());
  over.play(Move::pass());
  CHECK_THROWS_AS(tree.search(over), std::invalid_argument);
  SearchOptions bad = rounds(10);
  bad.c_puct = 0;
  CHECK_THROWS_WITH(TreeSearch(bad, evaluator, 1), Catch::Contains("search: c_puct"));
  bad = rounds(0);
  CHECK_THROWS_WITH(bad.validate("zero"), Catch::Contains("zero: rounds must be >= 1"));
  bad.seconds = 1;  // a time budget needs no count
  CHECK_NOTHROW(bad.validate("zero"));
}
