// Training batches streamed from an HDF5 dataset: a reader thread reads blocks of rows,
// shuffles them through a buffer, optionally applies a random board symmetry per row, decodes
// the planes to network inputs and hands finished batches through a bounded queue, so the
// trainer never waits on disk or decompression while the queue is full, and memory stays at a
// few blocks whatever the dataset's size.
//
// Shuffling: every epoch visits the dataset's blocks (of `block_rows` rows) in a seeded random
// order and mixes `shuffle_blocks` blocks at a time. With `world_size` > 1, rank r takes every
// world_size-th block of that order (data-parallel training reads disjoint shards).
//
// Contract: one consumer thread calls next(); the source owns its reader thread and joins it
// on destruction. Reading errors are rethrown from next().
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace dlgo::net {

struct BatchSourceOptions {
  int batch_size = 128;
  bool shuffle = true;
  bool augment = false;  // random symmetry per row
  std::uint64_t seed = 1;
  // Small blocks from many places: rows of one game sit next to each other in a dataset, and a
  // batch stream that carries one game for many steps teaches the value head that game's
  // outcome instead of the position's. 512 blocks of 64 rows mix rows of about 500 games; a
  // block read decompresses one HDF5 chunk, a few milliseconds for a block trained in seconds.
  int block_rows = 64;
  int shuffle_blocks = 512;
  int queue_batches = 8;
  int rank = 0, world_size = 1;
  bool drop_last = false;  // true: only full batches
};

// A batch in host memory: inputs [rows, channels, height, width] floats, labels [rows] and,
// when the dataset stores them, outcomes [rows] for the player to move (1 won, -1 lost,
// 0 unknown; empty for a dataset without outcomes). A board symmetry leaves outcomes alone.
struct HostBatch {
  int rows = 0;
  std::vector<float> inputs;
  std::vector<std::int64_t> labels;
  std::vector<float> outcomes;
};

class BatchSource {
 public:
  BatchSource(const std::string& path, BatchSourceOptions options);
  ~BatchSource();
  BatchSource(const BatchSource&) = delete;
  BatchSource& operator=(const BatchSource&) = delete;

  // Starts a pass over the data (epoch numbers pick the shuffle order).
  void start_epoch(int epoch);
  // The next batch of the current epoch, or nullopt at its end.
  std::optional<HostBatch> next();

  std::int64_t rows() const;                     // in the whole dataset
  std::int64_t epoch_rows(int epoch = 0) const;  // this rank's share of that epoch
  int input_channels() const;
  int board_width() const;
  int board_height() const;
  int label_space() const;
  bool has_outcomes() const;  // whether the dataset stores game outcomes (format version 2)
  const std::string& encoder_name() const;
  // Seconds next() spent waiting for the reader since construction.
  double wait_seconds() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace dlgo::net
