#include "net/torch/distributed_group.h"

// The c10d headers declare the Gloo and NCCL process groups only under these switches, which
// libtorch's CMake package does not set for its users; net/CMakeLists.txt says which we have.
#include <torch/csrc/distributed/c10d/PrefixStore.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#ifdef DLGO_WITH_GLOO
#ifndef USE_C10D_GLOO
#define USE_C10D_GLOO
#endif
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#endif
#ifdef DLGO_WITH_NCCL
#ifndef USE_C10D_NCCL
#define USE_C10D_NCCL
#endif
#include <torch/csrc/distributed/c10d/ProcessGroupNCCL.hpp>
#endif

#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <thread>

namespace dlgo::net {

bool build_has_gloo() {
#ifdef DLGO_WITH_GLOO
  return true;
#else
  return false;
#endif
}

bool build_has_nccl() {
#ifdef DLGO_WITH_NCCL
  return true;
#else
  return false;
#endif
}

namespace {

constexpr const char* kPrefix = "dlgo/";
constexpr std::chrono::milliseconds kHeartbeatPeriod{1000};
// A rank whose heartbeat has not moved over this span is taken for gone.
constexpr std::chrono::milliseconds kSilenceToBeGone{3000};
// How long a failed collective's diagnosis tries to reach the store.
constexpr std::chrono::milliseconds kProbeTimeout{5000};

std::vector<std::uint8_t> bytes_of(const std::string& text) {
  return std::vector<std::uint8_t>(text.begin(), text.end());
}

std::string text_of(const std::vector<std::uint8_t>& bytes) {
  return std::string(bytes.begin(), bytes.end());
}

// libtorch's messages carry a C++ backtrace over many lines: keep the first line.
std::string first_line(const std::string& text) {
  const auto end = text.find('\n');
  return end == std::string::npos ? text : text.substr(0, end);
}

std::vector<std::string> items_of(const std::string& text) {
  std::vector<std::string> items;
  size_t start = 0;
  while (true) {
    const size_t end = text.find(", ", start);
    items.push_back(text.substr(start, end == std::string::npos ? end : end - start));
    if (end == std::string::npos) return items;
    start = end + 2;
  }
}

// Of two ", "-separated lists, the first items that differ (the whole texts otherwise).
std::pair<std::string, std::string> first_difference(const std::string& a, const std::string& b) {
  const std::vector<std::string> items_a = items_of(a), items_b = items_of(b);
  if (items_a.size() == items_b.size()) {
    for (size_t i = 0; i < items_a.size(); ++i)
      if (items_a[i] != items_b[i]) return {items_a[i], items_b[i]};
  }
  return {a, b};
}

}  // namespace

struct DistributedGroup::State {
  ~State() { stop_heartbeat(); }

  LaunchEnvironment environment;
  std::string prefix;  // of every key: torchrun's agent store outlives a restarted attempt
  std::string backend;
  std::chrono::seconds timeout;
  torch::Device device{torch::kCPU};  // where collectives' tensors live
  std::string where;                  // "rank R of N"
  c10::intrusive_ptr<c10d::Store> store;
  c10::intrusive_ptr<c10d::ProcessGroup> group;

  // Heartbeat: its own store connection (a TCPStore client serves one caller at a time).
  c10::intrusive_ptr<c10d::Store> heartbeat_store;
  std::thread heartbeat;
  std::mutex heartbeat_mutex;
  std::condition_variable heartbeat_wake;
  bool stopping = false;
  // Collectives this rank has entered, and how many of them the heartbeat has published: a rank
  // that is alive but stuck (a frozen GPU) beats on while the others enter more collectives.
  std::atomic<std::int64_t> entered{0};
  std::int64_t published = 0;

  std::string key(const std::string& name) const { return prefix + name; }

  c10::intrusive_ptr<c10d::TCPStore> connect(bool serve, std::chrono::milliseconds within) const {
    c10d::TCPStoreOptions options;
    options.port = environment.master_port;
    options.isServer = serve;
    options.numWorkers = serve ? c10::optional<std::size_t>(environment.world_size) : c10::nullopt;
    options.waitWorkers = false;
    options.timeout = within;
    return c10::make_intrusive<c10d::TCPStore>(environment.master_addr, options);
  }

  std::string store_address() const {
    return environment.master_addr + ":" + std::to_string(environment.master_port);
  }

  void beat() {
    const std::string rank_text = std::to_string(environment.rank);
    std::unique_lock<std::mutex> lock(heartbeat_mutex);
    while (!stopping) {
      lock.unlock();  // a store call may take long; stopping must not wait for it
      try {
        heartbeat_store->add(key("heartbeat/" + rank_text), 1);
        const std::int64_t now = entered.load();
        if (now != published) heartbeat_store->add(key("progress/" + rank_text), now - published);
        published = now;
      } catch (const std::exception&) {
        return;  // the store is gone: the next collective says so
      }
      lock.lock();
      heartbeat_wake.wait_for(lock, kHeartbeatPeriod, [this] { return stopping; });
    }
  }

  void stop_heartbeat() {
    {
      std::lock_guard<std::mutex> lock(heartbeat_mutex);
      stopping = true;
    }
    heartbeat_wake.notify_all();
    if (heartbeat.joinable()) heartbeat.join();
  }

  // The errors other ranks published ("rank 1 failed: ..."), empty when none did.
  std::string published_errors(c10d::Store& from) const {
    std::string published;
    for (int r = 0; r < environment.world_size; ++r) {
      const std::string error_key = key("error/" + std::to_string(r));
      if (r != environment.rank && from.check({error_key})) {
        published += (published.empty() ? "" : "; ") + std::string("rank ") + std::to_string(r) +
                     " failed: " + text_of(from.get(error_key));
      }
    }
    return published;
  }

  // Waits for `name` in the store in short slices, so that a rank that failed meanwhile is
  // named at once rather than after the whole timeout.
  std::vector<std::uint8_t> wait_and_get(const std::string& name, const std::string& what) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!store->check({key(name)})) {
      const std::string failed = published_errors(*store);
      if (!failed.empty()) throw DistributedError(where + ": " + failed + " (during " + what + ")");
      if (std::chrono::steady_clock::now() > deadline) {
        throw DistributedError(
            where + ": " + diagnose("timed out after " + std::to_string(timeout.count()) + " s") +
            " during " + what);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return store->get(key(name));
  }

  // Why a collective failed: the ranks that published an error, else those whose heartbeat
  // stopped, else the store itself gone (rank 0 hosts it), else a timeout.
  std::string diagnose(const std::string& cause) {
    try {
      auto probe = connect(false, kProbeTimeout);
      const std::string published = published_errors(*probe);
      if (!published.empty()) return published;
      std::vector<std::int64_t> before(environment.world_size);
      for (int r = 0; r < environment.world_size; ++r)
        before[r] = probe->add(key("heartbeat/" + std::to_string(r)), 0);
      std::this_thread::sleep_for(kSilenceToBeGone);
      std::string silent, absent;
      for (int r = 0; r < environment.world_size; ++r) {
        if (r == environment.rank) continue;
        const std::int64_t after = probe->add(key("heartbeat/" + std::to_string(r)), 0);
        if (after == 0) {
          absent += (absent.empty() ? "rank " : ", rank ") + std::to_string(r);
        } else if (after == before[r]) {
          silent += (silent.empty() ? "rank " : ", rank ") + std::to_string(r);
        }
      }
      if (!absent.empty()) {
        return absent + " never joined (are WORLD_SIZE=" + std::to_string(environment.world_size) +
               " processes started, all at " + store_address() + "?)";
      }
      if (!silent.empty()) {
        return silent + " stopped answering (no heartbeat for " +
               std::to_string(kSilenceToBeGone.count() / 1000) + " s)";
      }
      // All alive: a rank that entered fewer collectives than this one is stuck before one.
      std::string behind;
      const std::int64_t mine = entered.load();
      for (int r = 0; r < environment.world_size; ++r) {
        if (r == environment.rank) continue;
        const std::int64_t theirs = probe->add(key("progress/" + std::to_string(r)), 0);
        if (theirs < mine) {
          behind += (behind.empty() ? "rank " : ", rank ") + std::to_string(r) +
                    " (at collective " + std::to_string(theirs) + ", this rank at " +
                    std::to_string(mine) + ")";
        }
      }
      if (!behind.empty()) return behind + " is alive but stuck";
      return "no rank is gone; " + first_line(cause);
    } catch (const std::exception&) {
      return (environment.agent_hosts_store ? std::string("the rendezvous store at ")
                                            : std::string("rank 0, which hosts the store at ")) +
             store_address() + ", is gone";
    }
  }

  // Runs a collective; its failure becomes a DistributedError that names the cause.
  template <typename Body>
  auto guarded(const std::string& what, Body&& body) -> decltype(body()) {
    ++entered;
    try {
      return body();
    } catch (const DistributedError&) {
      throw;
    } catch (const std::exception& error) {
      const std::string cause = first_line(error.what());
      throw DistributedError(where + ": " + diagnose(cause) + " during " + what + " [" + cause +
                             "]");
    }
  }
};

DistributedGroup::DistributedGroup(const LaunchEnvironment& environment, const std::string& backend,
                                   std::chrono::seconds timeout, const torch::Device& device)
    : state_(std::make_unique<State>()) {
  State& s = *state_;
  s.environment = environment;
  s.prefix = std::string(kPrefix) + "attempt_" + std::to_string(environment.restart_count) + "/";
  s.timeout = timeout;
  s.device = device;
  s.where =
      "rank " + std::to_string(environment.rank) + " of " + std::to_string(environment.world_size);
  if (backend == "auto") {
    s.backend = device.is_cuda() && build_has_nccl() ? "nccl" : "gloo";
  } else if (backend == "gloo" || backend == "nccl") {
    s.backend = backend;
  } else {
    throw DistributedError("--backend " + backend + ": expected auto, gloo or nccl");
  }
  if (s.backend == "gloo" && !build_has_gloo()) {
    throw DistributedError(
        "--backend gloo: this build has no Gloo (its headers, Debian's "
        "libgloo-dev, were missing when it was built)");
  }
  if (s.backend == "nccl" && !build_has_nccl()) {
    throw DistributedError("--backend nccl: this build's libtorch has no NCCL (use gloo)");
  }
  if (s.backend == "nccl" && !device.is_cuda()) {
    throw DistributedError("--backend nccl needs a CUDA device (--device cuda)");
  }

  const bool serve = environment.rank == 0 && !environment.agent_hosts_store;
  c10::intrusive_ptr<c10d::TCPStore> tcp_store;
  try {
    tcp_store = s.connect(serve, timeout);
    s.heartbeat_store = s.connect(false, timeout);
  } catch (const std::exception& error) {
    throw DistributedError(
        s.where + ": " +
        (serve ? "cannot serve the rendezvous store on port " +
                     std::to_string(environment.master_port) + " (" + first_line(error.what()) + ")"
               : "cannot reach the rendezvous store at " + s.store_address() + " within " +
                     std::to_string(timeout.count()) +
                     " s: is rank 0 running, and MASTER_ADDR and MASTER_PORT right?"));
  }
  s.store = tcp_store;

  // One process per rank; a second one claiming a taken rank is an error at once.
  const std::string rank_text = std::to_string(environment.rank);
  if (s.store->add(s.key("claim/" + rank_text), 1) != 1) {
    throw DistributedError(s.where + ": another process already joined as RANK " + rank_text);
  }
  require_same("WORLD_SIZE", std::to_string(environment.world_size));
  s.heartbeat = std::thread([&s] { s.beat(); });

  auto prefixed = c10::make_intrusive<c10d::PrefixStore>(s.prefix + "group", s.store);
  s.guarded("the process group's rendezvous", [&] {
    if (s.backend == "gloo") {
#ifdef DLGO_WITH_GLOO
      auto options = c10d::ProcessGroupGloo::Options::create(timeout);
      if (const char* interfaces = std::getenv("GLOO_SOCKET_IFNAME")) {
        // A comma-separated list, as PyTorch reads it: one device per interface.
        std::string list = interfaces;
        for (size_t start = 0; start <= list.size();) {
          size_t end = list.find(',', start);
          if (end == std::string::npos) end = list.size();
          if (end > start) {
            options->devices.push_back(
                c10d::ProcessGroupGloo::createDeviceForInterface(list.substr(start, end - start)));
          }
          start = end + 1;
        }
      } else if (environment.master_addr == "127.0.0.1" || environment.master_addr == "localhost") {
        options->devices.push_back(
            c10d::ProcessGroupGloo::createDeviceForHostname(environment.master_addr));
      } else {
        options->devices.push_back(c10d::ProcessGroupGloo::createDefaultDevice());
      }
      s.group = c10::make_intrusive<c10d::ProcessGroupGloo>(prefixed, environment.rank,
                                                            environment.world_size, options);
#endif
    } else {
#ifdef DLGO_WITH_NCCL
      // Without blocking waits, NCCL's Work::wait() only orders streams and never throws: a
      // dead peer would hang the others instead of stopping them with its name.
      setenv("NCCL_BLOCKING_WAIT", "1", 0);
      setenv("TORCH_NCCL_BLOCKING_WAIT", "1", 0);
      auto options = c10d::ProcessGroupNCCL::Options::create();
      options->timeout = timeout;
      s.group = c10::make_intrusive<c10d::ProcessGroupNCCL>(prefixed, environment.rank,
                                                            environment.world_size, options);
#endif
    }
    return 0;
  });
  barrier("the start of training");
}

DistributedGroup::~DistributedGroup() = default;  // State stops the heartbeat

int DistributedGroup::rank() const {
  return state_->environment.rank;
}
int DistributedGroup::world_size() const {
  return state_->environment.world_size;
}
const std::string& DistributedGroup::backend() const {
  return state_->backend;
}

void DistributedGroup::require_same(const std::string& what, const std::string& value) {
  State& s = *state_;
  const int rank = s.environment.rank;
  const std::string base = "same/" + what + "/";
  auto mismatch = [&](int differing, const std::string& theirs, const std::string& rank0s) {
    const auto [differing_value, rank0_value] = first_difference(theirs, rank0s);
    const std::string message = s.where + ": rank " + std::to_string(differing) + "'s " + what +
                                " (" + differing_value + ") differ from rank 0's (" + rank0_value +
                                "): start every rank with the same settings";
    publish_failure(message);
    return DistributedError(message);
  };
  s.guarded("the check of " + what, [&] {
    s.store->set(s.key(base + std::to_string(rank)), bytes_of(value));
    if (rank != 0) {
      const std::string rank0 = text_of(s.wait_and_get(base + "0", "the check of " + what));
      s.store->add(s.key(base + "read"), 1);
      if (rank0 != value) throw mismatch(rank, value, rank0);
      return 0;
    }
    // Rank 0 serves the store: it waits until every rank has read its value before it may stop.
    const auto deadline = std::chrono::steady_clock::now() + s.timeout;
    while (s.store->add(s.key(base + "read"), 0) < s.environment.world_size - 1) {
      if (!s.published_errors(*s.store).empty() || std::chrono::steady_clock::now() > deadline)
        break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    for (int r = 1; r < s.environment.world_size; ++r) {
      const std::string other =
          text_of(s.wait_and_get(base + std::to_string(r), "the check of " + what));
      if (other != value) throw mismatch(r, other, value);
    }
    return 0;
  });
}

void DistributedGroup::broadcast(std::vector<torch::Tensor>& tensors, const std::string& what) {
  State& s = *state_;
  s.guarded(what, [&] {
    // A c10d collective takes one tensor per device: one broadcast per tensor, all in flight.
    c10d::BroadcastOptions options;
    options.rootRank = 0;
    std::vector<c10::intrusive_ptr<c10d::Work>> works;
    for (torch::Tensor& tensor : tensors) {
      std::vector<torch::Tensor> one{tensor};
      works.push_back(s.group->broadcast(one, options));
    }
    for (auto& work : works) work->wait();
    return 0;
  });
}

void DistributedGroup::allreduce_sum(std::vector<torch::Tensor>& tensors, const std::string& what) {
  allreduce_sum_async(tensors, what)();
}

std::function<void()> DistributedGroup::allreduce_sum_async(std::vector<torch::Tensor>& tensors,
                                                            const std::string& what) {
  State& s = *state_;
  c10::intrusive_ptr<c10d::Work> work =
      s.guarded(what, [&] { return s.group->allreduce(tensors); });
  return [&s, work, what] {
    s.guarded(what, [&] {
      work->wait();
      return 0;
    });
  };
}

std::vector<double> DistributedGroup::allreduce_sum(const std::vector<double>& values,
                                                    const std::string& what) {
  std::vector<torch::Tensor> tensor{
      torch::tensor(values, torch::TensorOptions().dtype(torch::kFloat64)).to(state_->device)};
  allreduce_sum(tensor, what);
  const torch::Tensor sums_tensor = tensor[0].cpu();
  std::vector<double> sums(values.size());
  auto accessor = sums_tensor.accessor<double, 1>();
  for (size_t i = 0; i < values.size(); ++i) sums[i] = accessor[static_cast<std::int64_t>(i)];
  return sums;
}

std::int64_t DistributedGroup::allreduce_min(std::int64_t value, const std::string& what) {
  State& s = *state_;
  std::vector<torch::Tensor> tensor{torch::tensor({value}, torch::kInt64).to(s.device)};
  s.guarded(what, [&] {
    c10d::AllreduceOptions options;
    options.reduceOp = c10d::ReduceOp::MIN;
    s.group->allreduce(tensor, options)->wait();
    return 0;
  });
  return tensor[0].item<std::int64_t>();
}

void DistributedGroup::barrier(const std::string& what) {
  // A one-element allreduce: c10d's barrier on Gloo names no peer when it fails.
  allreduce_sum(std::vector<double>{0.0}, what);
}

void DistributedGroup::publish_failure(const std::string& message) noexcept {
  try {
    state_->store->set(state_->key("error/" + std::to_string(state_->environment.rank)),
                       bytes_of(first_line(message)));
  } catch (...) {
    // The store is gone too: the others find this rank's heartbeat stopped instead.
  }
}

}  // namespace dlgo::net
