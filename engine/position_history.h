// The set of position (or situation) hashes a game has passed through, for superko.
//
// Contract: a value type owning its table; not thread-safe for writes. Open addressing with
// linear probing: a lookup is one or two cache lines, which keeps superko checks cheap enough
// to run on every playout move.
#pragma once

#include <cstdint>
#include <vector>

namespace dlgo {

class PositionHistory {
 public:
  explicit PositionHistory(std::size_t expected = 128) { reset(expected); }

  void reset(std::size_t expected = 128) {
    std::size_t capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    table_.assign(capacity, 0);
    mask_ = capacity - 1;
    size_ = 0;
  }

  bool contains(std::uint64_t hash) const {
    hash = nonzero(hash);
    for (std::size_t i = slot(hash);; i = (i + 1) & mask_) {
      if (table_[i] == hash) return true;
      if (table_[i] == 0) return false;
    }
  }

  // Returns false if the hash was already present.
  bool insert(std::uint64_t hash) {
    hash = nonzero(hash);
    if ((size_ + 1) * 2 > table_.size()) grow();
    for (std::size_t i = slot(hash);; i = (i + 1) & mask_) {
      if (table_[i] == hash) return false;
      if (table_[i] == 0) {
        table_[i] = hash;
        ++size_;
        return true;
      }
    }
  }

  std::size_t size() const { return size_; }

 private:
  // 0 marks a free slot; a real hash of 0 (odds 2^-64) is stored as 1.
  static std::uint64_t nonzero(std::uint64_t hash) { return hash ? hash : 1; }
  std::size_t slot(std::uint64_t hash) const { return (hash >> 17) & mask_; }

  void grow() {
    std::vector<std::uint64_t> old;
    old.swap(table_);
    table_.assign(old.size() * 2, 0);
    mask_ = table_.size() - 1;
    size_ = 0;
    for (std::uint64_t hash : old) {
      if (hash) insert(hash);
    }
  }

  std::vector<std::uint64_t> table_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
};

}  // namespace dlgo
