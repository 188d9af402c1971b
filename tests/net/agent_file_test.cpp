#include <sys/stat.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>

#include "engine/dataset/h5_helpers.h"
#include "net/agent_init.h"
#include "net/model.h"
#include "net/torch/agent_io.h"
#include "net_support.h"
#include "tests/one_line_error.h"

#include "catch_with_torch.h"

using namespace dlgo;
using namespace dlgo::net;
using dlgo::test::one_line_naming;
namespace fs = std::filesystem;

namespace {

// The message of the AgentFileError that loading PATH's network throws.
std::string load_error(const std::string& path) {
  try {
    load_agent_network(path, torch::kCPU);
  } catch (const AgentFileError& error) {
    return error.what();
  }
  return "(no error)";
}

// A copy of `source` named `name` whose dataset /model/weights/trunk.0.weight `change` replaced.
std::string with_changed_weight(const std::string& source, const std::string& name,
                                const std::function<void(H5::Group&, const char*)>& change) {
  const std::string path = fs::path(source).parent_path().string() + "/" + name;
  fs::copy_file(source, path, fs::copy_options::overwrite_existing);
  auto guard = h5::lock();
  H5::H5File file(path, H5F_ACC_RDWR);
  H5::Group weights = file.openGroup("model/weights");
  change(weights, "trunk.0.weight");
  return path;
}

// The values of a float dataset, `edit`ed and written back.
void edit_values(H5::Group& group, const char* name,
                 const std::function<void(std::vector<float>&)>& edit) {
  H5::DataSet dataset = group.openDataSet(name);
  std::vector<float> values(static_cast<std::size_t>(dataset.getSpace().getSimpleExtentNpoints()));
  dataset.read(values.data(), H5::PredType::NATIVE_FLOAT);
  edit(values);
  dataset.write(values.data(), H5::PredType::NATIVE_FLOAT);
}

// Replaces a float dataset with one of `type` and shape `dims`, holding the same values.
void replace_dataset(H5::Group& group, const char* name, const H5::PredType& type,
                     std::vector<hsize_t> dims) {
  std::vector<float> values;
  edit_values(group, name, [&](std::vector<float>& v) { values = v; });
  group.unlink(name);
  H5::DataSet dataset =
      group.createDataSet(name, type, H5::DataSpace(static_cast<int>(dims.size()), dims.data()));
  dataset.write(values.data(), H5::PredType::NATIVE_FLOAT);
}

}  // namespace

TEST_CASE("an agent file round-trips the network: the loaded one computes the same outputs") {
  std::string dir = testing::make_temp_directory("dlgo-agent");
  InitOptions options;
  options.kind = "zero";
  options.encoder = "zero";
  options.board_size = 9;
  options.network = "resnet";
  options.blocks = 2;
  options.filters = 16;
  std::string path = dir + "/zero.h5";
  write_fresh_agent(path, options);
  AgentFileInfo info = read_agent_info(path);
  CHECK(info.metadata.kind == AgentKind::kZero);
  CHECK(info.metadata.encoder == "zero");
  CHECK(info.metadata.board_width == 9);
  CHECK(info.metadata.network.network == "resnet");
  CHECK(info.metadata.network.value_head);
  CHECK(info.metadata.network.policy_outputs == 82);  // the zero encoder labels passes
  CHECK_FALSE(info.training);

  PolicyValueNet original = load_agent_network(path, torch::kCPU);
  // Batch norm statistics are buffers: give them non-default values to see they are stored.
  original->train();
  {
    torch::NoGradGuard no_grad;
    original->forward(torch::rand({16, 11, 9, 9}) * 3);
  }
  original->eval();
  write_agent_file(path, info.metadata, original);
  PolicyValueNet loaded = load_agent_network(path, torch::kCPU);
  loaded->eval();
  torch::NoGradGuard no_grad;
  torch::Tensor x = torch::rand({4, 11, 9, 9});
  NetOutput a = original->forward(x), b = loaded->forward(x);
  CHECK(torch::equal(a.policy_logits, b.policy_logits));
  CHECK(torch::equal(a.value, b.value));

  std::shared_ptr<const Model> model = Model::load(path);
  GameState state = GameState::new_game(9);
  std::vector<float> input(model->input_size()), policy(82);
  float value = 2;
  model->encode_input(state, input.data());
  model->predict(input.data(), 1, policy.data(), &value);
  float total = 0;
  for (float p : policy) total += p;
  CHECK(total == Approx(1.0f).epsilon(1e-4));
  CHECK(std::abs(value) <= 1.0f);
  fs::remove_all(dir);
}

TEST_CASE("fresh agents of every kind get the right heads and inputs") {
  std::string dir = testing::make_temp_directory("dlgo-agent");
  for (const std::string& kind : agent_kind_names(agent_file_kinds())) {
    InitOptions options;
    options.kind = kind;
    options.board_size = 5;
    options.encoder = kind == "alphago" ? "alphago" : "simple";
    options.network = kind == "alphago" ? "alphago" : "small";
    std::string path = dir + "/" + kind + ".h5";
    CHECK(write_fresh_agent(path, options) > 0);
    AgentFileInfo info = read_agent_info(path);
    INFO(kind);
    CHECK(agent_kind_name(info.metadata.kind) == kind);
    CHECK(info.metadata.network.value_head == (kind != "predict" && kind != "pg"));
    CHECK(info.metadata.network.action_input == (kind == "q" ? 25 : 0));
  }
  InitOptions bad;
  bad.kind = "wizard";
  CHECK_THROWS_WITH(
      write_fresh_agent(dir + "/x.h5", bad),
      Catch::Contains(
          "unknown agent kind 'wizard' (known: predict, pg, q, ac, value, zero, alphago)"));
  bad.kind = "mcts";  // a kind, but not one an agent file holds
  CHECK_THROWS_WITH(write_fresh_agent(dir + "/x.h5", bad),
                    Catch::Contains("unknown agent kind 'mcts'"));
  bad.kind = "predict";
  bad.encoder = "nonsense";
  CHECK_THROWS_WITH(write_fresh_agent(dir + "/x.h5", bad), Catch::Contains("nonsense"));
  fs::remove_all(dir);
}

TEST_CASE("missing, foreign, truncated and damaged agent files are refused with the reason") {
  std::string dir = testing::make_temp_directory("dlgo-agent");
  CHECK_THROWS_WITH(read_agent_info(dir + "/none.h5"), Catch::Contains("no such file"));
  std::ofstream(dir + "/text.h5") << "hello";
  CHECK_THROWS_WITH(read_agent_info(dir + "/text.h5"), Catch::Contains("not an HDF5 file"));
  testing::write_random_dataset(dir + "/data", "sevenplane", 5, 1, 1, 3);
  CHECK_THROWS_WITH(read_agent_info(dir + "/data.train.h5"),
                    Catch::Contains("not a dlgo agent file"));

  InitOptions options;
  options.board_size = 5;
  std::string path = dir + "/agent.h5";
  write_fresh_agent(path, options);
  std::string truncated = dir + "/truncated.h5";
  fs::copy_file(path, truncated);
  fs::resize_file(truncated, fs::file_size(truncated) * 2 / 3);
  CHECK_THROWS_AS(load_agent_network(truncated, torch::kCPU), AgentFileError);

  // A network whose stored architecture no longer matches its weights.
  AgentFileInfo info = read_agent_info(path);
  AgentMetadata other = info.metadata;
  PolicyValueNet network(other.network);
  other.network.network = "medium";
  PolicyValueNet medium(other.network);
  other.network.network = "small";
  write_agent_file(dir + "/mismatch.h5", other, medium);
  CHECK_THROWS_WITH(load_agent_network(dir + "/mismatch.h5", torch::kCPU),
                    Catch::Contains("values"));
  fs::remove_all(dir);
}

TEST_CASE("writing an agent file is atomic: a failure leaves the previous file intact") {
  std::string dir = testing::make_temp_directory("dlgo-agent");
  InitOptions options;
  options.board_size = 5;
  std::string path = dir + "/agent.h5";
  write_fresh_agent(path, options);
  auto before = fs::file_size(path);
  fs::create_directory(path + ".partial");  // the temporary file cannot be created
  AgentFileInfo info = read_agent_info(path);
  PolicyValueNet network(info.metadata.network);
  CHECK_THROWS_AS(write_agent_file(path, info.metadata, network), AgentFileError);
  CHECK(fs::file_size(path) == before);
  CHECK_NOTHROW(read_agent_info(path));
  fs::remove_all(dir);
}

TEST_CASE("broken agent files are refused in one line: truncated, no attribute, not a file") {
  std::string dir = testing::make_temp_directory("dlgo-agent");
  InitOptions options;
  options.board_size = 5;
  const std::string good = dir + "/agent.h5";
  write_fresh_agent(good, options);

  const std::string truncated = dir + "/truncated.h5";
  fs::copy_file(good, truncated);
  fs::resize_file(truncated, fs::file_size(truncated) * 2 / 3);
  std::string message = load_error(truncated);
  INFO(message);
  CHECK(one_line_naming(message, truncated));
  CHECK_THAT(message, Catch::Contains("truncated"));

  const std::string no_architecture = dir + "/no-architecture.h5";
  fs::copy_file(good, no_architecture);
  {
    auto guard = h5::lock();
    H5::H5File(no_architecture, H5F_ACC_RDWR).openGroup("model").removeAttr("architecture");
  }
  message = load_error(no_architecture);
  INFO(message);
  CHECK(one_line_naming(message, no_architecture));
  CHECK_THAT(message, Catch::Contains("the attribute 'architecture' of /model is missing"));

  message = load_error(dir);
  INFO(message);
  CHECK(one_line_naming(message, dir));
  CHECK_THAT(message, Catch::Contains("is a directory"));

  // dlgo-gtp, dlgo-serve, dlgo-eval and dlgo-train hung on a FIFO: its open blocks.
  const std::string fifo = dir + "/fifo.h5";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  message = load_error(fifo);
  INFO(message);
  CHECK(one_line_naming(message, fifo));
  CHECK_THAT(message, Catch::Contains("not a regular file"));
  CHECK_THROWS_WITH(read_agent_info(fifo), Catch::Contains("not a regular file"));
  CHECK_THROWS_WITH(read_resume_state(fifo), Catch::Contains("not a regular file"));
  fs::remove_all(dir);
}

TEST_CASE("weights that do not fit are refused: NaN or infinite, flattened, stored as integers") {
  std::string dir = testing::make_temp_directory("dlgo-agent");
  InitOptions options;
  options.board_size = 5;
  options.kind = "zero";  // a resnet with batch-norm buffers
  options.encoder = "zero";
  options.network = "resnet";
  options.blocks = 1;
  options.filters = 8;
  const std::string good = dir + "/agent.h5";
  write_fresh_agent(good, options);
  REQUIRE(load_error(good) == "(no error)");

  const std::string nan =
      with_changed_weight(good, "nan.h5", [](H5::Group& weights, const char* name) {
        edit_values(weights, name, [](std::vector<float>& v) {
          v[3] = std::numeric_limits<float>::quiet_NaN();
          v[4] = std::numeric_limits<float>::quiet_NaN();
        });
      });
  std::string message = load_error(nan);
  INFO(message);
  CHECK(one_line_naming(message, nan));
  CHECK_THAT(message,
             Catch::Contains("/model/weights/trunk.0.weight holds 2 NaN or infinite values"));
  CHECK_THROWS_AS(Model::load(nan), AgentFileError);  // what the programs load with

  const std::string infinite = dir + "/infinite.h5";
  fs::copy_file(good, infinite);
  {
    auto guard = h5::lock();
    H5::H5File file(infinite, H5F_ACC_RDWR);
    H5::Group buffers = file.openGroup("model/buffers");
    std::string variance;  // a batch norm's running variance (float; the counters are int64)
    for (hsize_t i = 0; i < buffers.getNumObjs() && variance.empty(); ++i) {
      const std::string name = buffers.getObjnameByIdx(i);
      if (name.find("running_var") != std::string::npos) variance = name;
    }
    REQUIRE_FALSE(variance.empty());
    edit_values(buffers, variance.c_str(),
                [](std::vector<float>& v) { v[0] = -std::numeric_limits<float>::infinity(); });
  }
  message = load_error(infinite);
  INFO(message);
  CHECK(one_line_naming(message, infinite));
  CHECK_THAT(message, Catch::Contains("/model/buffers/") && Catch::Contains("NaN or infinite"));

  // The right number of values in the wrong layout.
  const std::string flat =
      with_changed_weight(good, "flat.h5", [](H5::Group& weights, const char* name) {
        const hsize_t values = weights.openDataSet(name).getSpace().getSimpleExtentNpoints();
        replace_dataset(weights, name, H5::PredType::NATIVE_FLOAT, {values});
      });
  message = load_error(flat);
  INFO(message);
  CHECK(one_line_naming(message, flat));
  CHECK_THAT(message, Catch::Contains("/model/weights/trunk.0.weight has shape 792 (792 values), "
                                      "the network expects 8x11x3x3 (792 values)"));

  const std::string int8 =
      with_changed_weight(good, "int8.h5", [](H5::Group& weights, const char* name) {
        replace_dataset(weights, name, H5::PredType::NATIVE_INT8, {8, 11, 3, 3});
      });
  message = load_error(int8);
  INFO(message);
  CHECK(one_line_naming(message, int8));
  CHECK_THAT(message, Catch::Contains("/model/weights/trunk.0.weight is stored as 8-bit integers"));
  fs::remove_all(dir);
}
