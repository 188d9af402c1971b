#include "net/agents/zero_search.h"

#include <chrono>
#include <cmath>
#include <stdexcept>
#include <string>

#include "engine/agents/pass_policy.h"
#include "net/agents/move_choice.h"

namespace dlgo::net {

namespace {

// Checked before the tree sees them, so errors name the zero options.
SearchOptions checked_search_options(const ZeroOptions& options) {
  options.validate();
  return options.search_options();
}

}  // namespace

void ZeroOptions::validate() const {
  search_options().validate("zero");
  auto fail = [](const std::string& what) { throw std::invalid_argument("zero: " + what); };
  if (!(move_temperature >= 0)) fail("move temperature must be >= 0");
  if (temperature_moves < 0) fail("temperature moves must be >= 0");
}

SearchOptions ZeroOptions::search_options() const {
  SearchOptions search;
  search.rounds = rounds;
  search.seconds = seconds_per_move;
  search.threads = threads;
  search.c_puct = c_puct;
  search.virtual_loss = virtual_loss;
  search.noise_weight = noise_weight;
  search.dirichlet_alpha = dirichlet_alpha;
  search.avoid_own_eyes = avoid_own_eyes;
  search.restrict_passes = restrict_passes;
  return search;
}

ZeroSearch::ZeroSearch(std::shared_ptr<const Model> model, ZeroOptions options, std::uint64_t seed,
                       std::shared_ptr<BatchingEvaluator> evaluator, const ResignJudge* resign)
    : model_(std::move(model)),
      options_(options),
      evaluator_(model_, std::move(evaluator), options_.batching),
      tree_(checked_search_options(options_), evaluator_, seed),
      resign_(resign) {
  if (!resign_) {
    own_resign_ = std::make_unique<ResignJudge>(options_.resign);
    resign_ = own_resign_.get();
  }
}

ZeroSearch::~ZeroSearch() = default;

MoveDecision ZeroSearch::select_move(const GameState& state, const MoveBudget& budget) {
  const auto start = std::chrono::steady_clock::now();
  const Encoder& encoder = model_->encoder();
  if (!(state.size() == encoder.board_size())) {
    throw std::invalid_argument(
        "zero search of " + model_->path() + " plays " + std::to_string(encoder.width()) + "x" +
        std::to_string(encoder.height()) + ", not " + std::to_string(state.size().width) + "x" +
        std::to_string(state.size().height));
  }
  if (state.is_over()) throw std::invalid_argument("zero search: the game is over");
  stats_ = ZeroSearchStats{};
  visit_counts_.assign(static_cast<size_t>(encoder.num_moves()), 0);

  MoveDecision decision;
  if (should_pass(state)) {
    if (encoder.predicts_pass()) visit_counts_[encoder.encode_move(Move::pass())] = 1;
    decision.move = Move::pass();
  } else {
    // A timed move's seconds run from this call: what came before the search counts.
    tree_.search(state, budget_left(budget, options_.timed_seconds(), start));
    static_cast<SearchStats&>(stats_) = tree_.last_stats();
    decision = decide();
  }
  stats_.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  decision.diagnostics.seconds = stats_.seconds;
  return decision;
}

MoveDecision ZeroSearch::decide() {
  const Encoder& encoder = model_->encoder();
  const std::vector<SearchedMove> moves = tree_.root_moves();
  for (const SearchedMove& move : moves) {
    if (move.move.is_play() || encoder.predicts_pass()) {
      visit_counts_[encoder.encode_move(move.move)] = move.visits;
    }
  }
  const std::vector<SearchedMove> ranked = rank_searched_moves(moves);
  const SearchedMove* chosen = &ranked.front();
  const int moves_played = static_cast<int>(tree_.root_state().moves().size());
  const bool sample = options_.move_temperature > 0 && (options_.temperature_moves == 0 ||
                                                        moves_played < options_.temperature_moves);
  if (sample) {
    std::vector<double> weights(moves.size());
    for (size_t i = 0; i < moves.size(); ++i) {
      weights[i] =
          moves[i].visits > 0 ? std::pow(moves[i].visits, 1.0 / options_.move_temperature) : 0.0;
    }
    chosen = &moves[static_cast<size_t>(rank_by_sampling(weights, tree_.rng()).front())];
  }

  MoveDecision decision;
  decision.move = chosen->move;
  AgentDiagnostics& diagnostics = decision.diagnostics;
  describe_search(ranked, *chosen, tree_.moves_of(), 1, diagnostics);
  diagnostics.visits = tree_.root_visits();
  diagnostics.value = tree_.root_value();
  if (!diagnostics.win_rate) diagnostics.win_rate = win_rate_of_value(tree_.root_value());
  if (resign_->should_resign(tree_.root_state(), *diagnostics.win_rate)) {
    decision.move = Move::resign();
  }
  return decision;
}

}  // namespace dlgo::net
