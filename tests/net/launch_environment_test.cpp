// The distributed launch environment: what torchrun and --nproc-per-node set, read strictly.
#include "net/distributed/launch_environment.h"

#include <map>

#include "tests/catch.h"

using dlgo::net::launch_environment_from;

namespace {

dlgo::net::EnvironmentLookup table(std::map<std::string, std::string> values) {
  return [values](const std::string& name) -> std::optional<std::string> {
    auto it = values.find(name);
    if (it == values.end()) return std::nullopt;
    return it->second;
  };
}

std::string error_of(std::map<std::string, std::string> values) {
  try {
    launch_environment_from(table(values));
  } catch (const std::runtime_error& error) {
    return error.what();
  }
  return "";
}

}  // namespace

TEST_CASE("no launch variables mean a plain one-process run") {
  CHECK_FALSE(launch_environment_from(table({})).has_value());
  CHECK_FALSE(launch_environment_from(table({{"LOCAL_RANK", "0"}})).has_value());
}

TEST_CASE("torchrun's variables are read") {
  auto env = launch_environment_from(table({{"RANK", "3"},
                                            {"WORLD_SIZE", "8"},
                                            {"MASTER_ADDR", "node1"},
                                            {"MASTER_PORT", "29500"},
                                            {"LOCAL_RANK", "1"},
                                            {"TORCHELASTIC_USE_AGENT_STORE", "True"},
                                            {"TORCHELASTIC_RESTART_COUNT", "2"}}));
  REQUIRE(env.has_value());
  CHECK(env->rank == 3);
  CHECK(env->world_size == 8);
  CHECK(env->master_addr == "node1");
  CHECK(env->master_port == 29500);
  CHECK(env->local_rank == 1);
  CHECK(env->agent_hosts_store);
  CHECK(env->restart_count == 2);
}

TEST_CASE("LOCAL_RANK defaults to RANK and rank 0 hosts the store") {
  auto env = launch_environment_from(table(
      {{"RANK", "1"}, {"WORLD_SIZE", "2"}, {"MASTER_ADDR", "127.0.0.1"}, {"MASTER_PORT", "1"}}));
  REQUIRE(env.has_value());
  CHECK(env->local_rank == 1);
  CHECK_FALSE(env->agent_hosts_store);
  CHECK(env->restart_count == 0);
}

TEST_CASE("a partial or inconsistent launch environment is an error naming the variable") {
  const std::map<std::string, std::string> good{
      {"RANK", "0"}, {"WORLD_SIZE", "2"}, {"MASTER_ADDR", "h"}, {"MASTER_PORT", "29500"}};
  for (const char* missing : {"RANK", "WORLD_SIZE", "MASTER_ADDR", "MASTER_PORT"}) {
    auto values = good;
    values.erase(missing);
    CHECK_THAT(error_of(values), Catch::StartsWith(std::string(missing) + " is not set"));
  }
  auto with = [&](const char* name, const char* value) {
    auto values = good;
    values[name] = value;
    return error_of(values);
  };
  CHECK_THAT(with("RANK", "2"), Catch::Contains("RANK=2 is not below WORLD_SIZE=2"));
  CHECK_THAT(with("RANK", "-1"), Catch::StartsWith("RANK=-1"));
  CHECK_THAT(with("WORLD_SIZE", "0"), Catch::StartsWith("WORLD_SIZE=0"));
  CHECK_THAT(with("WORLD_SIZE", "two"), Catch::StartsWith("WORLD_SIZE=two"));
  CHECK_THAT(with("MASTER_PORT", "70000"), Catch::StartsWith("MASTER_PORT=70000"));
  CHECK_THAT(with("MASTER_PORT", "29500x"), Catch::StartsWith("MASTER_PORT=29500x"));
  CHECK_THAT(with("MASTER_ADDR", ""), Catch::Contains("MASTER_ADDR is empty"));
  CHECK_THAT(with("LOCAL_RANK", "x"), Catch::StartsWith("LOCAL_RANK=x"));
}
