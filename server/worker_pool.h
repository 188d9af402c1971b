// The threads that run the slow part of requests (an agent choosing a move), kept apart from
// the I/O threads so that a long search never delays /healthz or a static file.
//
// Admission is bounded: at most `threads + queue_capacity` tasks are admitted at once (running
// or waiting), and try_submit() refuses the rest, so an overloaded server answers 503 at once
// instead of letting every client's wait grow without limit.
//
// Contract: try_submit() and admitted() are safe from any thread. Tasks run on the pool's
// threads in submission order and must not throw (an escaping exception is caught and
// dropped). shutdown() stops admitting, runs every task already admitted, then joins the
// threads; the destructor calls it.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace dlgo::server {

class WorkerPool {
 public:
  WorkerPool(int threads, int queue_capacity);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // False when the pool is full or shut down; the task is then dropped unrun.
  bool try_submit(std::function<void()> task);

  int threads() const { return static_cast<int>(threads_.size()); }
  int capacity() const { return capacity_; }
  // Tasks running or waiting now.
  int admitted() const;

  void shutdown();

 private:
  void work();

  const int capacity_;
  mutable std::mutex mutex_;
  std::condition_variable task_ready_;
  std::deque<std::function<void()>> waiting_;  // guarded by mutex_
  int admitted_ = 0;                           // guarded by mutex_
  bool shutting_down_ = false;                 // guarded by mutex_
  std::vector<std::thread> threads_;
};

}  // namespace dlgo::server
