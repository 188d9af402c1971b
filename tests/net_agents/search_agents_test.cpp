// zero and alphago searches: values change sign at every ply, the tree is reused between
// moves, several threads batch their leaves, and the search options do what they say.
#include "tests/catch.h"

#include <cmath>
#include <numeric>
#include <set>

#include "engine/agents/game_player.h"
#include "engine/ascii_board.h"
#include "engine/coords.h"
#include "net/agent_files.h"
#include "net/agents/alphago_agent.h"
#include "net/agents/zero_agent.h"
#include "net/agents/zero_search.h"
#include "tests/net_agents/agent_support.h"
#include "tests/search/search_positions.h"

using namespace dlgo;
using namespace dlgo::net;
using dlgo::test::fresh_model;
using dlgo::test::pass_loses_for_black;

namespace {

const MoveCandidate* find_candidate(const MoveDecision& decision, Move move) {
  for (const MoveCandidate& candidate : decision.diagnostics.top_moves) {
    if (candidate.move == move) return &candidate;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("zero search values a losing pass as a loss for the player who passes") {
  GameState state = pass_loses_for_black();
  REQUIRE(state.result().winner() == Color::kWhite);
  REQUIRE(state.legal_points().size() == 8);  // C1..C5 and three of its own eyes
  ZeroOptions options;
  options.rounds = 300;
  options.c_puct = 4.0;  // make sure the pass gets tried
  ZeroSearch search(fresh_model("zero", "zero", 5), options, 3);
  MoveDecision decision = search.select_move(state);
  CHECK_FALSE(decision.move.is_pass());
  const MoveCandidate* pass = find_candidate(decision, Move::pass());
  REQUIRE(pass != nullptr);
  REQUIRE(pass->visits.value_or(0) > 0);
  CHECK(pass->win_rate.value() == Approx(0.0));
}

TEST_CASE("zero search tries a pass only when it ends the game or nothing else is left") {
  // Positions where the opponent has not passed: the empty board and two mid-game positions.
  std::vector<GameState> positions{GameState::new_game(5)};
  GameState midgame = GameState::new_game(5);
  for (const char* vertex : {"C3", "B2", "D4", "C2"}) {
    midgame.play(gtp_to_move(midgame.size(), vertex).value());
    positions.push_back(midgame);
  }
  auto pass_visits = [&](bool restrict_passes) {
    int visits = 0;
    for (const GameState& state : positions) {
      ZeroOptions options;
      options.rounds = 200;
      options.c_puct = 6.0;  // wide search: every move with a prior gets tried
      options.restrict_passes = restrict_passes;
      ZeroSearch search(fresh_model("zero", "zero", 5), options, 3);
      REQUIRE_FALSE(search.select_move(state).move.is_pass());
      visits += search.root_visit_counts().back();  // the pass is the last label
    }
    return visits;
  };
  CHECK(pass_visits(true) == 0);
  CHECK(pass_visits(false) > 0);  // the check above can see a searched pass
  // After the opponent's pass, the pass is searched (and scored exactly): see the test above.
}

TEST_CASE("alphago search values a losing pass as a loss for the player who passes") {
  GameState state = pass_loses_for_black();
  AlphaGoOptions options;
  options.rounds = 300;
  options.c_u = 20.0;
  AlphaGoAgent agent(fresh_model("alphago", "simple", 5), options, 3);
  MoveDecision decision = agent.select_move(state);
  CHECK_FALSE(decision.move.is_pass());
  const MoveCandidate* pass = find_candidate(decision, Move::pass());
  REQUIRE(pass != nullptr);
  REQUIRE(pass->visits.value_or(0) > 0);
  CHECK(pass->win_rate.value() == Approx(0.0));
  // Q is a running mean: every win rate is a rate.
  for (const MoveCandidate& candidate : decision.diagnostics.top_moves) {
    if (candidate.win_rate) {
      CHECK(*candidate.win_rate >= 0.0);
      CHECK(*candidate.win_rate <= 1.0);
    }
  }
  CHECK(decision.diagnostics.visits.value() == 300);
}

TEST_CASE("zero search reports visits, priors, win rates and a principal variation") {
  ZeroOptions options;
  options.rounds = 64;
  ZeroSearch search(fresh_model("zero", "zero", 9), options, 1);
  GameState state = GameState::new_game(9);
  MoveDecision decision = search.select_move(state);
  const AgentDiagnostics& d = decision.diagnostics;
  REQUIRE(d.visits.has_value());
  CHECK(*d.visits == 65);  // the root's own evaluation plus 64 simulations
  CHECK(search.last_stats().simulations == 64);
  const std::vector<int>& counts = search.root_visit_counts();
  REQUIRE(counts.size() == 82);  // 81 points and the pass
  CHECK(std::accumulate(counts.begin(), counts.end(), 0) == 64);
  REQUIRE_FALSE(d.top_moves.empty());
  CHECK(d.top_moves.front().move == decision.move);
  CHECK(d.top_moves.front().visits.value() ==
        counts[decision.move.is_pass() ? 81 : decision.move.point]);
  CHECK(d.top_moves.front().prior.value() > 0);
  CHECK(d.value.has_value());
  CHECK(d.win_rate.value() >= 0.0);
  CHECK(d.win_rate.value() <= 1.0);
  REQUIRE_FALSE(d.principal_variation.empty());
  CHECK(d.principal_variation.front() == decision.move);
  for (size_t i = 1; i < d.top_moves.size(); ++i) {
    CHECK(d.top_moves[i - 1].visits.value() >= d.top_moves[i].visits.value());
  }
}

TEST_CASE("zero search keeps the subtree of the moves played since its last search") {
  ZeroOptions options;
  options.rounds = 40;
  ZeroSearch search(fresh_model("zero", "zero", 5), options, 2);
  GameState state = GameState::new_game(5);
  MoveDecision first = search.select_move(state);
  const int chosen_visits = first.diagnostics.top_moves.front().visits.value();
  REQUIRE(chosen_visits > 0);
  state.play(first.move);
  // One search plays both sides: the next root is the chosen move's child.
  MoveDecision second = search.select_move(state);
  CHECK(search.last_stats().reused_visits == chosen_visits);
  CHECK(second.diagnostics.visits.value() == chosen_visits + 40);

  // Two moves on (ours and the opponent's): still found when the tree went there.
  state.play(second.move);
  const int reply_visits = second.diagnostics.top_moves.front().visits.value();
  search.select_move(state);
  CHECK(search.last_stats().reused_visits == reply_visits);

  // A different game: a fresh tree.
  GameState other = GameState::new_game(5);
  other.play(Move::play(12));
  search.select_move(other);
  CHECK(search.last_stats().reused_visits == 0);
}

TEST_CASE("eight zero search threads batch their leaves into shared network calls") {
  ZeroOptions options;
  options.rounds = 160;
  options.threads = 8;
  options.batching.max_wait_ms = 50;  // a loaded test machine must not split batches
  ZeroAgent agent(fresh_model("zero", "zero", 9), options, 4);
  GameState state = GameState::new_game(9);
  agent.evaluator().reset_stats();
  MoveDecision decision = agent.select_move(state);
  BatchingStats stats = agent.evaluator().stats();
  INFO("batches " << stats.batches << ", positions " << stats.positions);
  CHECK(stats.positions >= 161);  // every simulation reaches a leaf, plus the root
  CHECK(stats.positions_per_batch() > 2.0);
  CHECK(decision.diagnostics.visits.value() == 161);
  CHECK(state.is_legal(decision.move));
}

TEST_CASE("a zero agent's game player keeps its tree between moves, the agent does not") {
  ZeroOptions options;
  options.rounds = 40;
  ZeroAgent agent(fresh_model("zero", "zero", 5), options, 4);
  std::unique_ptr<GamePlayer> player = agent.new_game_player(9);
  GameState state = GameState::new_game(5);
  MoveDecision first = player->select_move(state);
  CHECK(first.diagnostics.visits.value() == 41);
  CHECK(std::accumulate(player->root_visit_counts().begin(), player->root_visit_counts().end(),
                        0) == 40);
  const int kept = first.diagnostics.top_moves.front().visits.value();
  REQUIRE(kept > 0);
  state.play(first.move);
  // The chosen move's subtree is the new root: its visits and 40 new ones.
  CHECK(player->select_move(state).diagnostics.visits.value() == kept + 40);
  CHECK(agent.select_move(state).diagnostics.visits.value() == 41);
  // A budget replaces the rounds for one move.
  MoveBudget budget;
  budget.visits = 10;
  CHECK(agent.select_move_within(state, budget).diagnostics.visits.value() == 11);
}

TEST_CASE("zero search with a time budget stops on time") {
  ZeroOptions options;
  options.seconds_per_move = 0.2;
  options.threads = 2;
  ZeroSearch search(fresh_model("zero", "zero", 9), options, 5);
  MoveDecision decision = search.select_move(GameState::new_game(9));
  CHECK(search.last_stats().simulations >= 1);
  // It starts no simulation that would end past the deadline, so it may stop up to about one
  // simulation early (a slow first batch weighs on its estimate for a few more): it must spend
  // most of the budget searching, and stop soon after it.
  CHECK(decision.diagnostics.seconds >= 0.1);
  CHECK(decision.diagnostics.seconds < 2.0);
}

TEST_CASE("zero self-play options: noise and temperature change moves, defaults repeat them") {
  auto model = fresh_model("zero", "zero", 5);
  GameState opening = GameState::new_game(5);
  GameState later = opening;
  later.play(Move::play(6));
  later.play(Move::play(18));
  auto distinct_moves = [&](const ZeroOptions& options, const GameState& state) {
    std::set<int> points;
    for (std::uint64_t seed = 1; seed <= 12; ++seed) {
      ZeroSearch search(model, options, seed);
      MoveDecision decision = search.select_move(state);
      points.insert(decision.move.is_pass() ? -1 : decision.move.point);
    }
    return points.size();
  };
  ZeroOptions plain;
  plain.rounds = 30;
  CHECK(distinct_moves(plain, opening) == 1);  // no randomness: the same search every time
  ZeroOptions noisy = plain;
  noisy.noise_weight = 0.5;
  CHECK(distinct_moves(noisy, opening) > 1);
  ZeroOptions hot = plain;
  hot.move_temperature = 1.0;
  CHECK(distinct_moves(hot, opening) > 1);
  hot.temperature_moves = 2;  // sampling only while fewer than 2 moves were played
  CHECK(distinct_moves(hot, opening) > 1);
  CHECK(distinct_moves(hot, later) == 1);

  ZeroOptions bad = plain;
  bad.c_puct = 0;
  CHECK_THROWS_AS(ZeroSearch(model, bad, 1), std::invalid_argument);
  CHECK_THROWS_AS(ZeroSearch(fresh_model("predict", "zero", 5), plain, 1), std::invalid_argument);
}

TEST_CASE("zero search refuses a finished game or another board size") {
  ZeroSearch search(fresh_model("zero", "zero", 5), ZeroOptions{}, 1);
  GameState over = GameState::new_game(5);
  over.play(Move::pass());
  over.play(Move::pass());
  CHECK_THROWS_AS(search.select_move(over), std::invalid_argument);
  CHECK_THROWS_AS(search.select_move(GameState::new_game(9)), std::invalid_argument);
}

TEST_CASE("eight zero search threads play a whole 5x5 game on one reused tree") {
  ZeroOptions options;
  options.rounds = 48;
  options.threads = 8;
  ZeroSearch search(fresh_model("zero", "zero", 5), options, 6);
  GameState state = GameState::new_game(5);
  int moves = 0;
  long long reused = 0;
  while (!state.is_over()) {
    MoveDecision decision = search.select_move(state);
    REQUIRE(state.is_legal(decision.move));
    reused += search.last_stats().reused_visits;
    // The root's visit counts hold every simulation below it, new and kept: all its visits
    // but its own evaluation.
    if (decision.diagnostics.visits) {
      const std::vector<int>& counts = search.root_visit_counts();
      CHECK(std::accumulate(counts.begin(), counts.end(), 0) == *decision.diagnostics.visits - 1);
      CHECK(*decision.diagnostics.visits >= search.last_stats().simulations + 1);
    }
    state.play(decision.move);
    REQUIRE(++moves < 400);
  }
  CHECK(reused > 0);
}

TEST_CASE("zero agent files resign by the clear-loss rule, never in the opening") {
  const std::string path = dlgo::test::fresh_agent_file("zero", "zero", 9);
  std::unique_ptr<Agent> agent = load_agent_file(path, AgentOptions{}, "cpu");
  const auto* zero = dynamic_cast<const ZeroAgent*>(agent.get());
  REQUIRE(zero);
  CHECK(zero->options().resign.threshold == 0.05);
  CHECK(zero->options().resign.moves == 3);
  CHECK(zero->options().resign.min_game_moves == 20);
  CHECK(clear_loss_resignation(BoardSize{19, 19}).min_game_moves == 60);
  CHECK(clear_loss_resignation(BoardSize{13, 13}).min_game_moves == 28);

  // On 19x19: a game whose win rate has been 1% for three moves of ours in a row is resigned
  // at move 60, not at move 58.
  ResignJudge judge(clear_loss_resignation(BoardSize{19, 19}));
  GameState state = GameState::new_game(19);
  Rng rng(3);
  int resigned_at = -1;
  while (resigned_at < 0 && state.moves().size() < 80) {
    if (state.next_player() == Color::kBlack && judge.should_resign(state, 0.01)) {
      resigned_at = static_cast<int>(state.moves().size());
    }
    std::vector<int> points = state.legal_points();
    state.play(Move::play(points[rng.below(static_cast<std::uint32_t>(points.size()))]));
  }
  CHECK(resigned_at == 60);
  // A win rate above 5% on the last of those moves keeps the game going.
  ResignJudge fresh(clear_loss_resignation(BoardSize{19, 19}));
  CHECK_FALSE(fresh.should_resign(state, 0.2));
}

TEST_CASE("a zero agent passes after the opponent's pass on a settled board, won or lost") {
  const std::string path = dlgo::test::fresh_agent_file("zero", "zero", 9);
  std::unique_ptr<Agent> agent = load_agent_file(path, AgentOptions{}, "cpu");
  // White leads by 14.5 after the dead stones (B4; H3, H7) come off; nothing is left to play.
  const char* settled =
      "..XXO....\n"
      ".XXOO.O..\n"
      ".XXXO..X.\n"
      ".XXOOO...\n"
      "..XXXOOOO\n"
      ".O.XXOO..\n"
      "...XXOOX.\n"
      "..X.XO...\n"
      "...XOO...\n";
  for (Color passer : {Color::kWhite, Color::kBlack}) {
    GameState state = game_from_ascii(settled, passer);
    state.play(Move::pass());
    INFO(color_name(state.next_player()) << " to move");
    CHECK(agent->select_move(state).move.is_pass());
  }
  // Its value head judges positions for the player to move.
  std::optional<double> value = agent->position_value(GameState::new_game(9));
  REQUIRE(value);
  CHECK(std::abs(*value) <= 1.0);
  CHECK_FALSE(
      load_agent_file(dlgo::test::fresh_agent_file("pg", "simple", 9), AgentOptions{}, "cpu")
          ->position_value(GameState::new_game(9)));
}
