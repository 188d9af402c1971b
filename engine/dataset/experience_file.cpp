#include "engine/dataset/experience_file.h"

#include <H5Cpp.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "engine/coords.h"
#include "engine/dataset/h5_helpers.h"
#include "engine/dataset/h5_output_file.h"
#include "engine/files/file_commit.h"

namespace dlgo {

namespace {

constexpr const char* kFormat = "dlgo-experience";
constexpr std::int64_t kVersion = 1;

std::string shape_text(const Experience& e) {
  return e.encoder + " " + std::to_string(e.board_width) + "x" + std::to_string(e.board_height) +
         ", " + std::to_string(e.channels) + " channels, " + std::to_string(e.action_space) +
         " actions" + (e.has_visit_counts() ? ", visit counts" : "");
}

// A chunked, deflate-compressed dataset: states are sparse 0/1 planes and shrink ~20x.
template <typename T>
void write_dataset(H5::Group& group, const char* name, const H5::PredType& type,
                   std::vector<hsize_t> dims, const std::vector<T>& values) {
  H5::DataSpace space(static_cast<int>(dims.size()), dims.data());
  H5::DSetCreatPropList properties;
  if (dims[0] > 0) {
    std::vector<hsize_t> chunk = dims;
    chunk[0] = std::min<hsize_t>(dims[0], 256);
    properties.setChunk(static_cast<int>(chunk.size()), chunk.data());
    properties.setDeflate(1);
  }
  H5::DataSet dataset = group.createDataSet(name, type, space, properties);
  if (!values.empty()) dataset.write(values.data(), type);
}

template <typename T>
std::vector<T> read_dataset(const H5::Group& group, const char* name, const H5::PredType& type,
                            const std::vector<hsize_t>& expected, const std::string& path) {
  if (!group.nameExists(name))
    throw ExperienceFileError(path + ": /experience/" + name + " is missing");
  H5::DataSet dataset = h5::open_dataset(group, name);
  const std::vector<hsize_t> dims = h5::dims(dataset);
  if (dims != expected) {
    std::string got, want;
    for (hsize_t d : dims) got += (got.empty() ? "" : "x") + std::to_string(d);
    for (hsize_t d : expected) want += (want.empty() ? "" : "x") + std::to_string(d);
    throw ExperienceFileError(path + ": /experience/" + name + " has shape " + got + ", expected " +
                              want);
  }
  hsize_t count = 1;
  for (hsize_t d : dims) count *= d;
  std::vector<T> values(count);
  if (count) h5::read_data(dataset, values.data(), type);
  return values;
}

}  // namespace

void Experience::check() const {
  if (board_width <= 0 || board_height <= 0 || channels <= 0 || action_space <= 0) {
    throw std::invalid_argument("experience: shape not set (" + shape_text(*this) + ")");
  }
  const size_t n = rows();
  if (states.size() != n * state_size() || rewards.size() != n || advantages.size() != n ||
      games.size() != n || (has_visit_counts() && visit_counts.size() != n * action_space) ||
      (has_move_masks() && move_masks.size() != n * action_space)) {
    throw std::invalid_argument("experience: the arrays disagree on the number of rows (" +
                                std::to_string(n) + " actions)");
  }
  for (size_t row = 0; row < n; ++row) {
    const std::int32_t action = actions[row];
    if (action < 0 || action >= action_space) {
      throw std::invalid_argument("experience: action " + std::to_string(action) + " outside 0.." +
                                  std::to_string(action_space - 1));
    }
    if (!has_move_masks()) continue;
    const std::uint8_t* mask = move_masks.data() + row * action_space;
    for (int label = 0; label < action_space; ++label) {
      if (mask[label] > 1) {
        throw std::invalid_argument("experience: move mask of row " + std::to_string(row) +
                                    " holds " + std::to_string(mask[label]) +
                                    " (only 0 and 1 are allowed)");
      }
    }
    if (mask[action] != 1) {
      throw std::invalid_argument("experience: row " + std::to_string(row) + " took action " +
                                  std::to_string(action) + ", which its move mask leaves out");
    }
  }
}

bool Experience::compatible(const Experience& other) const {
  return encoder == other.encoder && board_width == other.board_width &&
         board_height == other.board_height && channels == other.channels &&
         action_space == other.action_space && has_visit_counts() == other.has_visit_counts();
}

void Experience::append(const Experience& other) {
  if (encoder.empty() && rows() == 0) {  // nothing here yet: take the other's shape
    *this = other;
    return;
  }
  const bool same_shape = encoder == other.encoder && board_width == other.board_width &&
                          board_height == other.board_height && channels == other.channels &&
                          action_space == other.action_space;
  if (!same_shape ||
      (rows() > 0 && other.rows() > 0 && has_visit_counts() != other.has_visit_counts())) {
    throw std::invalid_argument("experience of " + shape_text(other) + " cannot join " +
                                shape_text(*this));
  }
  if (other.rows() == 0) return;
  if (rows() == 0) {  // an empty side lacks visit counts only for want of rows
    *this = other;
    return;
  }
  std::int32_t offset = 0;
  for (std::int32_t game : games) offset = std::max(offset, game + 1);
  states.insert(states.end(), other.states.begin(), other.states.end());
  actions.insert(actions.end(), other.actions.begin(), other.actions.end());
  rewards.insert(rewards.end(), other.rewards.begin(), other.rewards.end());
  advantages.insert(advantages.end(), other.advantages.begin(), other.advantages.end());
  visit_counts.insert(visit_counts.end(), other.visit_counts.begin(), other.visit_counts.end());
  // A side without masks let every label be chosen: its rows get all-ones masks.
  if (has_move_masks() || other.has_move_masks()) {
    const size_t mine = (rows() - other.rows()) * static_cast<size_t>(action_space);
    if (!has_move_masks()) move_masks.assign(mine, 1);
    if (other.has_move_masks()) {
      move_masks.insert(move_masks.end(), other.move_masks.begin(), other.move_masks.end());
    } else {
      move_masks.insert(move_masks.end(), other.rows() * static_cast<size_t>(action_space), 1);
    }
  }
  for (std::int32_t game : other.games) games.push_back(game + offset);
}

void write_experience_file(const std::string& path, const Experience& experience) {
  try {
    experience.check();
  } catch (const std::invalid_argument& error) {
    throw ExperienceFileError(path + ": " + error.what());
  }
  auto lock = h5::lock();
  H5::Exception::dontPrint();
  try {
    h5::OutputFile out(path);  // removes its partial file unless committed
    try {
      {  // every object in the file closes before the commit
        H5::Group group = out.file().createGroup("experience");
        h5::write_string_attr(group, "format", kFormat);
        h5::write_int_attr(group, "version", kVersion);
        h5::write_string_attr(group, "encoder", experience.encoder);
        h5::write_int_attr(group, "board_width", experience.board_width);
        h5::write_int_attr(group, "board_height", experience.board_height);
        h5::write_int_attr(group, "action_space", experience.action_space);
        const hsize_t rows = experience.rows();
        write_dataset(group, "states", H5::PredType::NATIVE_FLOAT,
                      {rows, hsize_t(experience.channels), hsize_t(experience.board_height),
                       hsize_t(experience.board_width)},
                      experience.states);
        write_dataset(group, "actions", H5::PredType::NATIVE_INT32, {rows}, experience.actions);
        write_dataset(group, "rewards", H5::PredType::NATIVE_FLOAT, {rows}, experience.rewards);
        write_dataset(group, "advantages", H5::PredType::NATIVE_FLOAT, {rows},
                      experience.advantages);
        write_dataset(group, "games", H5::PredType::NATIVE_INT32, {rows}, experience.games);
        if (experience.has_visit_counts()) {
          write_dataset(group, "visit_counts", H5::PredType::NATIVE_FLOAT,
                        {rows, hsize_t(experience.action_space)}, experience.visit_counts);
        }
        if (experience.has_move_masks()) {
          write_dataset(group, "move_masks", H5::PredType::NATIVE_UINT8,
                        {rows, hsize_t(experience.action_space)}, experience.move_masks);
        }
      }
      out.commit();
    } catch (const H5::Exception& error) {
      throw ExperienceFileError(path + ": cannot write: " + out.abandon(error));
    }
  } catch (const H5::Exception& error) {
    throw ExperienceFileError(path + ": cannot write: " + h5::describe(error));
  } catch (const FileCommitError& error) {
    throw ExperienceFileError(error.what());
  }
}

Experience read_experience_file(const std::string& path) {
  auto lock = h5::lock();
  Experience e;
  try {
    H5::H5File file = h5::open_for_reading(path);
    if (!file.nameExists("experience")) {
      throw ExperienceFileError(path + ": not an experience file (no /experience group)");
    }
    H5::Group group = h5::open_group(file, "experience");
    if (!group.attrExists("format")) {
      throw ExperienceFileError(
          path + ": /experience has no format attribute (not written by dlgo-selfplay)");
    }
    if (h5::read_string_attr(group, "format") != kFormat) {
      throw ExperienceFileError(path + ": /experience is not in the dlgo-experience format");
    }
    if (h5::read_int_attr(group, "version") > kVersion) {
      throw ExperienceFileError(path + ": written by a newer dlgo (format version " +
                                std::to_string(h5::read_int_attr(group, "version")) + ")");
    }
    if (!group.nameExists("states"))
      throw ExperienceFileError(path + ": /experience/states is missing");
    const std::vector<hsize_t> dims = h5::dims(h5::open_dataset(group, "states"));
    if (dims.size() != 4) {
      throw ExperienceFileError(
          path + ": /experience/states must have 4 dimensions (rows, channels, height, width)");
    }
    if (dims[2] < hsize_t(kMinBoardSide) || dims[2] > hsize_t(kMaxBoardSide) ||
        dims[3] < hsize_t(kMinBoardSide) || dims[3] > hsize_t(kMaxBoardSide)) {
      throw ExperienceFileError(path + ": /experience/states holds " + std::to_string(dims[3]) +
                                "x" + std::to_string(dims[2]) + " boards, outside " +
                                std::to_string(kMinBoardSide) + ".." +
                                std::to_string(kMaxBoardSide));
    }
    const hsize_t rows = dims[0];
    e.channels = static_cast<int>(dims[1]);
    e.board_height = static_cast<int>(dims[2]);
    e.board_width = static_cast<int>(dims[3]);
    e.encoder = h5::read_string_attr(group, "encoder");
    e.action_space = static_cast<int>(h5::read_int_attr(group, "action_space"));
    if ((h5::read_int_attr(group, "board_width") != e.board_width ||
         h5::read_int_attr(group, "board_height") != e.board_height)) {
      throw ExperienceFileError(
          path + ": /experience/states does not match the board size in its attributes");
    }
    if (e.action_space < 1 || e.action_space > e.board_width * e.board_height + 1) {
      throw ExperienceFileError(path + ": the attribute action_space " +
                                std::to_string(e.action_space) + " does not fit a " +
                                std::to_string(e.board_width) + "x" +
                                std::to_string(e.board_height) + " board");
    }
    e.states = read_dataset<float>(group, "states", H5::PredType::NATIVE_FLOAT, dims, path);
    e.actions =
        read_dataset<std::int32_t>(group, "actions", H5::PredType::NATIVE_INT32, {rows}, path);
    e.rewards = read_dataset<float>(group, "rewards", H5::PredType::NATIVE_FLOAT, {rows}, path);
    e.advantages =
        group.nameExists("advantages")
            ? read_dataset<float>(group, "advantages", H5::PredType::NATIVE_FLOAT, {rows}, path)
            : std::vector<float>(rows, 0.0f);
    if (group.nameExists("games")) {
      e.games =
          read_dataset<std::int32_t>(group, "games", H5::PredType::NATIVE_INT32, {rows}, path);
    } else {
      e.games.assign(rows, 0);
    }
    if (group.nameExists("visit_counts")) {
      e.visit_counts = read_dataset<float>(group, "visit_counts", H5::PredType::NATIVE_FLOAT,
                                           {rows, hsize_t(e.action_space)}, path);
    }
    if (group.nameExists("move_masks")) {
      e.move_masks = read_dataset<std::uint8_t>(group, "move_masks", H5::PredType::NATIVE_UINT8,
                                                {rows, hsize_t(e.action_space)}, path);
    }
  } catch (const h5::ReadError& error) {
    throw ExperienceFileError(path + ": " + error.what());
  } catch (const H5::Exception& error) {
    throw ExperienceFileError(path + ": cannot read: " + h5::describe(error));
  }
  try {
    e.check();
  } catch (const std::invalid_argument& error) {
    throw ExperienceFileError(path + ": " + error.what());
  }
  return e;
}

Experience merge_experience_files(const std::vector<std::string>& paths) {
  if (paths.empty()) throw ExperienceFileError("no experience files given");
  Experience merged = read_experience_file(paths.front());
  for (size_t i = 1; i < paths.size(); ++i) {
    Experience next = read_experience_file(paths[i]);
    try {
      merged.append(next);
    } catch (const std::invalid_argument& error) {
      throw ExperienceFileError(paths[i] + ": " + error.what());
    }
  }
  return merged;
}

}  // namespace dlgo
