// Live analysis for `lz-analyze`: a worker thread asks the agent about one position again and
// again and streams what it learns as Leela Zero `info` lines, which Sabaki and Lizzie read.
//
// Search agents are asked repeatedly and their independent searches are pooled (visits add up,
// win rates are visit-weighted, the principal variation comes from the latest search that put
// the move first), so the counts grow as long as the analysis runs. Agents without search report
// their top moves once: priors as given, visits = prior x 1000 so that GUIs sizing their marks
// by visits show the policy, and winrate 5000 (even) where the agent has no estimate.
//
// Line format (one line per report, every candidate on it, best first):
//   info move D4 visits 812 winrate 5432 prior 1204 order 0 pv D4 C3 ... info move ...
// winrate and prior are in 1/10000, for the player to move.
//
// Contract: AnalysisRunner owns its thread; stop() (or the destructor) ends it and returns only
// after the last line has been passed to the sink, so the caller can then close the response.
// The sink is called from the worker thread only. The agent must stay alive until then.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "engine/agents/agent.h"
#include "engine/game_state.h"

namespace dlgo {

// Pools the diagnostics of repeated move decisions for one position.
class AnalysisPool {
 public:
  explicit AnalysisPool(BoardSize size) : size_(size) {}

  void add(const MoveDecision& decision, int legal_points);
  bool has_search() const { return has_search_; }
  bool empty() const { return stats_.empty(); }
  // The `info` line for the pooled results; at most `max_moves` candidates.
  std::string info_line(int max_moves = 20) const;

 private:
  struct MoveStats {
    Move move;
    double visits = 0;
    double weighted_win_rate = 0;  // sum of win_rate * visits
    bool has_win_rate = false;
    double prior = -1;
    std::vector<Move> pv;
  };
  BoardSize size_;
  bool has_search_ = false;
  std::map<int, MoveStats> stats_;  // by point index; pass = num_points
};

class AnalysisRunner {
 public:
  using Sink = std::function<void(const std::string& line)>;

  // Each of the pooled searches plays within `budget`.
  AnalysisRunner(std::shared_ptr<const Agent> agent, MoveBudget budget, GameState position,
                 std::chrono::milliseconds interval, Sink sink);
  ~AnalysisRunner();

  AnalysisRunner(const AnalysisRunner&) = delete;
  AnalysisRunner& operator=(const AnalysisRunner&) = delete;

  void stop();

 private:
  void run();

  std::shared_ptr<const Agent> agent_;
  MoveBudget budget_;
  GameState position_;
  std::chrono::milliseconds interval_;
  Sink sink_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread worker_;
};

}  // namespace dlgo
