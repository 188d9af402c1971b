// WorkerPool: bounded admission, order, and a shutdown that runs what it admitted.
#include <atomic>
#include <future>
#include <mutex>
#include <vector>

#include "tests/catch.h"

#include "server/worker_pool.h"

namespace dlgo::server {
namespace {

TEST_CASE("WorkerPool admits threads + queue tasks and refuses the rest until one finishes") {
  WorkerPool pool(1, 2);
  CHECK(pool.capacity() == 3);
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::atomic<int> done{0};
  auto blocked = [&] {
    released.wait();
    ++done;
  };
  CHECK(pool.try_submit(blocked));
  CHECK(pool.try_submit(blocked));
  CHECK(pool.try_submit(blocked));
  CHECK(pool.admitted() == 3);
  CHECK_FALSE(pool.try_submit([&] { ++done; }));
  release.set_value();
  pool.shutdown();
  CHECK(done == 3);
  CHECK_FALSE(pool.try_submit([] {}));
}

TEST_CASE("WorkerPool runs one thread's tasks in submission order, survives throwing tasks") {
  WorkerPool pool(1, 100);
  std::mutex mutex;
  std::vector<int> order;
  CHECK(pool.try_submit([] { throw std::runtime_error("a failing task"); }));
  for (int i = 0; i < 50; ++i) {
    CHECK(pool.try_submit([&, i] {
      std::lock_guard<std::mutex> lock(mutex);
      order.push_back(i);
    }));
  }
  pool.shutdown();
  REQUIRE(order.size() == 50);
  for (int i = 0; i < 50; ++i) CHECK(order[static_cast<size_t>(i)] == i);
}

TEST_CASE("WorkerPool uses all its threads at once") {
  WorkerPool pool(4, 0);
  std::atomic<int> running{0};
  std::atomic<int> peak{0};
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  for (int i = 0; i < 4; ++i) {
    REQUIRE(pool.try_submit([&] {
      int now = ++running;
      int seen = peak.load();
      while (now > seen && !peak.compare_exchange_weak(seen, now)) {
      }
      released.wait();
      --running;
    }));
  }
  for (int spin = 0; spin < 500 && peak < 4; ++spin) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  CHECK(peak == 4);
  release.set_value();
  pool.shutdown();  // before the counters the tasks use go out of scope
}

}  // namespace
}  // namespace dlgo::server
