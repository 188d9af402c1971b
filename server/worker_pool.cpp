#include "server/worker_pool.h"

#include <algorithm>

namespace dlgo::server {

WorkerPool::WorkerPool(int threads, int queue_capacity)
    : capacity_(std::max(1, threads) + std::max(0, queue_capacity)) {
  threads = std::max(1, threads);
  threads_.reserve(static_cast<size_t>(threads));
  for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { work(); });
}

WorkerPool::~WorkerPool() {
  shutdown();
}

bool WorkerPool::try_submit(std::function<void()> task) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (shutting_down_ || admitted_ >= capacity_) return false;
    ++admitted_;
    waiting_.push_back(std::move(task));
  }
  task_ready_.notify_one();
  return true;
}

int WorkerPool::admitted() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return admitted_;
}

void WorkerPool::shutdown() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    shutting_down_ = true;
  }
  task_ready_.notify_all();
  for (std::thread& thread : threads_) {
    if (thread.joinable()) thread.join();
  }
}

void WorkerPool::work() {
  while (true) {
    std::function<void()> task;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      task_ready_.wait(lock, [this] { return shutting_down_ || !waiting_.empty(); });
      if (waiting_.empty()) return;  // shutting down with nothing left to run
      task = std::move(waiting_.front());
      waiting_.pop_front();
    }
    try {
      task();
    } catch (...) {
      // A task reports its own failures; one that escapes must not take the thread down.
    }
    std::lock_guard<std::mutex> lock(mutex_);
    --admitted_;
  }
}

}  // namespace dlgo::server
