// An alphago agent file's embedded rollout policy: written by the dlgo-init code path
// (write_fresh_agent with a rollout policy) or into an existing file, loaded with the agent,
// really used for the rollouts, and refused with errors naming the file and the group when it
// does not fit.
#include "tests/catch.h"

#include <filesystem>
#include <vector>

#include "engine/agents/agent_factory.h"
#include "engine/dataset/h5_helpers.h"
#include "net/agent_file.h"
#include "net/agent_files.h"
#include "net/agents/alphago_agent.h"
#include "net/network_spec.h"
#include "net/rollout_policy.h"
#include "tests/net_agents/agent_support.h"

using namespace dlgo;
using dlgo::test::fresh_agent_file;
using dlgo::test::test_folder;

namespace {

namespace fs = std::filesystem;

// A fresh 5x5 alphago agent (resnet 1x8, simple encoder) written through write_fresh_agent,
// with `rollout_policy` embedded unless it is empty.
std::string alphago_file(const std::string& name, const std::string& rollout_policy,
                         std::uint64_t seed = 7) {
  net::InitOptions options;
  options.kind = "alphago";
  options.encoder = "simple";
  options.board_size = 5;
  options.network = "resnet";
  options.blocks = 1;
  options.filters = 8;
  options.seed = seed;
  options.rollout_policy = rollout_policy;
  const std::string path = test_folder() + "/" + name;
  net::write_fresh_agent(path, options);
  return path;
}

// A pg agent for 5x5 on the small network, of its own seed (the rollout policy's source).
std::string pg_file(const std::string& name, std::uint64_t seed) {
  net::InitOptions options;
  options.kind = "pg";
  options.encoder = "simple";
  options.board_size = 5;
  options.network = "small";
  options.seed = seed;
  const std::string path = test_folder() + "/" + name;
  net::write_fresh_agent(path, options);
  return path;
}

// A few positions of a 5x5 game.
std::vector<GameState> sample_positions() {
  std::vector<GameState> states{GameState::new_game(5)};
  for (int point : {12, 6, 18, 7, 8}) {
    GameState next = states.back();
    next.play(Move::play(point));
    states.push_back(next);
  }
  return states;
}

std::vector<float> policy_outputs(const net::Model& model) {
  std::vector<float> all;
  std::vector<float> input(model.input_size());
  std::vector<float> policy(static_cast<size_t>(model.spec().policy_outputs));
  for (const GameState& state : sample_positions()) {
    model.encode_input(state, input.data());
    model.predict(input.data(), 1, policy.data(), nullptr);
    all.insert(all.end(), policy.begin(), policy.end());
  }
  return all;
}

// The search's visits and win rates over the sample positions: they depend on every rollout.
std::vector<double> search_trace(const Agent& agent) {
  std::vector<double> trace;
  for (const GameState& state : sample_positions()) {
    MoveDecision decision = agent.select_move(state);
    for (const MoveCandidate& candidate : decision.diagnostics.top_moves) {
      trace.push_back(candidate.visits.value_or(-1));
      trace.push_back(candidate.win_rate.value_or(-1));
    }
  }
  return trace;
}

// Changes a file with HDF5 directly, as damage would.
template <typename Edit>
std::string damaged_copy(const std::string& source, const std::string& name, Edit edit) {
  const std::string path = test_folder() + "/" + name;
  fs::copy_file(source, path, fs::copy_options::overwrite_existing);
  auto guard = h5::lock();
  H5::H5File file(path, H5F_ACC_RDWR);
  edit(file);
  return path;
}

std::string load_error(const std::string& path) {
  try {
    net::load_agent_file(path, AgentOptions{}, "cpu");
  } catch (const std::runtime_error& error) {
    return error.what();
  }
  FAIL("the agent file loaded: " << path);
  return {};
}

}  // namespace

TEST_CASE("an alphago file made with a rollout policy loads it and plays legal games") {
  const std::string fast = pg_file("fast-a.h5", 11);
  const std::string path = alphago_file("alphago-with-policy.h5", fast);
  CHECK_FALSE(fs::exists(path + ".partial"));

  net::AgentFileInfo info = net::read_agent_info(path);
  REQUIRE(info.rollout_policy);
  CHECK(info.rollout_policy->metadata.kind == AgentKind::kPg);
  CHECK(info.rollout_policy->metadata.network.network == "small");
  CHECK(info.rollout_policy->metadata.encoder == "simple");
  CHECK(info.rollout_policy->metadata.board_width == 5);
  CHECK(info.rollout_policy->source == "fast-a.h5");
  CHECK(info.rollout_policy->parameters == net::read_agent_info(fast).parameters);
  CHECK(info.metadata.network.network == "resnet");  // the agent's own network is untouched

  AgentOptions options;
  options.rounds = 3;
  std::unique_ptr<Agent> agent = net::load_agent_file(path, options, "cpu");
  CHECK(agent->kind() == AgentKind::kAlphaGo);
  CHECK_THAT(agent->description(),
             Catch::Contains("rollouts: policy (pg, small network, simple encoder)"));
  std::unique_ptr<Agent> opponent = make_agent("random");
  dlgo::test::GameSummary game = dlgo::test::play_checked_game(*agent, *opponent, 5);
  CHECK(game.final_state.is_over());
  CHECK(game.moves > 2);
}

TEST_CASE("an alphago file without a rollout policy keeps random rollouts") {
  const std::string path = alphago_file("alphago-plain.h5", "");
  CHECK_FALSE(net::read_agent_info(path).rollout_policy);
  CHECK(net::Model::load_rollout_policy(path, "cpu") == nullptr);
  CHECK_THAT(net::load_agent_file(path, AgentOptions{}, "cpu")->description(),
             Catch::Contains("rollouts: random"));
}

TEST_CASE("the embedded rollout network is the source file's network") {
  const std::string fast = pg_file("fast-b.h5", 21);
  const std::string other = pg_file("fast-c.h5", 22);
  const std::string path = alphago_file("alphago-b.h5", fast);
  std::shared_ptr<const net::Model> embedded = net::Model::load_rollout_policy(path, "cpu");
  REQUIRE(embedded);
  CHECK(embedded->path() == path + ":/rollout_policy");
  CHECK(embedded->spec() == net::Model::load(fast, "cpu")->spec());
  const std::vector<float> outputs = policy_outputs(*embedded);
  CHECK(outputs == policy_outputs(*net::Model::load(fast, "cpu")));
  CHECK(outputs != policy_outputs(*net::Model::load(other, "cpu")));
}

TEST_CASE("the loaded agent plays its rollouts with the embedded network") {
  const std::string fast = pg_file("fast-d.h5", 31);
  const std::string plain = alphago_file("alphago-d-plain.h5", "");
  const std::string with_policy = alphago_file("alphago-d-policy.h5", fast);
  AgentOptions options;
  options.rounds = 12;
  options.seed = 99;
  net::AlphaGoOptions search;  // what the loader makes of `options`
  search.rounds = options.rounds;
  // Fresh agents of the same seed draw the same random numbers: traces compare exactly.
  auto direct = [&](const std::string& path, std::shared_ptr<const net::Model> fast_policy) {
    return search_trace(net::AlphaGoAgent(net::Model::load(path, "cpu"), search, options.seed,
                                          std::move(fast_policy)));
  };

  // The loaded agent searches exactly as one given the source file as its fast policy, and not
  // as one with random rollouts.
  const std::vector<double> loaded =
      search_trace(*net::load_agent_file(with_policy, options, "cpu"));
  CHECK(loaded == direct(with_policy, net::Model::load(fast, "cpu")));
  CHECK(loaded != direct(with_policy, nullptr));
  // The file without the group searches as the agent with random rollouts.
  CHECK(search_trace(*net::load_agent_file(plain, options, "cpu")) == direct(plain, nullptr));
}

TEST_CASE("a rollout policy can be embedded into an existing alphago file") {
  const std::string fast = pg_file("fast-e.h5", 51);
  const std::string path = alphago_file("alphago-e.h5", "");
  const std::vector<float> own_before = policy_outputs(*net::Model::load(path, "cpu"));
  net::embed_rollout_policy(path, fast);
  CHECK_FALSE(fs::exists(path + ".partial"));
  CHECK(policy_outputs(*net::Model::load(path, "cpu")) == own_before);
  REQUIRE(net::Model::load_rollout_policy(path, "cpu"));
  CHECK(policy_outputs(*net::Model::load_rollout_policy(path, "cpu")) ==
        policy_outputs(*net::Model::load(fast, "cpu")));

  // A second embedding replaces the first.
  const std::string second = fresh_agent_file("predict", "oneplane", 5);
  net::embed_rollout_policy(path, second);
  std::shared_ptr<const net::Model> replaced = net::Model::load_rollout_policy(path, "cpu");
  CHECK(replaced->metadata().kind == AgentKind::kPredict);
  CHECK(policy_outputs(*replaced) == policy_outputs(*net::Model::load(second, "cpu")));

  // Only alphago files take one; the refused file is left as it was.
  const std::string pg = pg_file("pg-e.h5", 52);
  CHECK_THROWS_WITH(net::embed_rollout_policy(pg, fast),
                    Catch::Contains(pg) && Catch::Contains("only alphago"));
  CHECK_FALSE(net::read_agent_info(pg).rollout_policy);
}

TEST_CASE("rollout policies of another board or without a policy are refused by name") {
  const std::string nine = fresh_agent_file("pg", "simple", 9);
  const std::string target = test_folder() + "/refused.h5";
  net::InitOptions options;
  options.kind = "alphago";
  options.encoder = "simple";
  options.board_size = 5;
  options.network = "resnet";
  options.blocks = 1;
  options.filters = 8;

  options.rollout_policy = nine;
  CHECK_THROWS_WITH(net::write_fresh_agent(target, options),
                    Catch::Contains(nine) && Catch::Contains("9x9") && Catch::Contains("5x5"));
  for (const char* kind : {"q", "value"}) {
    const std::string no_policy = fresh_agent_file(kind, "simple", 5);
    options.rollout_policy = no_policy;
    CHECK_THROWS_WITH(net::write_fresh_agent(target, options),
                      Catch::Contains(no_policy) && Catch::Contains("no move policy"));
  }
  options.rollout_policy = test_folder() + "/absent.h5";
  CHECK_THROWS_WITH(net::write_fresh_agent(target, options), Catch::Contains("absent.h5"));
  CHECK_FALSE(fs::exists(target));
  CHECK_FALSE(fs::exists(target + ".partial"));

  options.kind = "pg";
  options.rollout_policy = fresh_agent_file("pg", "simple", 5);
  CHECK_THROWS_WITH(net::write_fresh_agent(target, options), Catch::Contains("alphago"));
  CHECK_FALSE(fs::exists(target));
}

TEST_CASE("a damaged rollout policy group is refused naming the file and the group") {
  const std::string good = alphago_file("alphago-good.h5", pg_file("fast-f.h5", 61));

  const std::string missing_weight = damaged_copy(good, "lacks-weight.h5", [](H5::H5File& file) {
    H5::Group weights = file.openGroup("rollout_policy/model/weights");
    std::string first = weights.getObjnameByIdx(0);
    weights.unlink(first);
  });
  std::string message = load_error(missing_weight);
  CHECK_THAT(message, Catch::Contains(missing_weight) && Catch::Contains("/rollout_policy") &&
                          Catch::Contains("lack"));

  const std::string no_model = damaged_copy(
      good, "no-model.h5", [](H5::H5File& file) { file.unlink("rollout_policy/model"); });
  message = load_error(no_model);
  CHECK_THAT(message, Catch::Contains(no_model) && Catch::Contains("/rollout_policy"));

  const std::string value_kind = damaged_copy(good, "value-kind.h5", [](H5::H5File& file) {
    H5::Group group = file.openGroup("rollout_policy");
    group.removeAttr("kind");
    h5::write_string_attr(group, "kind", "value");
  });
  message = load_error(value_kind);
  CHECK_THAT(message, Catch::Contains(value_kind) && Catch::Contains("/rollout_policy") &&
                          Catch::Contains("no move policy"));

  // The group's network rewritten for another board: encoder and architecture agree, the
  // agent's board does not.
  const std::string other_board = damaged_copy(good, "other-board.h5", [](H5::H5File& file) {
    H5::Group encoder = file.openGroup("rollout_policy/encoder");
    for (const char* name : {"board_width", "board_height"}) {
      encoder.removeAttr(name);
      h5::write_int_attr(encoder, name, 6);
    }
    H5::Group model = file.openGroup("rollout_policy/model");
    net::NetworkSpec spec =
        net::NetworkSpec::from_json(h5::read_string_attr(model, "architecture"));
    spec.board_width = spec.board_height = 6;
    spec.policy_outputs = 36;
    model.removeAttr("architecture");
    h5::write_string_attr(model, "architecture", spec.to_json());
  });
  CHECK_THROWS_WITH(net::read_agent_info(other_board),
                    Catch::Contains(other_board) && Catch::Contains("/rollout_policy") &&
                        Catch::Contains("6x6") && Catch::Contains("5x5"));

  // An architecture its weights do not fit.
  const std::string misfit = damaged_copy(good, "misfit.h5", [](H5::H5File& file) {
    H5::Group model = file.openGroup("rollout_policy/model");
    net::NetworkSpec spec =
        net::NetworkSpec::from_json(h5::read_string_attr(model, "architecture"));
    spec.input_channels += 1;
    model.removeAttr("architecture");
    h5::write_string_attr(model, "architecture", spec.to_json());
  });
  message = load_error(misfit);
  CHECK_THAT(message, Catch::Contains(misfit) && Catch::Contains("/rollout_policy") &&
                          Catch::Contains("the network expects"));

  // The undamaged original still loads with its policy.
  CHECK_THAT(net::load_agent_file(good, AgentOptions{}, "cpu")->description(),
             Catch::Contains("rollouts: policy"));
}
