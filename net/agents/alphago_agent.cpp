#include "net/agents/alphago_agent.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

#include "engine/playout.h"
#include "engine/search/tree_search.h"
#include "net/agents/move_choice.h"

namespace dlgo::net {

namespace {

double result_for(const GameState& state, Color player) {
  Color winner = state.result().winner();
  if (winner == Color::kEmpty) return 0;
  return winner == player ? 1 : -1;
}

// The book's leaf value, (1 - lambda) * value network + lambda * rollout result, with the
// network's priors. One per search: its rollouts draw from the call's generator.
class RolloutMixEvaluator : public Evaluator {
 public:
  RolloutMixEvaluator(Evaluator& network, const Model* fast_policy, const AlphaGoOptions& options,
                      Rng& rng)
      : network_(network), fast_policy_(fast_policy), options_(options), rng_(rng) {}

  void evaluate(const GameState& state, Evaluation& result) override {
    network_.evaluate(state, result);
    if (options_.lambda > 0) {
      result.value = static_cast<float>((1 - options_.lambda) * result.value +
                                        options_.lambda * rollout(state));
    }
  }
  void add_clients(int count) override { network_.add_clients(count); }
  void remove_client() override { network_.remove_client(); }

 private:
  // The result of a fast game from `state`, for its player to move.
  double rollout(GameState state) {
    const Color player = state.next_player();
    if (!fast_policy_) {
      play_random_game(state, rng_, options_.rollout_limit);
      return result_for(state, player);
    }
    const Encoder& encoder = fast_policy_->encoder();
    std::vector<float> input(fast_policy_->input_size());
    std::vector<float> policy(static_cast<size_t>(fast_policy_->spec().policy_outputs));
    for (int step = 0; step < options_.rollout_limit && !state.is_over(); ++step) {
      fast_policy_->encode_input(state, input.data());
      fast_policy_->predict(input.data(), 1, policy.data(), nullptr);
      std::vector<double> weights(policy.begin(), policy.begin() + encoder.num_points());
      state.play_unchecked(first_playable(state, encoder, rank_by_sampling(weights, rng_)));
    }
    return result_for(state, player);
  }

  Evaluator& network_;
  const Model* fast_policy_;
  const AlphaGoOptions& options_;
  Rng& rng_;
};

SearchOptions search_options(const AlphaGoOptions& options) {
  SearchOptions search;
  search.rounds = options.rounds;
  search.c_puct = options.c_u;
  search.avoid_own_eyes = options.avoid_own_eyes;
  search.restrict_passes = false;            // the book's search always tries the pass
  search.unvisited_at_parent_value = false;  // and starts unvisited moves at 0
  search.max_depth = options.depth;
  return search;
}

}  // namespace

void AlphaGoOptions::validate() const {
  auto fail = [](const std::string& what) { throw std::invalid_argument("alphago: " + what); };
  if (rounds < 1) fail("rounds must be >= 1");
  if (!(lambda >= 0 && lambda <= 1)) fail("lambda must be in 0..1");
  if (!(c_u > 0)) fail("c_u must be > 0");
  if (depth < 1) fail("depth must be >= 1");
  if (rollout_limit < 0) fail("rollout limit must be >= 0");
}

AlphaGoAgent::AlphaGoAgent(std::shared_ptr<const Model> model, AlphaGoOptions options,
                           std::uint64_t seed, std::shared_ptr<const Model> fast_policy)
    : NetworkAgent(std::move(model), seed),
      options_(options),
      fast_policy_(std::move(fast_policy)),
      resign_(options.resign) {
  options_.validate();
  require_value_head();
  network_ = std::make_shared<NetworkEvaluator>(shared_model());
  if (fast_policy_ &&
      !(fast_policy_->encoder().board_size() == this->model().encoder().board_size())) {
    throw std::invalid_argument(fast_policy_->path() +
                                ": the fast policy plays another board size than " +
                                this->model().path());
  }
  if (fast_policy_ && fast_policy_->spec().action_input > 0) {
    throw std::invalid_argument(fast_policy_->path() + ": a q network cannot be a fast policy");
  }
}

std::string AlphaGoAgent::settings() const {
  char text[64];
  std::snprintf(text, sizeof text, "%d rounds, lambda %g, rollouts: ", options_.rounds,
                options_.lambda);
  if (!fast_policy_) return text + std::string("random");
  const AgentMetadata& fast = fast_policy_->metadata();
  return text + std::string("policy (") + std::string(agent_kind_name(fast.kind)) + ", " +
         fast.network.network + " network, " + fast.encoder + " encoder)";
}

MoveDecision AlphaGoAgent::decide(const GameState& state, Rng& rng,
                                  const MoveBudget& budget) const {
  AlphaGoOptions options = options_;
  if (budget.visits) options.rounds = std::max(1, *budget.visits);
  RolloutMixEvaluator evaluator(*network_, fast_policy_.get(), options, rng);
  TreeSearch tree(search_options(options), evaluator, rng.next());
  tree.search(state);

  const std::vector<SearchedMove> ranked = rank_searched_moves(tree.root_moves());
  MoveDecision decision;
  decision.move = ranked.front().move;
  AgentDiagnostics& diagnostics = decision.diagnostics;
  describe_search(ranked, ranked.front(), tree.moves_of(), 1, diagnostics);
  diagnostics.visits = tree.last_stats().simulations;
  diagnostics.value = tree.root_value();
  if (!diagnostics.win_rate) diagnostics.win_rate = win_rate_of_value(tree.root_value());
  if (resign_.should_resign(state, *diagnostics.win_rate)) decision.move = Move::resign();
  return decision;
}

}  // namespace dlgo::net
