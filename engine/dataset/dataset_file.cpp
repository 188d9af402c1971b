#include "engine/dataset/dataset_file.h"

#include "engine/coords.h"
#include "engine/dataset/h5_helpers.h"
#include "engine/dataset/h5_output_file.h"
#include "engine/files/file_commit.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>

namespace dlgo::dataset {

using namespace dlgo::h5;

namespace {

H5::DataSet create_extendible(H5::H5File& file, const char* name, const H5::PredType& type,
                              std::vector<hsize_t> row_shape, hsize_t chunk_rows, bool compress) {
  std::vector<hsize_t> dims = {0};
  std::vector<hsize_t> max_dims = {H5S_UNLIMITED};
  std::vector<hsize_t> chunk = {chunk_rows};
  for (hsize_t extent : row_shape) {
    dims.push_back(extent);
    max_dims.push_back(extent);
    chunk.push_back(extent);
  }
  H5::DataSpace space(static_cast<int>(dims.size()), dims.data(), max_dims.data());
  H5::DSetCreatPropList properties;
  properties.setChunk(static_cast<int>(chunk.size()), chunk.data());
  if (compress) properties.setDeflate(1);  // level 1: most of the gain at a fraction of the time
  return file.createDataSet(name, type, space, properties);
}

void append_rows(H5::DataSet& dataset, const H5::PredType& type, const void* data,
                 hsize_t first_row, hsize_t rows) {
  H5::DataSpace file_space = dataset.getSpace();
  int rank = file_space.getSimpleExtentNdims();
  std::vector<hsize_t> dims(rank);
  file_space.getSimpleExtentDims(dims.data());
  dims[0] = first_row + rows;
  dataset.extend(dims.data());
  file_space = dataset.getSpace();
  std::vector<hsize_t> offset(rank, 0), count = dims;
  offset[0] = first_row;
  count[0] = rows;
  file_space.selectHyperslab(H5S_SELECT_SET, count.data(), offset.data());
  H5::DataSpace memory_space(rank, count.data());
  dataset.write(data, type, memory_space, file_space);
}

}  // namespace

// The output file is declared first so that it outlives its datasets; on a failure it is given
// up (detached from the disk) before they close, which keeps HDF5 from writing to a full disk.
struct DatasetWriter::Handles {
  explicit Handles(const std::string& path) : out(path) {}
  ~Handles() { out.discard(); }  // a no-op once committed
  OutputFile out;
  H5::DataSet features, labels, games, outcomes;
};

DatasetWriter::DatasetWriter(std::string path, DatasetHeader header)
    : path_(std::move(path)), header_(std::move(header)) {
  auto guard = h5::lock();
  H5::Exception::dontPrint();
  const std::size_t row_bytes = header_.stored_row_bytes();
  chunk_rows_ = std::clamp<std::size_t>((1u << 19) / std::max<std::size_t>(row_bytes, 1), 64, 4096);
  try {
    handles_ = std::make_unique<Handles>(path_);
    H5::H5File& file = handles_->out.file();
    // All three are chunked by the rows of one flush(), so that each flush writes whole chunks
    // (the output file has no chunk cache to collect parts of one).
    handles_->features = create_extendible(
        file, "features", H5::PredType::NATIVE_UINT8,
        {static_cast<hsize_t>(header_.planes), static_cast<hsize_t>(header_.board_height),
         static_cast<hsize_t>(header_.stored_width())},
        chunk_rows_, true);
    handles_->labels =
        create_extendible(file, "labels", H5::PredType::NATIVE_INT16, {}, chunk_rows_, true);
    handles_->games =
        create_extendible(file, "game", H5::PredType::NATIVE_INT32, {}, chunk_rows_, true);
    handles_->outcomes =
        create_extendible(file, "outcomes", H5::PredType::NATIVE_INT8, {}, chunk_rows_, true);
  } catch (const H5::Exception& error) {
    handles_.reset();
    throw DatasetError(path_ + ": cannot create dataset: " + describe(error));
  } catch (const FileCommitError& error) {
    throw DatasetError(error.what());
  }
  feature_buffer_.resize(chunk_rows_ * row_bytes);
  label_buffer_.resize(chunk_rows_);
  game_buffer_.resize(chunk_rows_);
  outcome_buffer_.resize(chunk_rows_);
  header_.has_outcomes = true;
}

DatasetWriter::~DatasetWriter() {
  auto guard = h5::lock();
  handles_.reset();  // removes the partial file unless finish() committed it
}

void DatasetWriter::check_usable() const {
  if (!handles_) throw DatasetError(path_ + ": the dataset was given up after an earlier error");
}

int DatasetWriter::add_game(const std::string& name) {
  game_names_.push_back(name);
  return static_cast<int>(game_names_.size() - 1);
}

void DatasetWriter::append(const std::uint8_t* stored_features, const std::int16_t* labels,
                           const std::int32_t* games, std::size_t rows,
                           const std::int8_t* outcomes) {
  const std::size_t row_bytes = header_.stored_row_bytes();
  while (rows > 0) {
    std::size_t take = std::min(rows, chunk_rows_ - buffered_rows_);
    std::copy_n(stored_features, take * row_bytes,
                feature_buffer_.data() + buffered_rows_ * row_bytes);
    std::copy_n(labels, take, label_buffer_.data() + buffered_rows_);
    std::copy_n(games, take, game_buffer_.data() + buffered_rows_);
    if (outcomes) {
      std::copy_n(outcomes, take, outcome_buffer_.data() + buffered_rows_);
      outcomes += take;
    } else {
      std::fill_n(outcome_buffer_.data() + buffered_rows_, take, kOutcomeUnknown);
    }
    buffered_rows_ += take;
    stored_features += take * row_bytes;
    labels += take;
    games += take;
    rows -= take;
    if (buffered_rows_ == chunk_rows_) flush();
  }
}

void DatasetWriter::flush() {
  if (buffered_rows_ == 0) return;
  auto guard = h5::lock();
  check_usable();
  try {
    hsize_t first = static_cast<hsize_t>(rows_written_);
    append_rows(handles_->features, H5::PredType::NATIVE_UINT8, feature_buffer_.data(), first,
                buffered_rows_);
    append_rows(handles_->labels, H5::PredType::NATIVE_INT16, label_buffer_.data(), first,
                buffered_rows_);
    append_rows(handles_->games, H5::PredType::NATIVE_INT32, game_buffer_.data(), first,
                buffered_rows_);
    append_rows(handles_->outcomes, H5::PredType::NATIVE_INT8, outcome_buffer_.data(), first,
                buffered_rows_);
  } catch (const H5::Exception& error) {
    const std::string reason = handles_->out.abandon(error);  // before its datasets close
    handles_.reset();
    throw DatasetError(path_ + ": cannot write rows: " + reason);
  }
  rows_written_ += static_cast<std::int64_t>(buffered_rows_);
  buffered_rows_ = 0;
}

void DatasetWriter::finish() {
  if (finished_) return;
  flush();
  auto guard = h5::lock();
  check_usable();
  try {
    H5::H5File& file = handles_->out.file();
    hsize_t count = game_names_.size();
    H5::DataSpace space(1, &count);
    H5::DataSet names = file.createDataSet("game_names", variable_string(), space);
    std::vector<const char*> pointers;
    for (const auto& name : game_names_) pointers.push_back(name.c_str());
    if (!pointers.empty()) names.write(pointers.data(), variable_string());

    write_string_attr(file, "format", kDatasetFormat);
    write_int_attr(file, "format_version", kDatasetFormatVersion);
    write_string_attr(file, "encoder", header_.encoder);
    write_int_attr(file, "board_width", header_.board_width);
    write_int_attr(file, "board_height", header_.board_height);
    write_int_attr(file, "planes", header_.planes);
    write_string_attr(file, "packing", header_.bit_packed ? "bits" : "none");
    write_int_attr(file, "label_space", header_.label_space);
    write_string_attr(file, "split", header_.split);
    write_int_attr(file, "seed", static_cast<std::int64_t>(header_.seed));
    if (!header_.run_id.empty()) write_string_attr(file, "run_id", header_.run_id);
    write_string_array_attr(file, "sources", header_.sources);
    write_int_attr(file, "rows", rows_written_);
    write_int_attr(file, "games", static_cast<std::int64_t>(game_names_.size()));
    write_int_attr(file, "skipped_games", skipped_games_);
    names.close();
    handles_->features.close();
    handles_->labels.close();
    handles_->games.close();
    handles_->outcomes.close();
    handles_->out.commit();
  } catch (const H5::Exception& error) {
    const std::string reason = handles_->out.abandon(error);
    handles_.reset();
    throw DatasetError(path_ + ": cannot finish dataset: " + reason);
  } catch (const FileCommitError& error) {
    handles_.reset();
    throw DatasetError(error.what());
  }
  finished_ = true;
}

struct DatasetReader::Handles {
  H5::H5File file;
  H5::DataSet features, labels, games, outcomes;
};

DatasetReader::DatasetReader(const std::string& path) : path_(path) {
  auto guard = h5::lock();
  try {
    handles_ = std::make_unique<Handles>();
    handles_->file = open_for_reading(path);
    H5::H5File& file = handles_->file;
    if (!file.attrExists("format") || read_string_attr(file, "format") != kDatasetFormat) {
      throw DatasetError(path + ": not a dlgo dataset (the root attribute format is not \"" +
                         std::string(kDatasetFormat) + "\")");
    }
    std::int64_t version = read_int_attr(file, "format_version");
    if (version > kDatasetFormatVersion) {
      throw DatasetError(path + ": dataset format version " + std::to_string(version) +
                         " is newer than this program reads (" +
                         std::to_string(kDatasetFormatVersion) + ")");
    }
    header_.encoder = read_string_attr(file, "encoder");
    header_.board_width = static_cast<int>(read_int_attr(file, "board_width"));
    header_.board_height = static_cast<int>(read_int_attr(file, "board_height"));
    header_.planes = static_cast<int>(read_int_attr(file, "planes"));
    const std::string packing = read_string_attr(file, "packing");
    if (packing != "bits" && packing != "none") {
      throw DatasetError(path + ": the attribute packing is \"" + packing +
                         "\", expected \"bits\" or \"none\"");
    }
    header_.bit_packed = packing == "bits";
    header_.label_space = static_cast<int>(read_int_attr(file, "label_space"));
    header_.split = read_string_attr(file, "split");
    header_.seed = static_cast<std::uint64_t>(read_int_attr(file, "seed"));
    if (file.attrExists("run_id")) header_.run_id = read_string_attr(file, "run_id");
    header_.sources = read_string_array_attr(file, "sources");
    skipped_games_ = read_int_attr(file, "skipped_games");
    // Sizes a damaged or forged file could set to anything: bound them before they size buffers.
    const int points = header_.board_width * header_.board_height;
    if (header_.board_width < kMinBoardSide || header_.board_width > kMaxBoardSide ||
        header_.board_height < kMinBoardSide || header_.board_height > kMaxBoardSide) {
      throw DatasetError(path + ": the board " + std::to_string(header_.board_width) + "x" +
                         std::to_string(header_.board_height) + " is outside " +
                         std::to_string(kMinBoardSide) + "x" + std::to_string(kMinBoardSide) +
                         ".." + std::to_string(kMaxBoardSide) + "x" +
                         std::to_string(kMaxBoardSide));
    }
    if (header_.planes < 1) throw DatasetError(path + ": the attribute planes is not positive");
    if (header_.label_space < 1 || header_.label_space > points + 1) {
      throw DatasetError(path + ": the label space " + std::to_string(header_.label_space) +
                         " does not fit a " + std::to_string(header_.board_width) + "x" +
                         std::to_string(header_.board_height) + " board (1.." +
                         std::to_string(points + 1) + " labels)");
    }
    handles_->features = open_dataset(file, "features");
    handles_->labels = open_dataset(file, "labels");
    handles_->games = open_dataset(file, "game");
    header_.has_outcomes = version >= 2;
    if (header_.has_outcomes) handles_->outcomes = open_dataset(file, "outcomes");
    game_names_ = read_string_array(open_dataset(file, "game_names"));
    const std::vector<hsize_t> feature_dims = dims(handles_->features);
    if (feature_dims.size() != 4) throw DatasetError(path + ": features is not 4-D");
    if (feature_dims[1] != static_cast<hsize_t>(header_.planes) ||
        feature_dims[2] != static_cast<hsize_t>(header_.board_height) ||
        feature_dims[3] != static_cast<hsize_t>(header_.stored_width())) {
      throw DatasetError(path + ": features shape does not match the planes/board attributes");
    }
    rows_ = static_cast<std::int64_t>(feature_dims[0]);
    if (dims(handles_->labels) != std::vector<hsize_t>{feature_dims[0]}) {
      throw DatasetError(path + ": labels and features differ in rows");
    }
    if (dims(handles_->games) != std::vector<hsize_t>{feature_dims[0]}) {
      throw DatasetError(path + ": game and features differ in rows");
    }
    if (header_.has_outcomes && dims(handles_->outcomes) != std::vector<hsize_t>{feature_dims[0]}) {
      throw DatasetError(path + ": outcomes and features differ in rows");
    }
  } catch (const ReadError& error) {
    handles_.reset();  // here, under the lock, rather than as the constructor unwinds
    throw DatasetError(path + ": " + error.what());
  } catch (const H5::Exception& error) {
    handles_.reset();
    throw DatasetError(path + ": unreadable dataset: " + describe(error));
  } catch (const DatasetError&) {
    handles_.reset();
    throw;
  }
}

DatasetReader::~DatasetReader() {
  auto guard = h5::lock();
  handles_.reset();
}

void DatasetReader::read(std::int64_t start, std::size_t count, std::uint8_t* features,
                         std::int16_t* labels, std::int32_t* games, std::int8_t* outcomes) const {
  if (start < 0 || start + static_cast<std::int64_t>(count) > rows_) {
    throw DatasetError(path_ + ": rows " + std::to_string(start) + ".." +
                       std::to_string(start + static_cast<std::int64_t>(count)) +
                       " are outside the dataset's " + std::to_string(rows_) + " rows");
  }
  auto guard = h5::lock();
  auto read_slab = [&](const H5::DataSet& dataset, const H5::PredType& type, void* out) {
    H5::DataSpace space = dataset.getSpace();
    int rank = space.getSimpleExtentNdims();
    std::vector<hsize_t> dims(rank);
    space.getSimpleExtentDims(dims.data());
    std::vector<hsize_t> offset(rank, 0), extent = dims;
    offset[0] = static_cast<hsize_t>(start);
    extent[0] = count;
    space.selectHyperslab(H5S_SELECT_SET, extent.data(), offset.data());
    H5::DataSpace memory(rank, extent.data());
    read_data(dataset, out, type, memory, space);
  };
  try {
    if (features) {
      if (header_.bit_packed) {
        std::vector<std::uint8_t> packed(count * header_.stored_row_bytes());
        read_slab(handles_->features, H5::PredType::NATIVE_UINT8, packed.data());
        unpack_feature_rows(packed.data(),
                            static_cast<int>(count) * header_.planes * header_.board_height,
                            header_.board_width, features);
      } else {
        read_slab(handles_->features, H5::PredType::NATIVE_UINT8, features);
      }
    }
    if (labels) read_slab(handles_->labels, H5::PredType::NATIVE_INT16, labels);
    if (games) read_slab(handles_->games, H5::PredType::NATIVE_INT32, games);
    if (outcomes && header_.has_outcomes) {
      read_slab(handles_->outcomes, H5::PredType::NATIVE_INT8, outcomes);
      for (std::size_t i = 0; i < count; ++i) {
        if (outcomes[i] < kOutcomeLoss || outcomes[i] > kOutcomeWin) {
          throw DatasetError(
              path_ + ": row " + std::to_string(start + static_cast<std::int64_t>(i)) +
              " has outcome " + std::to_string(outcomes[i]) + " (expected 1, -1 or 0)");
        }
      }
    } else if (outcomes) {
      std::fill_n(outcomes, count, kOutcomeUnknown);
    }
  } catch (const ReadError& error) {
    throw DatasetError(path_ + ": rows " + std::to_string(start) + ".." +
                       std::to_string(start + static_cast<std::int64_t>(count)) + ": " +
                       error.what());
  } catch (const H5::Exception& error) {
    throw DatasetError(path_ + ": cannot read rows: " + describe(error));
  }
  // A label outside the label space would index past the network's outputs.
  for (std::size_t row = 0; labels && row < count; ++row) {
    if (labels[row] < 0 || labels[row] >= header_.label_space) {
      throw DatasetError(path_ + ": row " + std::to_string(start + static_cast<std::int64_t>(row)) +
                         " has label " + std::to_string(labels[row]) +
                         ", outside the label space 0.." + std::to_string(header_.label_space - 1));
    }
  }
}

}  // namespace dlgo::dataset
