#include "net/agents/network_agent.h"

#include <chrono>
#include <stdexcept>
#include <vector>

#include "engine/agents/pass_policy.h"

namespace dlgo::net {

NetworkAgent::NetworkAgent(std::shared_ptr<const Model> model, std::uint64_t seed)
    : model_(std::move(model)), calls_(seed) {
  if (!model_) throw std::invalid_argument("network agent: no model");
}

std::string NetworkAgent::description() const {
  const AgentMetadata& meta = model_->metadata();
  std::string text = std::string(agent_kind_name(kind())) + ": " + meta.network.network +
                     " network, " + meta.encoder + " encoder, " + std::to_string(meta.board_width) +
                     "x" + std::to_string(meta.board_height);
  std::string extra = settings();
  if (!extra.empty()) text += ", " + extra;
  return text + " (" + model_->path() + ")";
}

void NetworkAgent::require_value_head() const {
  if (!model_->has_value_head()) {
    throw std::invalid_argument(model_->path() + ": a " + std::string(agent_kind_name(kind())) +
                                " agent needs a network with a value head");
  }
}

void NetworkAgent::check_board(const GameState& state) const {
  if (!supports(state.size())) {
    BoardSize own = model_->encoder().board_size();
    throw std::invalid_argument(
        std::string(agent_kind_name(kind())) + " agent of " + model_->path() + " plays " +
        std::to_string(own.width) + "x" + std::to_string(own.height) + ", not " +
        std::to_string(state.size().width) + "x" + std::to_string(state.size().height));
  }
}

std::optional<double> NetworkAgent::position_value(const GameState& state) const {
  if (!model_->has_value_head() || model_->spec().action_input > 0) return std::nullopt;
  check_board(state);
  std::vector<float> input(model_->input_size());
  model_->encode_input(state, input.data());
  float value = 0;
  model_->predict(input.data(), 1, nullptr, &value);
  return value;
}

MoveDecision NetworkAgent::select_move_within(const GameState& state,
                                              const MoveBudget& budget) const {
  const auto start = std::chrono::steady_clock::now();
  check_board(state);
  MoveDecision decision;
  if (should_pass(state)) {
    decision.move = Move::pass();
  } else {
    Rng rng = calls_.next_rng();
    // A timed move's seconds run from this call: the pass check above counts.
    decision = decide(state, rng, budget_left(budget, strength().seconds, start));
  }
  decision.diagnostics.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return decision;
}

}  // namespace dlgo::net
