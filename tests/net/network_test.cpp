#include "net/torch/networks.h"

#include "catch_with_torch.h"

using namespace dlgo::net;

namespace {

NetworkSpec spec_for(const std::string& name, int channels = 7, int size = 19) {
  NetworkSpec spec;
  spec.network = name;
  spec.input_channels = channels;
  spec.board_height = spec.board_width = size;
  spec.policy_outputs = size * size;
  return spec;
}

std::int64_t conv(std::int64_t in, std::int64_t out, std::int64_t k) {
  return in * out * k * k + out;
}
std::int64_t dense(std::int64_t in, std::int64_t out) {
  return in * out + out;
}

}  // namespace

TEST_CASE("the book's networks have the original's parameter counts") {
  const std::int64_t points = 361, c = 7;
  // The Keras stacks of dlgo/networks/*.py plus the training script's Dense(num_classes).
  std::int64_t small = conv(c, 48, 7) + conv(48, 32, 5) + 2 * conv(32, 32, 5) +
                       dense(32 * points, 512) + dense(512, points);
  std::int64_t medium = conv(c, 64, 5) + conv(64, 64, 5) + 3 * conv(64, 64, 3) +
                        dense(64 * points, 512) + dense(512, points);
  std::int64_t large = conv(c, 64, 7) + 2 * conv(64, 64, 5) + conv(64, 48, 5) + conv(48, 48, 5) +
                       conv(48, 32, 5) + conv(32, 32, 5) + dense(32 * points, 1024) +
                       dense(1024, points);
  std::int64_t fully =
      dense(19, 128) + dense(128, 128) + dense(c * 19 * 128, 128) + dense(128, points);
  std::int64_t alphago = conv(c, 192, 5) + 10 * conv(192, 192, 3) + conv(192, 1, 1);
  CHECK(parameter_count(*PolicyValueNet(spec_for("small"))) == small);
  CHECK(small == 6206537);
  CHECK(parameter_count(*PolicyValueNet(spec_for("medium"))) == medium);
  CHECK(parameter_count(*PolicyValueNet(spec_for("large"))) == large);
  CHECK(parameter_count(*PolicyValueNet(spec_for("leaky"))) == large);
  CHECK(parameter_count(*PolicyValueNet(spec_for("fullyconnected"))) == fully);
  CHECK(parameter_count(*PolicyValueNet(spec_for("alphago"))) == alphago);
}

TEST_CASE("every network maps a batch of positions to policy logits and, with a head, values") {
  for (const auto& name : network_names()) {
    NetworkSpec spec = spec_for(name, 11, 9);
    spec.value_head = true;
    spec.blocks = 2;
    spec.filters = 16;
    if (name == "resnet" || name == "pvresnet") spec.policy_outputs = 82;  // with a pass
    PolicyValueNet network(spec);
    network->eval();
    torch::NoGradGuard no_grad;
    NetOutput out = network->forward(torch::rand({3, 11, 9, 9}));
    INFO(name);
    CHECK(out.policy_logits.sizes() == torch::IntArrayRef({3, spec.policy_outputs}));
    REQUIRE(out.value.defined());
    CHECK(out.value.sizes() == torch::IntArrayRef({3}));
    CHECK(out.value.abs().max().item<float>() <= 1.0f);
  }
}

TEST_CASE("pvresnet's heads are convolutional: their size does not grow with the board") {
  auto count = [](int size, bool pass, bool value) {
    NetworkSpec spec = spec_for("pvresnet", 22, size);
    spec.policy_outputs = size * size + (pass ? 1 : 0);
    spec.value_head = value;
    spec.blocks = 2;
    spec.filters = 16;
    return parameter_count(*PolicyValueNet(spec));
  };
  const std::int64_t tower =
      conv(22, 16, 3) - 16 + 2 * 16 + 2 * 2 * (conv(16, 16, 3) - 16 + 2 * 16);
  const std::int64_t policy = 16 * 32 + 2 * 32 + conv(32, 1, 1);
  const std::int64_t value = 16 * 32 + 2 * 32 + dense(32, 128) + dense(128, 1);
  CHECK(count(19, false, false) == tower + policy);
  CHECK(count(9, false, false) == tower + policy);
  CHECK(count(19, true, false) == tower + policy + dense(32, 1));
  CHECK(count(19, true, true) == tower + policy + dense(32, 1) + value);
  CHECK(count(9, true, true) == count(19, true, true));

  NetworkSpec spec = spec_for("pvresnet", 22, 19);
  spec.policy_outputs = 362;
  spec.value_head = true;
  spec.blocks = 1;
  spec.filters = 8;
  PolicyValueNet network(spec);
  network->eval();
  torch::NoGradGuard no_grad;
  NetOutput out = network->forward(torch::rand({2, 22, 19, 19}));
  CHECK(out.policy_logits.sizes() == torch::IntArrayRef({2, 362}));
  CHECK(out.value.sizes() == torch::IntArrayRef({2}));
  spec.action_input = 361;
  CHECK_THROWS_WITH(spec.validate(), Catch::Contains("pvresnet"));
}

TEST_CASE("the alphago policy is a softmax over the whole board, not over one channel") {
  PolicyValueNet network(spec_for("alphago", 48, 9));
  torch::NoGradGuard no_grad;
  torch::Tensor probabilities =
      torch::softmax(network->forward(torch::rand({2, 48, 9, 9})).policy_logits, 1);
  CHECK(probabilities.sum(1).sub(1).abs().max().item<float>() < 1e-5f);
  CHECK(probabilities.max().item<float>() < 0.5f);  // a one-channel softmax would give all ones
}

TEST_CASE("q networks take the action as a second input") {
  NetworkSpec spec = spec_for("small", 7, 5);
  spec.value_head = true;
  spec.action_input = 25;
  PolicyValueNet network(spec);
  torch::NoGradGuard no_grad;
  torch::Tensor state = torch::rand({2, 7, 5, 5});
  torch::Tensor a = torch::zeros({2, 25}), b = torch::zeros({2, 25});
  a.index_put_({torch::indexing::Slice(), 3}, 1);
  b.index_put_({torch::indexing::Slice(), 17}, 1);
  CHECK_FALSE(torch::allclose(network->forward(state, a).value, network->forward(state, b).value));
}

TEST_CASE("network specs round-trip through JSON and reject bad fields by name") {
  NetworkSpec spec = spec_for("resnet", 11, 9);
  spec.policy_outputs = 82;
  spec.value_head = true;
  spec.blocks = 3;
  CHECK(NetworkSpec::from_json(spec.to_json()) == spec);
  CHECK_THROWS_WITH(NetworkSpec::from_json("{\"network\": \"huge\"}"),
                    Catch::Contains("unknown network 'huge'"));
  CHECK_THROWS_WITH(NetworkSpec::from_json("not json"), Catch::Contains("not valid JSON"));
  CHECK_THROWS_WITH(NetworkSpec::from_json("{\"network\": \"small\", \"blocks\": \"x\"}"),
                    Catch::Contains("'blocks'"));
  spec.policy_outputs = 50;
  CHECK_THROWS_WITH(spec.validate(), Catch::Contains("policy_outputs"));
}
