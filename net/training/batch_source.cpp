#include "net/training/batch_source.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <numeric>
#include <thread>

#include "engine/dataset/bounded_queue.h"
#include "engine/dataset/dataset_file.h"
#include "engine/encoders/registry.h"
#include "engine/rng.h"
#include "net/training/symmetry.h"

namespace dlgo::net {

using dataset::BoundedQueue;

struct BatchSource::State {
  State(const std::string& path, BatchSourceOptions opts)
      : reader(path),
        options(opts),
        encoder(make_encoder(reader.header().encoder, BoardSize{reader.header().board_width,
                                                                reader.header().board_height})) {
    if (options.batch_size < 1) throw std::invalid_argument("batch size must be at least 1");
    if (options.world_size < 1 || options.rank < 0 || options.rank >= options.world_size) {
      throw std::invalid_argument("rank must be in 0..world_size-1");
    }
    if (encoder->num_planes() != reader.header().planes) {
      throw std::runtime_error(path + ": the dataset has " +
                               std::to_string(reader.header().planes) + " planes, encoder " +
                               reader.header().encoder + " makes " +
                               std::to_string(encoder->num_planes()));
    }
    if (encoder->num_moves() != reader.header().label_space) {
      throw std::runtime_error(path + ": the dataset's label space is " +
                               std::to_string(reader.header().label_space) + ", encoder " +
                               reader.header().encoder + " has " +
                               std::to_string(encoder->num_moves()) + " labels");
    }
  }

  ~State() { stop(); }

  void stop() {
    stopping = true;
    if (queue) queue->close();
    if (thread.joinable()) thread.join();
    stopping = false;
  }

  std::vector<std::int64_t> epoch_blocks(int epoch) const {
    const std::int64_t blocks = (reader.rows() + options.block_rows - 1) / options.block_rows;
    std::vector<std::int64_t> order(static_cast<size_t>(blocks));
    std::iota(order.begin(), order.end(), 0);
    if (options.shuffle) {
      Rng rng(options.seed * 0x9E3779B97F4A7C15ull + static_cast<std::uint64_t>(epoch));
      std::shuffle(order.begin(), order.end(), rng);
    }
    std::vector<std::int64_t> mine;
    for (size_t i = options.rank; i < order.size(); i += options.world_size)
      mine.push_back(order[i]);
    return mine;
  }

  void produce(int epoch) {
    const auto& header = reader.header();
    const int width = header.board_width, height = header.board_height;
    const size_t row_bytes = header.unpacked_row_bytes();
    const size_t input_floats = static_cast<size_t>(encoder->num_input_channels()) * width * height;
    Rng rng(options.seed * 0xD1B54A32D192ED03ull + static_cast<std::uint64_t>(epoch) * 7919);
    std::vector<std::int64_t> blocks = epoch_blocks(epoch);
    std::vector<std::uint8_t> rows_buffer;
    std::vector<std::int16_t> labels_buffer;
    std::vector<std::int8_t> outcomes_buffer;
    const bool with_outcomes = header.has_outcomes;
    std::vector<std::uint8_t> transformed(row_bytes);
    HostBatch batch;
    auto emit = [&](bool final_batch) {
      if (batch.rows == 0) return true;
      if (final_batch && options.drop_last && batch.rows < options.batch_size) return true;
      bool ok = queue->push(std::move(batch));
      batch = HostBatch{};
      return ok;
    };
    for (size_t first = 0; first < blocks.size() && !stopping; first += options.shuffle_blocks) {
      rows_buffer.clear();
      labels_buffer.clear();
      for (size_t b = first; b < std::min(blocks.size(), first + options.shuffle_blocks); ++b) {
        std::int64_t start = blocks[b] * options.block_rows;
        size_t count =
            static_cast<size_t>(std::min<std::int64_t>(options.block_rows, reader.rows() - start));
        size_t offset = labels_buffer.size();
        rows_buffer.resize((offset + count) * row_bytes);
        labels_buffer.resize(offset + count);
        outcomes_buffer.resize(offset + count);
        reader.read(start, count, rows_buffer.data() + offset * row_bytes,
                    labels_buffer.data() + offset, nullptr, outcomes_buffer.data() + offset);
      }
      std::vector<size_t> order(labels_buffer.size());
      std::iota(order.begin(), order.end(), 0);
      if (options.shuffle) std::shuffle(order.begin(), order.end(), rng);
      for (size_t index : order) {
        if (batch.rows == 0) {
          batch.inputs.resize(static_cast<size_t>(options.batch_size) * input_floats);
          batch.labels.resize(options.batch_size);
          if (with_outcomes) batch.outcomes.resize(options.batch_size);
        }
        const std::uint8_t* planes = rows_buffer.data() + index * row_bytes;
        int label = labels_buffer[index];
        if (options.augment) {
          int s;
          do {
            s = static_cast<int>(rng.below(kSymmetries));
          } while (!symmetry_keeps_shape(s, width, height));
          if (s != 0) {
            transform_planes(s, width, height, header.planes, planes, transformed.data());
            planes = transformed.data();
            label = transform_label(s, width, height, label);
          }
        }
        encoder->planes_to_input(planes, batch.inputs.data() + batch.rows * input_floats);
        batch.labels[batch.rows] = label;
        if (with_outcomes) batch.outcomes[batch.rows] = outcomes_buffer[index];
        if (++batch.rows == options.batch_size && !emit(false)) return;
      }
    }
    if (!stopping && batch.rows > 0) {
      batch.inputs.resize(batch.rows * input_floats);
      batch.labels.resize(batch.rows);
      if (with_outcomes) batch.outcomes.resize(batch.rows);
      if (!emit(true)) return;
    }
  }

  dataset::DatasetReader reader;
  BatchSourceOptions options;
  std::unique_ptr<Encoder> encoder;
  std::unique_ptr<BoundedQueue<HostBatch>> queue;
  std::thread thread;
  std::atomic<bool> stopping{false};
  std::atomic<bool> producing{false};
  std::exception_ptr error;
  double wait_seconds = 0;
};

BatchSource::BatchSource(const std::string& path, BatchSourceOptions options)
    : state_(std::make_unique<State>(path, options)) {}

BatchSource::~BatchSource() = default;

void BatchSource::start_epoch(int epoch) {
  State& s = *state_;
  s.stop();
  s.error = nullptr;
  s.queue = std::make_unique<BoundedQueue<HostBatch>>(std::max(1, s.options.queue_batches));
  s.thread = std::thread([&s, epoch] {
    try {
      s.produce(epoch);
    } catch (...) {
      s.error = std::current_exception();
    }
    s.queue->close();
  });
}

std::optional<HostBatch> BatchSource::next() {
  State& s = *state_;
  if (!s.queue) throw std::logic_error("BatchSource::next before start_epoch");
  auto start = std::chrono::steady_clock::now();
  std::optional<HostBatch> batch = s.queue->pop();
  s.wait_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!batch) {
    if (s.thread.joinable()) s.thread.join();
    if (s.error) std::rethrow_exception(s.error);
  }
  return batch;
}

std::int64_t BatchSource::rows() const {
  return state_->reader.rows();
}

std::int64_t BatchSource::epoch_rows(int epoch) const {
  std::int64_t rows = 0;
  for (std::int64_t block : state_->epoch_blocks(epoch)) {
    rows += std::min<std::int64_t>(state_->options.block_rows,
                                   state_->reader.rows() - block * state_->options.block_rows);
  }
  return rows;
}

int BatchSource::input_channels() const {
  return state_->encoder->num_input_channels();
}
int BatchSource::board_width() const {
  return state_->reader.header().board_width;
}
int BatchSource::board_height() const {
  return state_->reader.header().board_height;
}
int BatchSource::label_space() const {
  return state_->reader.header().label_space;
}
bool BatchSource::has_outcomes() const {
  return state_->reader.header().has_outcomes;
}
const std::string& BatchSource::encoder_name() const {
  return state_->reader.header().encoder;
}
double BatchSource::wait_seconds() const {
  return state_->wait_seconds;
}

}  // namespace dlgo::net
