#include "engine/gtp/analysis.h"

#include <algorithm>
#include <cmath>

#include "engine/coords.h"

namespace dlgo {

namespace {

int key_of(BoardSize size, Move move) {
  return move.is_play() ? move.point : size.pass_index();
}

int per_ten_thousand(double fraction) {
  return static_cast<int>(std::lround(std::clamp(fraction, 0.0, 1.0) * 10000));
}

}  // namespace

void AnalysisPool::add(const MoveDecision& decision, int legal_points) {
  const AgentDiagnostics& diagnostics = decision.diagnostics;
  bool searched = false;
  for (const MoveCandidate& candidate : diagnostics.top_moves) {
    if (candidate.visits) searched = true;
  }
  has_search_ = has_search_ || searched;
  std::vector<MoveCandidate> candidates = diagnostics.top_moves;
  if (candidates.empty() && !decision.move.is_resign()) {
    // An agent that says nothing about alternatives: report its choice alone.
    MoveCandidate only;
    only.move = decision.move;
    only.prior = 1.0 / std::max(1, legal_points);
    only.win_rate = diagnostics.win_rate;
    candidates.push_back(only);
  }
  for (std::size_t rank = 0; rank < candidates.size(); ++rank) {
    const MoveCandidate& candidate = candidates[rank];
    if (candidate.move.is_resign()) continue;
    MoveStats& stats = stats_[key_of(size_, candidate.move)];
    stats.move = candidate.move;
    double visits = candidate.visits ? *candidate.visits : 1000.0 * candidate.prior.value_or(0.001);
    if (!searched) stats.visits = 0;  // a policy does not accumulate
    stats.visits += std::max(visits, 1.0);
    if (candidate.win_rate) {
      if (!searched) stats.weighted_win_rate = 0;
      stats.weighted_win_rate += *candidate.win_rate * std::max(visits, 1.0);
      stats.has_win_rate = true;
    }
    if (candidate.prior) stats.prior = *candidate.prior;
    if (rank == 0) {
      stats.pv = diagnostics.principal_variation;
      if (stats.pv.empty() || stats.pv.front() != candidate.move) stats.pv = {candidate.move};
    } else if (stats.pv.empty()) {
      stats.pv = {candidate.move};
    }
  }
}

std::string AnalysisPool::info_line(int max_moves) const {
  std::vector<const MoveStats*> ranked;
  double total_visits = 0;
  for (const auto& entry : stats_) {
    ranked.push_back(&entry.second);
    total_visits += entry.second.visits;
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const MoveStats* a, const MoveStats* b) { return a->visits > b->visits; });
  std::string line;
  for (std::size_t order = 0; order < ranked.size() && static_cast<int>(order) < max_moves;
       ++order) {
    const MoveStats& stats = *ranked[order];
    double win_rate = stats.has_win_rate ? stats.weighted_win_rate / stats.visits : 0.5;
    // Without a policy every move is equally likely a priori: a visit share is the best guess.
    double prior =
        stats.prior >= 0 ? stats.prior : (total_visits > 0 ? stats.visits / total_visits : 0.0);
    if (!line.empty()) line += ' ';
    line += "info move " + move_to_gtp(size_, stats.move) + " visits " +
            std::to_string(static_cast<long long>(std::llround(stats.visits))) + " winrate " +
            std::to_string(per_ten_thousand(win_rate)) + " prior " +
            std::to_string(per_ten_thousand(prior)) + " order " + std::to_string(order) + " pv";
    for (Move move : stats.pv) line += " " + move_to_gtp(size_, move);
  }
  return line;
}

AnalysisRunner::AnalysisRunner(std::shared_ptr<const Agent> agent, MoveBudget budget,
                               GameState position, std::chrono::milliseconds interval, Sink sink)
    : agent_(std::move(agent)),
      budget_(budget),
      position_(std::move(position)),
      interval_(interval),
      sink_(std::move(sink)),
      worker_([this] { run(); }) {}

AnalysisRunner::~AnalysisRunner() {
  stop();
}

void AnalysisRunner::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (worker_.joinable()) worker_.join();
}

void AnalysisRunner::run() {
  using Clock = std::chrono::steady_clock;
  AnalysisPool pool(position_.size());
  const int legal = static_cast<int>(position_.legal_points().size());
  Clock::time_point last_report = Clock::now();
  bool reported = false;
  auto stopping = [this] {
    std::lock_guard<std::mutex> lock(mutex_);
    return stopping_;
  };
  while (!stopping()) {
    if (position_.is_over()) break;
    pool.add(agent_->select_move_within(position_, budget_), legal);
    if (!pool.has_search()) {
      std::string line = pool.info_line();  // a policy answer does not improve with time
      if (!line.empty()) sink_(line);
      reported = true;
      break;
    }
    if (!reported || Clock::now() - last_report >= interval_) {
      std::string line = pool.info_line();
      if (!line.empty() && !stopping()) sink_(line);
      last_report = Clock::now();
      reported = true;
    }
  }
  std::unique_lock<std::mutex> lock(mutex_);
  wake_.wait(lock, [this] { return stopping_; });
}

}  // namespace dlgo
