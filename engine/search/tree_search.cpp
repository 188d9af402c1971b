#include "engine/search/tree_search.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <exception>
#include <random>
#include <stdexcept>
#include <thread>

#include "engine/dead_stones/final_status.h"

namespace dlgo {

// Every field of Node and Edge is guarded by tree_mutex_ while search threads run.
struct TreeSearch::Node {
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
  float value = 0;  // evaluator's value (or final result) for the player to move here
  int visits = 0;   // simulations backed up through this node
  int pending = 0;
  std::vector<Edge> edges;
};

struct TreeSearch::Worker {
  Evaluation evaluation;
  std::vector<std::pair<Node*, int>> path;
};

namespace {

// A finished game is valued as a referee counts it: area score with the dead stones taken off
// (final_status.h), as GTP's final_score, dlgo-eval's referee and the server's /score do. The
// bare area score would count a dead group left on the board as alive, and a search valuing
// that would pass into a game the referee then gives to the other side. The estimate runs a
// few hundred playouts (about 30 ms on a full 19x19 board) and the tree keeps its value. With
// passes restricted a search meets at most one finished game, the pass answering the
// opponent's pass at the root; without (the alphago agent) every pass answering a pass in the
// tree is one, and each costs an estimate once it is reached.
double terminal_value(const GameState& state) {
  Color winner = estimate_final_status(state).result.winner();
  if (winner == Color::kEmpty) return 0;
  return winner == state.next_player() ? 1 : -1;
}

}  // namespace

TreeSearch::TreeSearch(SearchOptions options, Evaluator& evaluator, std::uint64_t seed)
    : options_(options), evaluator_(evaluator), rng_(seed) {
  options_.validate("search");
}

TreeSearch::~TreeSearch() = default;

void TreeSearch::reset() {
  root_.reset();
  have_root_state_ = false;
}

void TreeSearch::search(const GameState& state, const MoveBudget& budget) {
  // A timed search's seconds run from here: adopting the root (freeing the old tree's other
  // branches) and evaluating it are part of the move's time.
  const auto start = std::chrono::steady_clock::now();
  if (state.is_over()) throw std::invalid_argument("search: the game is over");
  stats_ = SearchStats{};
  try {
    adopt_root(state);
    stats_.reused_visits = root_->visits;
    expand_root();
    if (root_->edges.size() > 1) {
      mix_root_noise();
      const bool timed = options_.seconds > 0;
      const double seconds =
          timed && budget.seconds ? std::max(0.001, *budget.seconds) : options_.seconds;
      run_simulations(!timed && budget.visits ? std::max(1, *budget.visits) : options_.rounds,
                      start + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                  std::chrono::duration<double>(seconds)),
                      timed);
    }
  } catch (...) {
    reset();  // leaves left half-expanded must not be reused
    throw;
  }
}

void TreeSearch::adopt_root(const GameState& state) {
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

void TreeSearch::expand_root() {
  if (root_->status == Node::Status::kExpanded && !root_->edges.empty()) return;
  Worker worker;
  root_->status = Node::Status::kFresh;
  root_->edges.clear();
  root_->visits = 0;
  // With no path the root itself is the leaf: simulate() expands it.
  while (!simulate(worker)) {
  }
}

void TreeSearch::mix_root_noise() {
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

bool TreeSearch::simulate(Worker& worker) {
  GameState state = root_state_;
  worker.path.clear();
  Node* leaf = nullptr;
  bool terminal = false, scoring = false;
  float value = 0;
  {
    MutexLock lock(tree_mutex_);
    Node* node = root_.get();
    const size_t max_depth = static_cast<size_t>(options_.max_depth);
    while (node->status == Node::Status::kExpanded &&
           (max_depth == 0 || worker.path.size() < max_depth)) {
      // Select by PUCT; pending visits count as losses (virtual loss).
      const double parent_visits = node->visits + node->pending;
      const double sqrt_parent = std::sqrt(std::max(1.0, parent_visits));
      const bool at_root = node == root_.get();
      const double unvisited = options_.unvisited_at_parent_value ? node->value : 0.0;
      int best = 0;
      double best_score = -1e300;
      for (size_t i = 0; i < node->edges.size(); ++i) {
        const Node::Edge& edge = node->edges[i];
        const int n = edge.visits + edge.pending;
        const double q =
            n > 0 ? (edge.total - options_.virtual_loss * edge.pending) / n : unvisited;
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
    // A fresh leaf is marked expanding either way: a finished game is scored outside the lock
    // like any other leaf is evaluated, and other threads reaching it meanwhile wait.
    if (leaf->status == Node::Status::kFresh) {
      leaf->status = Node::Status::kExpanding;
      scoring = state.is_over();
    }
    terminal = leaf->status == Node::Status::kTerminal;
    value = leaf->value;
  }

  // Only this thread touches an expanding leaf, so the evaluation runs unlocked. A leaf at the
  // depth limit is already expanded: it is evaluated again and left as it is.
  if (scoring) {
    value = static_cast<float>(terminal_value(state));
    MutexLock lock(tree_mutex_);
    leaf->value = value;
    leaf->status = Node::Status::kTerminal;
    back_up(*leaf, value, worker);
    return true;
  }
  const bool expanding = !terminal && leaf->status == Node::Status::kExpanding;
  std::vector<Node::Edge> edges;
  if (!terminal) {
    Evaluation& evaluation = worker.evaluation;
    evaluator_.evaluate(state, evaluation);
    value = evaluation.value;
  }
  if (expanding) {
    const Board& board = state.board();
    const Color me = state.next_player();
    const std::vector<float>& priors = worker.evaluation.priors;
    double prior_total = 0;
    for (int i = 0; i < board.empty_count(); ++i) {
      const int loc = board.empty_locs()[i];
      if (!state.is_legal_loc(loc) || (options_.avoid_own_eyes && board.is_eye_loc(loc, me))) {
        continue;
      }
      Node::Edge edge;
      edge.move = Move::play(board.point_of_loc(loc));
      edge.prior = priors[static_cast<size_t>(edge.move.point)];
      prior_total += edge.prior;
      edges.push_back(std::move(edge));
    }
    const std::optional<Move> last = state.last_move();
    const bool pass_ends_game = last && last->is_pass();
    if (!options_.restrict_passes || pass_ends_game || edges.empty()) {
      Node::Edge pass;
      pass.move = Move::pass();
      pass.prior = priors[static_cast<size_t>(state.size().num_points())];
      prior_total += pass.prior;
      edges.push_back(std::move(pass));
    }
    for (Node::Edge& edge : edges) {
      edge.prior = prior_total > 0 ? static_cast<float>(edge.prior / prior_total)
                                   : 1.0f / static_cast<float>(edges.size());
    }
  }

  MutexLock lock(tree_mutex_);
  if (expanding) {
    leaf->edges = std::move(edges);
    leaf->value = value;
    leaf->status = Node::Status::kExpanded;
  }
  back_up(*leaf, value, worker);
  return true;
}

void TreeSearch::back_up(Node& leaf, double value, Worker& worker) {
  ++leaf.visits;
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
}

void TreeSearch::run_simulations(int rounds, std::chrono::steady_clock::time_point deadline,
                                 bool timed) {
  std::atomic<int> claimed{0}, completed{0}, collisions{0};
  const int threads = options_.threads;
  std::vector<std::exception_ptr> errors(static_cast<size_t>(threads));

  auto work = [&](int index) {
    try {
      Worker worker;
      int consecutive_collisions = 0;
      // A timed search ends by its deadline, not just after it: a thread starts no simulation
      // that its recent ones say would end past the deadline (with threads sharing the
      // network's batches, a simulation lasts about one batch). The estimate is a moving
      // average of the simulations backed up, so that neither a slow first batch nor a finished
      // game reached again (microseconds) sets it alone; collisions do not count.
      auto expected_simulation = std::chrono::steady_clock::duration::zero();
      while (true) {
        const auto now = std::chrono::steady_clock::now();
        if (timed) {
          if (completed.load() > 0 && now + expected_simulation >= deadline) break;
        } else if (claimed.fetch_add(1) >= rounds) {
          break;
        }
        const bool backed_up = simulate(worker);
        const auto took = std::chrono::steady_clock::now() - now;
        if (backed_up) {
          expected_simulation = expected_simulation == expected_simulation.zero()
                                    ? took
                                    : (3 * expected_simulation + took) / 4;
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
    evaluator_.remove_client();
  };

  evaluator_.add_clients(threads);
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

std::vector<SearchedMove> TreeSearch::moves_below(const Node& node) {
  std::vector<SearchedMove> moves;
  if (node.status != Node::Status::kExpanded) return moves;
  moves.reserve(node.edges.size());
  for (const Node::Edge& edge : node.edges) {
    SearchedMove move;
    move.move = edge.move;
    move.visits = edge.visits;
    if (edge.visits > 0) move.win_rate = win_rate_of_value(edge.total / edge.visits);
    move.prior = edge.prior;
    move.tie_break = edge.prior;
    if (edge.child) move.child = reinterpret_cast<SearchNodeId>(edge.child.get());
    moves.push_back(move);
  }
  return moves;
}

std::vector<SearchedMove> TreeSearch::root_moves() const {
  return root_ ? moves_below(*root_) : std::vector<SearchedMove>{};
}

SearchedMovesOf TreeSearch::moves_of() const {
  return [](SearchNodeId node) {
    return node == kNoNode ? std::vector<SearchedMove>{}
                           : moves_below(*reinterpret_cast<const Node*>(node));
  };
}

int TreeSearch::root_visits() const {
  return root_ ? root_->visits : 0;
}

float TreeSearch::root_value() const {
  return root_ ? root_->value : 0.0f;
}

}  // namespace dlgo
