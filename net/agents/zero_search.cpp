#include "net/agents/zero_search.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <exception>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>

#include "engine/agents/pass_policy.h"
#include "net/agents/model_batch_network.h"
#include "net/agents/move_choice.h"

namespace dlgo::net {

// Every field of Node and Edge is guarded by tree_mutex_ while search threads run.
struct ZeroSearch::Node {
  enum class Status : std::uint8_t { kFresh, kExpanding, kExpanded, kTerminal };
  struct Edge {
    Move move;
    float prior = 0;
    int visits = 0;
    int pending = 0;   // simulations under way through this edge (virtual loss)
    double total = 0;  // summed values, for the player choosing this edge
    std::unique_ptr<Node> child;
  };

  Status status = Status::kFresh;
  float value = 0;  // network value (or final result) for the player to move here
  int visits = 0;   // simulations backed up through this node
  int pending = 0;
  std::vector<Edge> edges;
};

struct ZeroSearch::Worker {
  std::vector<float> input, policy;
  std::vector<std::pair<Node*, int>> path;
};

namespace {

double terminal_value(const GameState& state) {
  Color winner = state.result().winner();
  if (winner == Color::kEmpty) return 0;
  return winner == state.next_player() ? 1 : -1;
}

}  // namespace

void ZeroOptions::validate() const {
  auto fail = [](const std::string& what) { throw std::invalid_argument("zero: " + what); };
  if (seconds_per_move <= 0 && rounds < 1) fail("rounds must be >= 1");
  if (seconds_per_move < 0) fail("seconds per move must be >= 0");
  if (threads < 1 || threads > 256) fail("threads must be in 1..256");
  if (!(c_puct > 0)) fail("c_puct must be > 0");
  if (!(virtual_loss >= 0)) fail("virtual loss must be >= 0");
  if (!(noise_weight >= 0 && noise_weight <= 1)) fail("noise weight must be in 0..1");
  if (!(dirichlet_alpha >= 0)) fail("dirichlet alpha must be >= 0");
  if (!(move_temperature >= 0)) fail("move temperature must be >= 0");
  if (temperature_moves < 0) fail("temperature moves must be >= 0");
}

ZeroSearch::ZeroSearch(std::shared_ptr<const Model> model, ZeroOptions options, std::uint64_t seed,
                       std::shared_ptr<BatchingEvaluator> evaluator, const ResignJudge* resign)
    : model_(std::move(model)),
      options_(options),
      rng_(seed),
      evaluator_(std::move(evaluator)),
      resign_(resign) {
  options_.validate();
  if (!evaluator_) {
    evaluator_ = std::make_shared<BatchingEvaluator>(std::make_shared<ModelBatchNetwork>(model_),
                                                     options_.batching);
  } else if (!model_->has_value_head()) {
    throw std::invalid_argument(model_->path() + ": search needs a network with a value head");
  }
  if (!resign_) {
    own_resign_ = std::make_unique<ResignJudge>(options_.resign);
    resign_ = own_resign_.get();
  }
}

ZeroSearch::~ZeroSearch() = default;

void ZeroSearch::reset() {
  root_.reset();
  have_root_state_ = false;
}

MoveDecision ZeroSearch::select_move(const GameState& state) {
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
    adopt_root(state);
    stats_.reused_visits = root_->visits;
    expand_root();
    if (root_->edges.size() > 1) {
      mix_root_noise();
      try {
        run_simulations();
      } catch (...) {
        reset();  // leaves left half-expanded must not be reused
        throw;
      }
    }
    decision = decide();
  }
  stats_.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  decision.diagnostics.seconds = stats_.seconds;
  return decision;
}

void ZeroSearch::adopt_root(const GameState& state) {
  std::unique_ptr<Node> root;
  if (root_ && have_root_state_ && root_state_.moves().size() <= state.moves().size() &&
      std::equal(root_state_.moves().begin(), root_state_.moves().end(), state.moves().begin())) {
    // Follow the moves played since the last search down the old tree.
    root = std::move(root_);
    for (size_t i = root_state_.moves().size(); i < state.moves().size() && root; ++i) {
      const Move move = state.moves()[i];
      std::unique_ptr<Node> next;
      for (Node::Edge& edge : root->edges) {
        if (edge.move == move) next = std::move(edge.child);
      }
      root = std::move(next);
    }
    // Same moves from a different start (setup stones, another game): not our tree.
    GameState replayed = root_state_;
    for (size_t i = root_state_.moves().size(); i < state.moves().size() && root; ++i) {
      if (!replayed.is_legal(state.moves()[i])) {
        root.reset();
        break;
      }
      replayed.play_unchecked(state.moves()[i]);
    }
    if (root && (replayed.board().hash() != state.board().hash() ||
                 replayed.next_player() != state.next_player() ||
                 replayed.rules().komi != state.rules().komi)) {
      root.reset();
    }
  }
  root_ = root ? std::move(root) : std::make_unique<Node>();
  // A node left half-done by an interrupted search is evaluated again.
  if (root_->status == Node::Status::kExpanding) root_->status = Node::Status::kFresh;
  root_state_ = state;
  have_root_state_ = true;
}

void ZeroSearch::expand_root() {
  if (root_->status == Node::Status::kExpanded && !root_->edges.empty()) return;
  Worker worker;
  worker.input.resize(evaluator_->input_size());
  worker.policy.resize(static_cast<size_t>(evaluator_->policy_size()));
  root_->status = Node::Status::kFresh;
  root_->edges.clear();
  root_->visits = 0;
  // With no path the root itself is the leaf: simulate() expands it.
  while (!simulate(worker)) {
  }
}

void ZeroSearch::mix_root_noise() {
  const size_t count = root_->edges.size();
  root_priors_.resize(count);
  for (size_t i = 0; i < count; ++i) root_priors_[i] = root_->edges[i].prior;
  if (options_.noise_weight <= 0) return;
  const double alpha = options_.dirichlet_alpha > 0 ? options_.dirichlet_alpha : 10.0 / count;
  std::gamma_distribution<double> gamma(alpha, 1.0);
  std::vector<double> noise(count);
  double total = 0;
  for (double& n : noise) total += (n = gamma(rng_));
  if (total <= 0) return;
  const double w = options_.noise_weight;
  for (size_t i = 0; i < count; ++i) {
    root_priors_[i] = static_cast<float>((1 - w) * root_priors_[i] + w * noise[i] / total);
  }
}

bool ZeroSearch::simulate(Worker& worker) {
  GameState state = root_state_;
  worker.path.clear();
  Node* leaf = nullptr;
  bool terminal = false;
  float value = 0;
  {
    MutexLock lock(tree_mutex_);
    Node* node = root_.get();
    while (node->status == Node::Status::kExpanded) {
      // Select by PUCT; pending visits count as losses (virtual loss).
      const double parent_visits = node->visits + node->pending;
      const double sqrt_parent = std::sqrt(std::max(1.0, parent_visits));
      const bool at_root = node == root_.get();
      int best = 0;
      double best_score = -1e300;
      for (size_t i = 0; i < node->edges.size(); ++i) {
        const Node::Edge& edge = node->edges[i];
        const int n = edge.visits + edge.pending;
        const double q =
            n > 0 ? (edge.total - options_.virtual_loss * edge.pending) / n : node->value;
        const double prior = at_root ? root_priors_[i] : edge.prior;
        const double score = q + options_.c_puct * prior * sqrt_parent / (1 + n);
        if (score > best_score) {
          best_score = score;
          best = static_cast<int>(i);
        }
      }
      Node::Edge& edge = node->edges[best];
      ++edge.pending;
      ++node->pending;
      worker.path.emplace_back(node, best);
      state.play_unchecked(edge.move);
      if (!edge.child) edge.child = std::make_unique<Node>();
      node = edge.child.get();
    }
    leaf = node;
    if (leaf->status == Node::Status::kExpanding) {
      for (auto& [parent, index] : worker.path) {
        --parent->edges[index].pending;
        --parent->pending;
      }
      return false;
    }
    if (leaf->status == Node::Status::kFresh) {
      if (state.is_over()) {
        leaf->status = Node::Status::kTerminal;
        leaf->value = static_cast<float>(terminal_value(state));
      } else {
        leaf->status = Node::Status::kExpanding;
      }
    }
    terminal = leaf->status == Node::Status::kTerminal;
    value = leaf->value;
  }

  std::vector<Node::Edge> edges;
  if (!terminal) {
    // Only this thread touches an expanding leaf, so the network work runs unlocked.
    const Encoder& encoder = model_->encoder();
    model_->encode_input(state, worker.input.data());
    evaluator_->evaluate(worker.input.data(), worker.policy.data(), &value);
    const Board& board = state.board();
    const Color me = state.next_player();
    double prior_total = 0;
    for (int i = 0; i < board.empty_count(); ++i) {
      const int loc = board.empty_locs()[i];
      if (!state.is_legal_loc(loc) || (options_.avoid_own_eyes && board.is_eye_loc(loc, me))) {
        continue;
      }
      Node::Edge edge;
      edge.move = Move::play(board.point_of_loc(loc));
      edge.prior = worker.policy[encoder.encode_move(edge.move)];
      prior_total += edge.prior;
      edges.push_back(std::move(edge));
    }
    const std::optional<Move> last = state.last_move();
    const bool pass_ends_game = last && last->is_pass();
    if (!options_.restrict_passes || pass_ends_game || edges.empty()) {
      Node::Edge pass;
      pass.move = Move::pass();
      pass.prior = encoder.predicts_pass() ? worker.policy[encoder.encode_move(pass.move)]
                                           : 1.0f / static_cast<float>(encoder.num_moves());
      prior_total += pass.prior;
      edges.push_back(std::move(pass));
    }
    for (Node::Edge& edge : edges) {
      edge.prior = prior_total > 0 ? static_cast<float>(edge.prior / prior_total)
                                   : 1.0f / static_cast<float>(edges.size());
    }
  }

  MutexLock lock(tree_mutex_);
  if (leaf->status == Node::Status::kExpanding) {
    leaf->edges = std::move(edges);
    leaf->value = value;
    leaf->status = Node::Status::kExpanded;
  }
  ++leaf->visits;
  double backed = value;
  for (auto it = worker.path.rbegin(); it != worker.path.rend(); ++it) {
    backed = -backed;  // the edge's player is the opponent of the player to move below it
    Node::Edge& edge = it->first->edges[it->second];
    --edge.pending;
    ++edge.visits;
    edge.total += backed;
    --it->first->pending;
    ++it->first->visits;
  }
  return true;
}

void ZeroSearch::run_simulations() {
  const bool timed = options_.seconds_per_move > 0;
  const auto deadline = std::chrono::steady_clock::now() +
                        std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                            std::chrono::duration<double>(options_.seconds_per_move));
  std::atomic<int> claimed{0}, completed{0}, collisions{0};
  const int threads = options_.threads;
  std::vector<std::exception_ptr> errors(static_cast<size_t>(threads));

  auto work = [&](int index) {
    try {
      Worker worker;
      worker.input.resize(evaluator_->input_size());
      worker.policy.resize(static_cast<size_t>(evaluator_->policy_size()));
      int consecutive_collisions = 0;
      while (true) {
        if (timed) {
          if (completed.load() > 0 && std::chrono::steady_clock::now() >= deadline) break;
        } else if (claimed.fetch_add(1) >= options_.rounds) {
          break;
        }
        if (simulate(worker)) {
          completed.fetch_add(1);
          consecutive_collisions = 0;
          continue;
        }
        // Another thread is expanding our leaf: give the round back and let it finish.
        if (!timed) claimed.fetch_sub(1);
        collisions.fetch_add(1);
        if (++consecutive_collisions < 8)
          std::this_thread::yield();
        else
          std::this_thread::sleep_for(std::chrono::microseconds(50));
      }
    } catch (...) {
      errors[static_cast<size_t>(index)] = std::current_exception();
    }
    evaluator_->remove_client();
  };

  evaluator_->add_clients(threads);
  std::vector<std::thread> helpers;
  for (int i = 1; i < threads; ++i) helpers.emplace_back(work, i);
  work(0);
  for (std::thread& helper : helpers) helper.join();
  for (const std::exception_ptr& error : errors) {
    if (error) std::rethrow_exception(error);
  }
  stats_.simulations = completed.load();
  stats_.collisions = collisions.load();
}

MoveDecision ZeroSearch::decide() {
  const Encoder& encoder = model_->encoder();
  const std::vector<Node::Edge>& edges = root_->edges;
  std::vector<int> order(edges.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    if (edges[a].visits != edges[b].visits) return edges[a].visits > edges[b].visits;
    return edges[a].prior > edges[b].prior;
  });
  for (const Node::Edge& edge : edges) {
    if (edge.move.is_play() || encoder.predicts_pass()) {
      visit_counts_[encoder.encode_move(edge.move)] = edge.visits;
    }
  }

  int chosen = order.front();
  const bool sample = options_.move_temperature > 0 &&
                      (options_.temperature_moves == 0 ||
                       static_cast<int>(root_state_.moves().size()) < options_.temperature_moves);
  if (sample) {
    std::vector<double> weights(edges.size());
    for (size_t i = 0; i < edges.size(); ++i) {
      weights[i] =
          edges[i].visits > 0 ? std::pow(edges[i].visits, 1.0 / options_.move_temperature) : 0.0;
    }
    chosen = rank_by_sampling(weights, rng_).front();
  }

  auto win_rate_of = [](const Node::Edge& edge) {
    return win_rate_of_value(edge.total / edge.visits);
  };
  MoveDecision decision;
  decision.move = edges[chosen].move;
  AgentDiagnostics& diagnostics = decision.diagnostics;
  diagnostics.visits = root_->visits;
  diagnostics.value = root_->value;
  const Node::Edge& best = edges[order.front()];
  diagnostics.win_rate = best.visits > 0 ? win_rate_of(best) : win_rate_of_value(root_->value);
  for (size_t i = 0; i < order.size() && i < 10; ++i) {
    const Node::Edge& edge = edges[order[i]];
    MoveCandidate candidate;
    candidate.move = edge.move;
    candidate.prior = edge.prior;
    candidate.visits = edge.visits;
    if (edge.visits > 0) candidate.win_rate = win_rate_of(edge);
    diagnostics.top_moves.push_back(candidate);
  }
  const Node::Edge* step = &edges[chosen];
  while (step) {
    diagnostics.principal_variation.push_back(step->move);
    const Node* child = step->child.get();
    step = nullptr;
    if (!child || child->status != Node::Status::kExpanded) break;
    for (const Node::Edge& edge : child->edges) {
      if (edge.visits > 0 && (!step || edge.visits > step->visits)) step = &edge;
    }
  }
  if (resign_->should_resign(root_state_, *diagnostics.win_rate)) decision.move = Move::resign();
  return decision;
}

}  // namespace dlgo::net
