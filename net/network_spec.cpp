#include "net/network_spec.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace dlgo::net {

std::vector<std::string> network_names() {
  return {"alphago", "fullyconnected", "large", "leaky", "medium", "pvresnet", "resnet", "small"};
}

std::string NetworkSpec::to_json() const {
  nlohmann::json json = {{"network", network},
                         {"input_channels", input_channels},
                         {"board_height", board_height},
                         {"board_width", board_width},
                         {"policy_outputs", policy_outputs},
                         {"value_head", value_head},
                         {"blocks", blocks},
                         {"filters", filters},
                         {"action_input", action_input}};
  return json.dump();
}

NetworkSpec NetworkSpec::from_json(const std::string& text) {
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& error) {
    throw std::invalid_argument(std::string("network architecture is not valid JSON: ") +
                                error.what());
  }
  if (!json.is_object()) throw std::invalid_argument("network architecture is not a JSON object");
  NetworkSpec spec;
  auto read = [&](const char* key, auto& field) {
    if (!json.contains(key)) return;
    try {
      json.at(key).get_to(field);
    } catch (const nlohmann::json::exception&) {
      throw std::invalid_argument(std::string("network architecture field '") + key +
                                  "' has the wrong type");
    }
  };
  if (!json.contains("network"))
    throw std::invalid_argument("network architecture has no 'network'");
  read("network", spec.network);
  read("input_channels", spec.input_channels);
  read("board_height", spec.board_height);
  read("board_width", spec.board_width);
  read("policy_outputs", spec.policy_outputs);
  read("value_head", spec.value_head);
  read("blocks", spec.blocks);
  read("filters", spec.filters);
  read("action_input", spec.action_input);
  spec.validate();
  return spec;
}

void NetworkSpec::validate() const {
  auto names = network_names();
  if (std::find(names.begin(), names.end(), network) == names.end()) {
    std::string known;
    for (const auto& name : names) known += (known.empty() ? "" : ", ") + name;
    throw std::invalid_argument("unknown network '" + network + "' (known: " + known + ")");
  }
  auto check = [](bool ok, const std::string& what) {
    if (!ok) throw std::invalid_argument("network architecture: " + what);
  };
  check(input_channels >= 1 && input_channels <= 1024, "input_channels must be 1..1024");
  check(board_height >= 2 && board_height <= 25 && board_width >= 2 && board_width <= 25,
        "board must be 2x2..25x25");
  int points = board_height * board_width;
  check(policy_outputs == points || policy_outputs == points + 1,
        "policy_outputs must be the board's points, or points + 1 with a pass");
  check(network != "pvresnet" || action_input == 0,
        "the pvresnet network has no action input (q agents need another network)");
  check(network != "alphago" || policy_outputs == points,
        "the alphago network's convolutional policy head has no pass output");
  check(blocks >= 1 && blocks <= 80, "blocks must be 1..80");
  check(filters >= 1 && filters <= 1024, "filters must be 1..1024");
  check(action_input >= 0 && action_input <= points + 1, "action_input out of range");
}

bool operator==(const NetworkSpec& a, const NetworkSpec& b) {
  return a.to_json() == b.to_json();
}

}  // namespace dlgo::net
