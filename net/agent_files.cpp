#include "net/agent_files.h"

#include <stdexcept>

#include "net/agent_file.h"
#include "net/agents/ac_agent.h"
#include "net/agents/alphago_agent.h"
#include "net/agents/pg_agent.h"
#include "net/agents/predict_agent.h"
#include "net/agents/q_agent.h"
#include "net/agents/value_agent.h"
#include "net/agents/zero_agent.h"
#include "net/model.h"

namespace dlgo::net {

namespace {

// `rollout_policy`: the alphago file's embedded rollout network, or nullptr.
std::unique_ptr<Agent> make_network_agent(std::shared_ptr<const Model> model,
                                          std::shared_ptr<const Model> rollout_policy,
                                          const AgentOptions& options) {
  const AgentKind kind = model->metadata().kind;
  SamplingOptions sampling;
  sampling.temperature = options.temperature;
  sampling.greedy = options.greedy;
  ScoredAgentOptions scored;
  scored.sampling = sampling;

  if (kind == AgentKind::kPredict) {
    return std::make_unique<PredictAgent>(model, PredictOptions{options.greedy}, options.seed);
  }
  if (kind == AgentKind::kPg) return std::make_unique<PgAgent>(model, sampling, options.seed);
  if (kind == AgentKind::kQ) return std::make_unique<QAgent>(model, scored, options.seed);
  if (kind == AgentKind::kValue) return std::make_unique<ValueAgent>(model, scored, options.seed);
  if (kind == AgentKind::kAc) return std::make_unique<AcAgent>(model, scored, options.seed);
  if (kind == AgentKind::kZero) {
    ZeroOptions zero;
    if (options.rounds > 0) zero.rounds = options.rounds;
    if (options.seconds_per_move > 0) zero.seconds_per_move = options.seconds_per_move;
    if (options.sampled_opening_moves > 0) {
      zero.move_temperature = 1.0;
      zero.temperature_moves = options.sampled_opening_moves;
    }
    zero.noise_weight = options.root_noise;
    zero.threads = options.search_threads;
    if (options.resign) zero.resign = clear_loss_resignation(model->encoder().board_size());
    return std::make_unique<ZeroAgent>(model, zero, options.seed);
  }
  if (kind == AgentKind::kAlphaGo) {
    AlphaGoOptions alphago;
    if (options.rounds > 0) alphago.rounds = options.rounds;
    return std::make_unique<AlphaGoAgent>(model, alphago, options.seed, std::move(rollout_policy));
  }
  throw AgentFileError(model->path() + ": a " + std::string(agent_kind_name(kind)) +
                       " agent is not loaded from an agent file");
}

}  // namespace

LoadedAgent load_agent_and_model(const std::string& path, const AgentOptions& options,
                                 const std::string& device) {
  std::shared_ptr<const Model> model = Model::load(path, device);
  std::shared_ptr<const Model> rollout_policy;
  if (model->info().rollout_policy) rollout_policy = Model::load_rollout_policy(path, device);
  try {
    return LoadedAgent{make_network_agent(model, std::move(rollout_policy), options), model};
  } catch (const AgentFileError&) {
    throw;
  } catch (const std::invalid_argument& error) {
    // Option errors do not name the file; file-shape errors already do.
    std::string message = error.what();
    if (message.find(path) == std::string::npos) message = path + ": " + message;
    throw std::runtime_error(message);
  }
}

std::unique_ptr<Agent> load_agent_file(const std::string& path, const AgentOptions& options,
                                       const std::string& device) {
  return load_agent_and_model(path, options, device).agent;
}

void install_agent_file_loader() {
  set_agent_file_loader([](const std::string& path, const AgentOptions& options) {
    return load_agent_file(path, options);
  });
}

}  // namespace dlgo::net
