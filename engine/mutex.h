// A mutex that Clang's thread-safety analysis understands (-Wthread-safety), plus the
// annotation macros the threaded code uses to say which lock guards which member.
// Under GCC the annotations compile to nothing and stay as checked-by-eye documentation.
//
// Contract: Mutex is a std::mutex with capability annotations; it is BasicLockable, so
// std::condition_variable_any waits on it directly.
#pragma once

#include <mutex>

#if defined(__clang__)
#define DLGO_THREAD_ANNOTATION(x) __attribute__((x))
#else
#define DLGO_THREAD_ANNOTATION(x)
#endif

#define DLGO_CAPABILITY(x) DLGO_THREAD_ANNOTATION(capability(x))
#define DLGO_SCOPED_CAPABILITY DLGO_THREAD_ANNOTATION(scoped_lockable)
#define DLGO_GUARDED_BY(x) DLGO_THREAD_ANNOTATION(guarded_by(x))
#define DLGO_PT_GUARDED_BY(x) DLGO_THREAD_ANNOTATION(pt_guarded_by(x))
#define DLGO_REQUIRES(...) DLGO_THREAD_ANNOTATION(requires_capability(__VA_ARGS__))
#define DLGO_EXCLUDES(...) DLGO_THREAD_ANNOTATION(locks_excluded(__VA_ARGS__))
#define DLGO_ACQUIRE(...) DLGO_THREAD_ANNOTATION(acquire_capability(__VA_ARGS__))
#define DLGO_RELEASE(...) DLGO_THREAD_ANNOTATION(release_capability(__VA_ARGS__))

namespace dlgo {

class DLGO_CAPABILITY("mutex") Mutex {
 public:
  void lock() DLGO_ACQUIRE() { mutex_.lock(); }
  void unlock() DLGO_RELEASE() { mutex_.unlock(); }

 private:
  std::mutex mutex_;
};

// Holds a Mutex for its scope; unlock()/lock() let a holder drop it around slow work.
class DLGO_SCOPED_CAPABILITY MutexLock {
 public:
  explicit MutexLock(Mutex& mutex) DLGO_ACQUIRE(mutex) : mutex_(mutex) { mutex_.lock(); }
  ~MutexLock() DLGO_RELEASE() {
    if (held_) mutex_.unlock();
  }
  MutexLock(const MutexLock&) = delete;
  MutexLock& operator=(const MutexLock&) = delete;

  void unlock() DLGO_RELEASE() {
    mutex_.unlock();
    held_ = false;
  }
  void lock() DLGO_ACQUIRE() {
    mutex_.lock();
    held_ = true;
  }

 private:
  Mutex& mutex_;
  bool held_ = true;
};

}  // namespace dlgo
