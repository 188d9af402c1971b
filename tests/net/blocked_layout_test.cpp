// The residual tower's blocked CPU path against libtorch's own operations: the Winograd
// convolution, the fused batch norm + residual + ReLU, the layout conversions, and a resnet
// trained both ways.
#include "net/torch/blocked_layout.h"

#include <atomic>
#include <thread>
#include <vector>

#include "catch_with_torch.h"
#include "net/torch/memory_format.h"
#include "net/torch/networks.h"

using namespace dlgo::net;

namespace {

double max_difference(const torch::Tensor& a, const torch::Tensor& b) {
  REQUIRE(a.sizes() == b.sizes());
  return (a - b).abs().max().item<double>();
}

double largest(const torch::Tensor& a) {
  return a.abs().max().item<double>();
}

// The build has oneDNN wherever tools/test runs (libdnnl-dev is among its packages) and this
// project's processors have AVX-512; elsewhere the path must say it is unavailable.
#ifdef DLGO_TEST_EXPECTS_WINOGRAD
constexpr bool kExpectWinograd = true;
#else
constexpr bool kExpectWinograd = false;
#endif

// A pvresnet of 2 blocks of 32 filters, with a pass output and a value head.
NetworkSpec small_pvresnet(int input_planes, int board_side) {
  NetworkSpec spec;
  spec.network = "pvresnet";
  spec.blocks = 2;
  spec.filters = 32;
  spec.input_channels = input_planes;
  spec.board_height = spec.board_width = board_side;
  spec.policy_outputs = board_side * board_side + 1;
  spec.value_head = true;
  return spec;
}

struct SettingScope {
  std::string saved = cpu_convolution();
  explicit SettingScope(const std::string& algorithm) { set_cpu_convolution(algorithm); }
  ~SettingScope() { set_cpu_convolution(saved); }
};

}  // namespace

TEST_CASE("the blocked layout round-trips and keeps channel c at block c/16, lane c%16") {
  torch::Tensor x = torch::randn({3, 32, 5, 4});
  torch::Tensor blocked = to_blocked(x);
  CHECK(blocked.sizes() == torch::IntArrayRef({3, 2, 5, 4, 16}));
  CHECK(blocked.is_contiguous());
  CHECK(blocked[1][1][2][3][5].item<float>() == x[1][21][2][3].item<float>());
  torch::Tensor back = from_blocked(blocked);
  CHECK(torch::equal(back, x));
  CHECK(back.is_contiguous(torch::MemoryFormat::ChannelsLast));
}

TEST_CASE("Winograd is available where this project builds, and refused by name elsewhere") {
  CHECK(blocked_tower_available() == kExpectWinograd);
  // Every board the programs accept, at a batch of one and of 128.
  for (std::int64_t side : {2, 5, 9, 13, 19, 25}) {
    CHECK(blocked_conv_supports(1, 64, side, side) == kExpectWinograd);
    CHECK(blocked_conv_supports(128, 32, side, side) == kExpectWinograd);
  }
  CHECK_THROWS_WITH(set_cpu_convolution("fft"), Catch::Contains("unknown CPU convolution 'fft'"));
  if (!blocked_tower_available()) {
    CHECK_THROWS_WITH(set_cpu_convolution("winograd"), Catch::Contains("no Winograd"));
  }
}

TEST_CASE("the blocked Winograd convolution matches conv2d: output and both gradients") {
  if (!kExpectWinograd) return;  // covered by the availability case above
  torch::manual_seed(4);
  torch::Tensor x = torch::randn({6, 32, 9, 9}).requires_grad_(true);
  torch::Tensor weight = (torch::randn({48, 32, 3, 3}) * 0.1).requires_grad_(true);
  torch::Tensor upstream = torch::randn({6, 48, 9, 9});
  torch::Tensor reference = torch::conv2d(x, weight, {}, 1, 1);
  (reference * upstream).sum().backward();
  torch::Tensor reference_dx = x.grad().clone(), reference_dw = weight.grad().clone();
  x.mutable_grad().reset();
  weight.mutable_grad().reset();

  torch::Tensor blocked = from_blocked(blocked_conv3x3(to_blocked(x), weight));
  (blocked * upstream).sum().backward();
  CHECK(max_difference(blocked, reference) < 1e-4 * largest(reference));
  CHECK(max_difference(x.grad(), reference_dx) < 1e-4 * largest(reference_dx));
  CHECK(max_difference(weight.grad(), reference_dw) < 1e-4 * largest(reference_dw));
  CHECK(largest(reference_dw) > 1.0);
}

TEST_CASE("the blocked norm + residual + relu matches BatchNorm2d, add and relu") {
  for (bool with_residual : {false, true}) {
    INFO("with residual: " << with_residual);
    torch::manual_seed(11);
    torch::Tensor x0 = torch::randn({8, 32, 7, 7}) * 3.0 + 1.5;  // off-centre, as a conv output
    torch::Tensor residual0 = torch::randn({8, 32, 7, 7});
    torch::Tensor upstream = torch::randn({8, 32, 7, 7});
    struct Result {
      torch::Tensor out, dx, dresidual, dweight, dbias, mean, var;
      std::int64_t batches;
    };
    auto run = [&](bool blocked) {
      torch::manual_seed(5);
      torch::nn::BatchNorm2d norm(32);
      {
        torch::NoGradGuard no_grad;
        norm->weight.uniform_(0.5, 1.5);
        norm->bias.uniform_(-0.5, 0.5);
      }
      torch::Tensor x = x0.clone().requires_grad_(true);
      torch::Tensor residual = residual0.clone().requires_grad_(true);
      torch::Tensor out;
      if (blocked) {
        out = from_blocked(blocked_norm_add_relu(
            *norm, to_blocked(x), with_residual ? to_blocked(residual) : torch::Tensor()));
      } else {
        torch::Tensor normalised = norm->forward(x);
        out = torch::relu(with_residual ? normalised + residual : normalised);
      }
      (out * upstream).sum().backward();
      return Result{out.detach(),
                    x.grad(),
                    with_residual ? residual.grad() : torch::zeros({1}),
                    norm->weight.grad(),
                    norm->bias.grad(),
                    norm->running_mean.clone(),
                    norm->running_var.clone(),
                    norm->num_batches_tracked.item<std::int64_t>()};
    };
    Result reference = run(false), blocked = run(true);
    const double zeros = (reference.out == 0).to(torch::kFloat).mean().item<double>();
    CHECK(zeros > 0.2);  // the ReLU's mask matters in the gradients
    CHECK(zeros < 0.8);
    CHECK(max_difference(blocked.out, reference.out) < 1e-5 * largest(reference.out));
    CHECK(max_difference(blocked.dx, reference.dx) < 1e-4 * largest(reference.dx));
    CHECK(max_difference(blocked.dresidual, reference.dresidual) <= 1e-6);
    CHECK(max_difference(blocked.dweight, reference.dweight) < 1e-4 * largest(reference.dweight));
    CHECK(max_difference(blocked.dbias, reference.dbias) < 1e-4 * largest(reference.dbias));
    CHECK(max_difference(blocked.mean, reference.mean) < 1e-5);
    CHECK(max_difference(blocked.var, reference.var) < 1e-4);
    CHECK(blocked.batches == 1);
    CHECK(reference.batches == 1);
  }
}

TEST_CASE("a resnet trains the same with Winograd in the blocked layout as with libtorch") {
  if (!kExpectWinograd) return;  // covered by the availability case above
  const NetworkSpec spec = small_pvresnet(5, 9);
  torch::manual_seed(2);
  torch::Tensor inputs = torch::randint(0, 2, {16, 5, 9, 9}).to(torch::kFloat);
  torch::Tensor labels = torch::randint(0, 82, {16}, torch::kLong);
  torch::Tensor outcomes = torch::rand({16}) * 2 - 1;
  auto train = [&](const std::string& algorithm) {
    SettingScope scope(algorithm);
    torch::manual_seed(7);
    PolicyValueNet network(spec);
    to_channels_last(*network);
    network->train();
    torch::optim::SGD sgd(network->parameters(), torch::optim::SGDOptions(0.05).momentum(0.9));
    std::vector<double> losses;
    for (int step = 0; step < 5; ++step) {
      sgd.zero_grad();
      NetOutput out = network->forward(channels_last_input(inputs));
      torch::Tensor loss = torch::nn::functional::cross_entropy(out.policy_logits, labels) +
                           torch::mse_loss(out.value, outcomes);
      loss.backward();
      sgd.step();
      losses.push_back(loss.item<double>());
    }
    network->eval();
    torch::Tensor logits = network->forward(channels_last_input(inputs)).policy_logits.detach();
    return std::make_pair(losses, logits);
  };
  auto [direct_losses, direct_logits] = train("direct");
  auto [winograd_losses, winograd_logits] = train("winograd");
  CHECK(direct_losses.back() < direct_losses.front());  // it learns
  for (std::size_t i = 0; i < direct_losses.size(); ++i) {
    CHECK(winograd_losses[i] == Approx(direct_losses[i]).epsilon(1e-3));
  }
  CHECK(max_difference(winograd_logits, direct_logits) < 2e-3 * largest(direct_logits));
  // Winograd rounds differently: identical logits would mean the blocked path never ran.
  CHECK_FALSE(torch::equal(winograd_logits, direct_logits));
}

TEST_CASE(
    "at inference a network matches libtorch's own modules and runs blocked from two boards up") {
  if (!kExpectWinograd) return;  // covered by the availability case above
  // 22 planes of 19x19, as the history encoder's: few enough input values that libtorch would
  // take its reference convolution for the stem at a batch of one.
  const NetworkSpec spec = small_pvresnet(22, 19);
  torch::manual_seed(3);
  PolicyValueNet network(spec);
  torch::NoGradGuard no_grad;
  for (auto& module : network->modules()) {
    if (auto* norm = module->as<torch::nn::BatchNorm2dImpl>()) {
      norm->running_mean.copy_(torch::randn_like(norm->running_mean) * 0.1);
      norm->running_var.copy_(torch::rand_like(norm->running_var) + 0.5);
    }
  }
  network->eval();
  auto children = network->named_children();
  auto& trunk = *children["trunk"]->as<torch::nn::SequentialImpl>();
  auto& policy = *children["policy"]->as<ConvPolicyHeadImpl>();
  auto& value = *children["value"]->as<PooledValueHeadImpl>();
  for (std::int64_t boards : {1, 2, 4}) {
    INFO(boards << " boards");
    torch::Tensor inputs = torch::randint(0, 2, {boards, 22, 19, 19}).to(torch::kFloat);
    NetOutput out = network->forward(inputs);
    torch::Tensor features = trunk.forward(inputs);
    torch::Tensor logits = policy.forward(features), values = value.forward(features).squeeze(1);
    CHECK(max_difference(out.policy_logits, logits) < 2e-3 * largest(logits));
    CHECK(max_difference(out.value, values) < 2e-3);
    CHECK(use_blocked_inference(inputs, spec.filters) == (boards >= 2));
    // With direct convolutions only the tower differs, and Winograd rounds differently:
    // identical logits would mean the blocked tower never ran.
    SettingScope direct("direct");
    const torch::Tensor direct_logits = network->forward(inputs).policy_logits;
    CHECK(max_difference(out.policy_logits, direct_logits) < 2e-3 * largest(logits));
    CHECK(torch::equal(out.policy_logits, direct_logits) == (boards < 2));
  }

  // Several threads evaluating batches of one shape at once (a server's games) each get the
  // answer one thread alone gets: the convolutions' scratch memory is not shared.
  torch::Tensor inputs = torch::randint(0, 2, {4, 22, 19, 19}).to(torch::kFloat);
  const torch::Tensor alone = network->forward(inputs).policy_logits;
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 3; ++t) {
    threads.emplace_back([&] {
      torch::NoGradGuard thread_no_grad;
      for (int i = 0; i < 10; ++i) {
        if (!torch::equal(network->forward(inputs).policy_logits, alone)) ++mismatches;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  CHECK(mismatches.load() == 0);
}

TEST_CASE("training with frozen batch norms runs libtorch's modules and keeps its gradients") {
  // RL from experience trains with the norms in eval mode (net/rl/experience_trainer.cpp): the
  // fused training kernel, which computes batch statistics, must not run, nor the inference
  // one, which has no gradient.
  const NetworkSpec spec = small_pvresnet(5, 9);
  torch::manual_seed(4);
  PolicyValueNet network(spec);
  torch::Tensor inputs = torch::randint(0, 2, {8, 5, 9, 9}).to(torch::kFloat);
  network->train();
  for (auto& module : network->modules(/*include_self=*/false)) {
    if (module->as<torch::nn::BatchNorm2dImpl>()) module->eval();
  }
  auto gradient = [&](const std::string& algorithm) {
    SettingScope scope(algorithm);
    network->zero_grad();
    network->forward(inputs).policy_logits.square().sum().backward();
    return network->named_parameters()["trunk.3.conv1.weight"].grad().clone();
  };
  const torch::Tensor direct = gradient("direct");
  torch::Tensor chosen;
  REQUIRE_NOTHROW(chosen = gradient("auto"));
  REQUIRE(chosen.defined());
  CHECK(largest(direct) > 0);
  CHECK(torch::equal(chosen, direct));
}

TEST_CASE("the blocked norm's loops run on libtorch's threads") {
  const int threads = torch::get_num_threads();
  torch::set_num_threads(2);
  const int used = dlgo::net::blocked_norm_loop_threads();
  torch::set_num_threads(threads);
  CHECK(used == 2);
}
