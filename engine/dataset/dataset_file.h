// Writing and reading dlgo HDF5 datasets (layout in dataset_format.h and docs/datasets.md).
//
// Contract: a DatasetWriter or DatasetReader is used by one thread at a time (the HDF5 library
// as packaged is not thread-safe: keep all HDF5 calls of a process on one thread or behind one
// lock). The writer writes PATH.partial and commits it to PATH in finish() (synced, renamed, the
// folder synced: engine/dataset/h5_output_file.h), so a crash, an error, a full disk or a power
// loss never leaves a half-written dataset under the final name and never touches an existing
// file until the new one is complete. Errors throw DatasetError naming the file.
#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "engine/dataset/dataset_format.h"

namespace dlgo::dataset {

class DatasetError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class DatasetWriter {
 public:
  DatasetWriter(std::string path, DatasetHeader header);
  ~DatasetWriter();  // removes the partial file unless finish() succeeded
  DatasetWriter(const DatasetWriter&) = delete;
  DatasetWriter& operator=(const DatasetWriter&) = delete;

  // Registers a game and returns its index for the `game` column.
  int add_game(const std::string& name);
  // Appends rows whose features are already in the stored layout (packed when bit_packed).
  // `outcomes` (kOutcomeWin/Loss/Unknown per row) may be null: all unknown.
  void append(const std::uint8_t* stored_features, const std::int16_t* labels,
              const std::int32_t* games, std::size_t rows, const std::int8_t* outcomes = nullptr);
  void set_skipped_games(std::int64_t count) { skipped_games_ = count; }
  // Flushes, writes the game names and attributes, closes and commits the file to its name.
  // After a failure of append() or finish() the writer is given up (its partial file removed).
  void finish();

  std::int64_t rows() const { return rows_written_ + static_cast<std::int64_t>(buffered_rows_); }
  const DatasetHeader& header() const { return header_; }

 private:
  struct Handles;
  void flush();
  void check_usable() const;

  std::string path_;
  DatasetHeader header_;
  std::unique_ptr<Handles> handles_;
  std::size_t chunk_rows_;
  std::vector<std::uint8_t> feature_buffer_;
  std::vector<std::int16_t> label_buffer_;
  std::vector<std::int32_t> game_buffer_;
  std::vector<std::int8_t> outcome_buffer_;
  std::size_t buffered_rows_ = 0;
  std::int64_t rows_written_ = 0;
  std::int64_t skipped_games_ = 0;
  std::vector<std::string> game_names_;
  bool finished_ = false;
};

class DatasetReader {
 public:
  explicit DatasetReader(const std::string& path);
  ~DatasetReader();
  DatasetReader(const DatasetReader&) = delete;
  DatasetReader& operator=(const DatasetReader&) = delete;

  const DatasetHeader& header() const { return header_; }
  std::int64_t rows() const { return rows_; }
  std::int64_t skipped_games() const { return skipped_games_; }
  const std::vector<std::string>& game_names() const { return game_names_; }

  // Reads rows [start, start + count): features unpacked to 0/1 bytes (unpacked_row_bytes()
  // per row), labels, game indices and outcomes (all 0 when !header().has_outcomes). Null
  // outputs are skipped.
  void read(std::int64_t start, std::size_t count, std::uint8_t* features, std::int16_t* labels,
            std::int32_t* games, std::int8_t* outcomes = nullptr) const;

 private:
  struct Handles;
  std::string path_;
  DatasetHeader header_;
  std::int64_t rows_ = 0;
  std::int64_t skipped_games_ = 0;
  std::vector<std::string> game_names_;
  std::unique_ptr<Handles> handles_;
};

}  // namespace dlgo::dataset
