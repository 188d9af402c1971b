#include "engine/dataset/h5_helpers.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace dlgo::h5 {

namespace {

namespace fs = std::filesystem;

// The innermost message on HDF5's error stack (where the library found the failure), on one
// line, or "". Valid only right after the failing call: closing any object clears the stack.
std::string innermost_error() {
  std::string message;
  auto first = [](unsigned depth, const H5E_error2_t* error, void* out) -> herr_t {
    if (depth == 0 && error->desc) *static_cast<std::string*>(out) = error->desc;
    return 0;
  };
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, first, &message);
  for (char& c : message) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return message;
}

// Why HDF5 could not open a file that has its signature: truncated (the superblock records the
// full length) or otherwise damaged.
std::string open_failure(const std::string& hdf5_message) {
  unsigned long long have = 0, need = 0;
  if (std::sscanf(hdf5_message.c_str(),
                  "truncated file: eof = %llu, sblock->base_addr = %*u, stored_eof = %llu", &have,
                  &need) == 2) {
    return "the file is truncated (" + std::to_string(have) + " of its " + std::to_string(need) +
           " bytes are there)";
  }
  return "the file is truncated or damaged (HDF5 cannot open it" +
         (hdf5_message.empty() ? std::string() : ": " + hdf5_message) + ")";
}

std::string child_name(const H5::H5Object& parent, const char* name) {
  std::string parent_name = parent.getObjName();
  return (parent_name == "/" ? "/" : parent_name + "/") + name;
}

// The attribute NAME of `object`, checked to exist, to be of one of `classes` (`what` says which
// in the message) and to hold a single value or, unless `single`, a 1-D list.
H5::Attribute checked_attribute(const H5::H5Object& object, const char* name,
                                std::initializer_list<H5T_class_t> classes, const char* what,
                                bool single) {
  const std::string where = "the attribute '" + std::string(name) + "' of " + object.getObjName();
  if (!object.attrExists(name)) throw ReadError(where + " is missing");
  H5::Attribute attribute = object.openAttribute(name);
  const H5T_class_t type_class = attribute.getTypeClass();
  if (std::find(classes.begin(), classes.end(), type_class) == classes.end()) {
    throw ReadError(where + " is not " + what);
  }
  H5::DataSpace space = attribute.getSpace();
  const bool is_single = space.getSimpleExtentType() == H5S_SCALAR ||
                         (space.getSimpleExtentNdims() == 1 && space.getSimpleExtentNpoints() == 1);
  if (single && !is_single) throw ReadError(where + " is not a single value");
  if (!single && space.getSimpleExtentNdims() != 1) throw ReadError(where + " is not a list");
  return attribute;
}

}  // namespace

std::recursive_mutex& hdf5_mutex() {
  static std::recursive_mutex mutex;
  return mutex;
}

const H5::StrType& variable_string() {
  static const H5::StrType type(H5::PredType::C_S1, H5T_VARIABLE);
  return type;
}

void write_string_attr(H5::H5Object& object, const char* name, const std::string& value) {
  H5::Attribute attr = object.createAttribute(name, variable_string(), H5::DataSpace(H5S_SCALAR));
  attr.write(variable_string(), value);
}

void write_int_attr(H5::H5Object& object, const char* name, std::int64_t value) {
  H5::Attribute attr =
      object.createAttribute(name, H5::PredType::NATIVE_INT64, H5::DataSpace(H5S_SCALAR));
  attr.write(H5::PredType::NATIVE_INT64, &value);
}

void write_double_attr(H5::H5Object& object, const char* name, double value) {
  H5::Attribute attr =
      object.createAttribute(name, H5::PredType::NATIVE_DOUBLE, H5::DataSpace(H5S_SCALAR));
  attr.write(H5::PredType::NATIVE_DOUBLE, &value);
}

void write_string_array_attr(H5::H5Object& object, const char* name,
                             const std::vector<std::string>& values) {
  hsize_t count = values.size();
  H5::DataSpace space(1, &count);
  std::vector<const char*> pointers;
  for (const auto& value : values) pointers.push_back(value.c_str());
  H5::Attribute attr = object.createAttribute(name, variable_string(), space);
  if (!pointers.empty()) attr.write(variable_string(), pointers.data());
}

H5::H5File open_for_reading(const std::string& path) {
  H5::Exception::dontPrint();
  std::error_code error;
  const fs::file_status status = fs::status(path, error);
  if (status.type() == fs::file_type::not_found) throw ReadError("no such file");
  if (error) throw ReadError("cannot look at it: " + error.message());
  if (status.type() == fs::file_type::directory) throw ReadError("is a directory, not a file");
  if (status.type() != fs::file_type::regular) {
    throw ReadError("is not a regular file (a pipe, socket or device cannot be read as one)");
  }
  if (!std::ifstream(path, std::ios::binary)) {
    throw ReadError(std::string("cannot be read: ") + std::strerror(errno));
  }
  try {
    if (!H5::H5File::isHdf5(path)) throw ReadError("not an HDF5 file");
  } catch (const H5::Exception&) {
    throw ReadError(open_failure(innermost_error()));
  }
  try {
    return H5::H5File(path, H5F_ACC_RDONLY);
  } catch (const H5::Exception&) {
    throw ReadError(open_failure(innermost_error()));
  }
}

H5::Group open_group(const H5::Group& parent, const char* name) {
  if (!parent.nameExists(name)) {
    throw ReadError("the group " + child_name(parent, name) + " is missing");
  }
  if (parent.childObjType(name) != H5O_TYPE_GROUP) {
    throw ReadError(child_name(parent, name) + " is not a group");
  }
  return parent.openGroup(name);
}

H5::DataSet open_dataset(const H5::Group& parent, const char* name) {
  if (!parent.nameExists(name)) {
    throw ReadError("the dataset " + child_name(parent, name) + " is missing");
  }
  if (parent.childObjType(name) != H5O_TYPE_DATASET) {
    throw ReadError(child_name(parent, name) + " is not a dataset");
  }
  return parent.openDataSet(name);
}

std::vector<hsize_t> dims(const H5::DataSet& dataset) {
  H5::DataSpace space = dataset.getSpace();
  std::vector<hsize_t> extent(static_cast<std::size_t>(std::max(space.getSimpleExtentNdims(), 0)));
  if (!extent.empty()) space.getSimpleExtentDims(extent.data());
  return extent;
}

void read_data(const H5::DataSet& dataset, void* buffer, const H5::DataType& type,
               const H5::DataSpace& memory, const H5::DataSpace& file) {
  H5::Exception::dontPrint();
  try {
    dataset.read(buffer, type, memory, file);
  } catch (const H5::Exception&) {
    const std::string reason = innermost_error();  // before any other call clears it
    throw ReadError(dataset.getObjName() + " cannot be read, the file is damaged" +
                    (reason.empty() ? std::string() : " (" + reason + ")"));
  }
}

std::string read_string_attr(const H5::H5Object& object, const char* name) {
  H5::Attribute attr = checked_attribute(object, name, {H5T_STRING}, "a string", true);
  std::string value;
  attr.read(attr.getStrType(), value);
  return value;
}

std::int64_t read_int_attr(const H5::H5Object& object, const char* name) {
  std::int64_t value = 0;
  checked_attribute(object, name, {H5T_INTEGER}, "an integer", true)
      .read(H5::PredType::NATIVE_INT64, &value);
  return value;
}

double read_double_attr(const H5::H5Object& object, const char* name) {
  double value = 0;
  checked_attribute(object, name, {H5T_FLOAT, H5T_INTEGER}, "a number", true)
      .read(H5::PredType::NATIVE_DOUBLE, &value);
  return value;
}

std::vector<std::string> read_string_array_attr(const H5::H5Object& object, const char* name) {
  H5::Attribute attr = checked_attribute(object, name, {H5T_STRING}, "a list of strings", false);
  H5::DataSpace space = attr.getSpace();
  hsize_t count = 0;
  space.getSimpleExtentDims(&count);
  std::vector<std::string> values;
  if (count == 0) return values;
  std::vector<char*> pointers(count, nullptr);
  attr.read(variable_string(), pointers.data());
  for (char* pointer : pointers) values.emplace_back(pointer ? pointer : "");
  H5::DataSet::vlenReclaim(pointers.data(), variable_string(), space);
  return values;
}

void write_string_array(H5::Group& group, const char* name,
                        const std::vector<std::string>& values) {
  hsize_t count = values.size();
  H5::DataSpace space(1, &count);
  H5::DataSet dataset = group.createDataSet(name, variable_string(), space);
  std::vector<const char*> pointers;
  for (const auto& value : values) pointers.push_back(value.c_str());
  if (!pointers.empty()) dataset.write(pointers.data(), variable_string());
}

std::vector<std::string> read_string_array(const H5::DataSet& dataset) {
  if (dataset.getTypeClass() != H5T_STRING || dims(dataset).size() != 1) {
    throw ReadError(dataset.getObjName() + " is not a list of strings");
  }
  H5::DataSpace space = dataset.getSpace();
  hsize_t count = 0;
  space.getSimpleExtentDims(&count);
  std::vector<std::string> values;
  if (count == 0) return values;
  std::vector<char*> pointers(count, nullptr);
  read_data(dataset, pointers.data(), variable_string());
  for (char* pointer : pointers) values.emplace_back(pointer ? pointer : "");
  H5::DataSet::vlenReclaim(pointers.data(), variable_string(), space);
  return values;
}

void write_bytes(H5::Group& group, const char* name, const std::string& bytes) {
  hsize_t count = bytes.size();
  H5::DataSpace space(1, &count);
  H5::DataSet dataset = group.createDataSet(name, H5::PredType::NATIVE_UINT8, space);
  if (count) dataset.write(bytes.data(), H5::PredType::NATIVE_UINT8);
}

std::string read_bytes(const H5::DataSet& dataset) {
  const std::vector<hsize_t> extent = dims(dataset);
  if (dataset.getTypeClass() != H5T_INTEGER || extent.size() != 1) {
    throw ReadError(dataset.getObjName() + " is not a list of bytes");
  }
  const hsize_t count = extent[0];
  std::string bytes(count, '\0');
  if (count) read_data(dataset, bytes.data(), H5::PredType::NATIVE_UINT8);
  return bytes;
}

std::string describe(const H5::Exception& error) {
  std::string detail = error.getDetailMsg();
  return detail.empty() ? "HDF5 error" : detail;
}

}  // namespace dlgo::h5
