// A loaded network ready for inference, without libtorch in the interface: agents, the server
// and GTP use this to turn encoded positions into move probabilities and values.
//
// Contract: load() reads an agent file (any kind) onto a device; load_rollout_policy() reads
// the rollout policy network embedded in an alphago file (net/agent_file.h). predict() is
// const and safe to call from several threads at once (inference runs without gradients, in
// eval mode).
// Errors throw AgentFileError (file problems) or std::runtime_error.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/encoders/encoder.h"
#include "net/agent_file.h"

namespace dlgo::net {

class Model {
 public:
  static std::shared_ptr<const Model> load(const std::string& path,
                                           const std::string& device = "cpu");
  // The file's embedded rollout policy, or nullptr when it has none (exactly the files that
  // carry no /rollout_policy group). Its path() is "FILE:/rollout_policy".
  static std::shared_ptr<const Model> load_rollout_policy(const std::string& path,
                                                          const std::string& device = "cpu");
  ~Model();

  const AgentFileInfo& info() const { return info_; }
  const AgentMetadata& metadata() const { return info_.metadata; }
  const NetworkSpec& spec() const { return info_.metadata.network; }
  const Encoder& encoder() const { return *encoder_; }
  const std::string& path() const { return path_; }
  bool has_value_head() const { return spec().value_head; }

  // Encodes `state` into the network's input floats (encoder planes -> input channels).
  void encode_input(const GameState& state, float* input) const;
  std::size_t input_size() const;  // floats per position

  // Runs `batch` positions. inputs: batch * input_size() floats. policy (optional): batch *
  // policy_outputs probabilities (softmax of the logits). values (optional, needs a value
  // head): batch values in -1..1. actions: batch * action_input floats for q networks.
  void predict(const float* inputs, int batch, float* policy, float* values,
               const float* actions = nullptr) const;

 private:
  Model() = default;
  void finish_loading();  // eval mode, the encoder and its check against the network
  struct Impl;
  std::unique_ptr<Impl> impl_;
  AgentFileInfo info_;
  std::unique_ptr<Encoder> encoder_;
  std::string path_;
};

}  // namespace dlgo::net
