// What every network agent shares: the loaded model (shared, read-only), the per-call random
// generators, the board-size check, the description, and the decision timing.
//
// Contract: see engine/agents/agent.h. Subclasses implement decide(); select_move() and
// select_move_within() wrap it with the common pass rule (should_pass, checked first) and timing.
// Thread-safe as long as decide() is (the model's predict() is).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "engine/agents/agent.h"
#include "engine/agents/seeded_calls.h"
#include "net/model.h"

namespace dlgo::net {

class NetworkAgent : public Agent {
 public:
  NetworkAgent(std::shared_ptr<const Model> model, std::uint64_t seed);

  bool supports(BoardSize size) const override { return size == model_->encoder().board_size(); }
  std::string description() const override;
  std::string encoder_name() const override { return model_->metadata().encoder; }
  MoveDecision select_move(const GameState& state) const final {
    return select_move_within(state, {});
  }
  MoveDecision select_move_within(const GameState& state, const MoveBudget& budget) const final;
  // The value head's judgement of the position for the player to move, -1..1; nullopt for a
  // network without one (or a q network, whose values are of moves).
  std::optional<double> position_value(const GameState& state) const override;
  void set_seed(std::uint64_t seed) override { calls_.set_seed(seed); }

  const Model& model() const { return *model_; }
  const std::shared_ptr<const Model>& shared_model() const { return model_; }

 protected:
  // Chooses a move for a position where should_pass() said play on; `rng` is this call's.
  virtual MoveDecision decide(const GameState& state, Rng& rng, const MoveBudget& budget) const = 0;
  // Extra words for description(), e.g. "temperature 1".
  virtual std::string settings() const { return {}; }

  // Throws std::invalid_argument naming the file when the network has no value head.
  void require_value_head() const;
  // Throws std::invalid_argument when the state's board is not the model's.
  void check_board(const GameState& state) const;

 private:
  std::shared_ptr<const Model> model_;
  mutable SeededCalls calls_;
};

}  // namespace dlgo::net
