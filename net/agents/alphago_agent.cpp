#include "net/agents/alphago_agent.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

#include "engine/playout.h"
#include "net/agents/move_choice.h"

namespace dlgo::net {

namespace {

struct Node {
  Move move;  // the move that led here
  float prior = 0;
  int visits = 0;
  double q = 0;  // mean value for the player who played `move`
  bool expanded = false;
  float value = 0;  // value network, for the player to move here
  std::vector<int> children;
};

double result_for(const GameState& state, Color player) {
  Color winner = state.result().winner();
  if (winner == Color::kEmpty) return 0;
  return winner == player ? 1 : -1;
}

class Search {
 public:
  Search(const Model& model, const Model* fast_policy, const AlphaGoOptions& options,
         const GameState& root, Rng& rng)
      : model_(model), fast_policy_(fast_policy), options_(options), root_state_(root), rng_(rng) {
    nodes_.emplace_back();
    input_.resize(model_.input_size());
    policy_.resize(static_cast<size_t>(model_.spec().policy_outputs));
  }

  void run() {
    expand(0, root_state_);
    if (nodes_[0].children.size() <= 1) return;
    for (int round = 0; round < options_.rounds; ++round) simulate();
  }

  const std::vector<Node>& nodes() const { return nodes_; }

 private:
  void simulate() {
    GameState state = root_state_;
    std::vector<int> path{0};
    int current = 0;
    while (nodes_[current].expanded && !state.is_over() &&
           static_cast<int>(path.size()) <= options_.depth) {
      current = select_child(current);
      state.play_unchecked(nodes_[current].move);
      path.push_back(current);
    }
    double value;  // for the player to move at the leaf
    if (state.is_over()) {
      value = result_for(state, state.next_player());
    } else {
      if (!nodes_[current].expanded) expand(current, state);
      double network = nodes_[current].value;
      double rollout = options_.lambda > 0 ? this->rollout(state) : 0.0;
      value = (1 - options_.lambda) * network + options_.lambda * rollout;
    }
    ++nodes_[0].visits;
    // Each node's Q is for the player who moved into it, the opponent of the player to move
    // there: the sign flips at every ply.
    for (size_t i = path.size() - 1; i > 0; --i) {
      value = -value;
      Node& node = nodes_[path[i]];
      ++node.visits;
      node.q += (value - node.q) / node.visits;
    }
  }

  int select_child(int index) const {
    const Node& node = nodes_[index];
    const double sqrt_parent = std::sqrt(std::max(1, node.visits));
    int best = node.children.front();
    double best_score = -1e300;
    for (int child : node.children) {
      const Node& c = nodes_[child];
      double score = c.q + options_.c_u * c.prior * sqrt_parent / (1 + c.visits);
      if (score > best_score) {
        best_score = score;
        best = child;
      }
    }
    return best;
  }

  void expand(int index, const GameState& state) {
    const Encoder& encoder = model_.encoder();
    float value = 0;
    model_.encode_input(state, input_.data());
    model_.predict(input_.data(), 1, policy_.data(), &value);
    std::vector<Node> children;
    double total = 0;
    for (int point : state.legal_points()) {
      if (options_.avoid_own_eyes && state.board().is_eye(point, state.next_player())) continue;
      Node child;
      child.move = Move::play(point);
      child.prior = policy_[encoder.encode_move(child.move)];
      total += child.prior;
      children.push_back(child);
    }
    Node pass;
    pass.move = Move::pass();
    pass.prior = encoder.predicts_pass() ? policy_[encoder.encode_move(pass.move)]
                                         : 1.0f / static_cast<float>(encoder.num_moves());
    total += pass.prior;
    children.push_back(pass);
    for (Node& child : children) {
      child.prior = total > 0 ? static_cast<float>(child.prior / total)
                              : 1.0f / static_cast<float>(children.size());
      nodes_[index].children.push_back(static_cast<int>(nodes_.size()));
      nodes_.push_back(child);
    }
    nodes_[index].expanded = true;
    nodes_[index].value = value;
  }

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

  const Model& model_;
  const Model* fast_policy_;
  const AlphaGoOptions& options_;
  const GameState& root_state_;
  Rng& rng_;
  std::vector<Node> nodes_;
  std::vector<float> input_, policy_;
};

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
  return text + std::string("policy (") + fast.kind + ", " + fast.network.network + " network, " +
         fast.encoder + " encoder)";
}

MoveDecision AlphaGoAgent::decide(const GameState& state, Rng& rng,
                                  const MoveBudget& budget) const {
  AlphaGoOptions options = options_;
  if (budget.visits) options.rounds = std::max(1, *budget.visits);
  Search search(model(), fast_policy_.get(), options, state, rng);
  search.run();
  const std::vector<Node>& nodes = search.nodes();
  std::vector<int> order = nodes[0].children;
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    if (nodes[a].visits != nodes[b].visits) return nodes[a].visits > nodes[b].visits;
    return nodes[a].prior > nodes[b].prior;
  });

  MoveDecision decision;
  decision.move = nodes[order.front()].move;
  AgentDiagnostics& diagnostics = decision.diagnostics;
  diagnostics.visits = nodes[0].visits;
  diagnostics.value = nodes[0].value;
  const Node& best = nodes[order.front()];
  diagnostics.win_rate =
      best.visits > 0 ? win_rate_of_value(best.q) : win_rate_of_value(nodes[0].value);
  for (size_t i = 0; i < order.size() && i < 10; ++i) {
    const Node& node = nodes[order[i]];
    MoveCandidate candidate;
    candidate.move = node.move;
    candidate.prior = node.prior;
    candidate.visits = node.visits;
    if (node.visits > 0) candidate.win_rate = win_rate_of_value(node.q);
    diagnostics.top_moves.push_back(candidate);
  }
  for (int index = order.front(); index >= 0;) {
    diagnostics.principal_variation.push_back(nodes[index].move);
    int next = -1;
    for (int child : nodes[index].children) {
      if (nodes[child].visits > 0 && (next < 0 || nodes[child].visits > nodes[next].visits))
        next = child;
    }
    index = next;
  }
  if (resign_.should_resign(state, *diagnostics.win_rate)) decision.move = Move::resign();
  return decision;
}

}  // namespace dlgo::net
