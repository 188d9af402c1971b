#include "engine/dataset/h5_helpers.h"

namespace dlgo::h5 {

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

std::string read_string_attr(const H5::H5Object& object, const char* name) {
  H5::Attribute attr = object.openAttribute(name);
  std::string value;
  attr.read(attr.getStrType(), value);
  return value;
}

std::int64_t read_int_attr(const H5::H5Object& object, const char* name) {
  std::int64_t value = 0;
  object.openAttribute(name).read(H5::PredType::NATIVE_INT64, &value);
  return value;
}

double read_double_attr(const H5::H5Object& object, const char* name) {
  double value = 0;
  object.openAttribute(name).read(H5::PredType::NATIVE_DOUBLE, &value);
  return value;
}

std::vector<std::string> read_string_array_attr(const H5::H5Object& object, const char* name) {
  H5::Attribute attr = object.openAttribute(name);
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

void write_string_array(H5::Group& group, const char* name, const std::vector<std::string>& values) {
  hsize_t count = values.size();
  H5::DataSpace space(1, &count);
  H5::DataSet dataset = group.createDataSet(name, variable_string(), space);
  std::vector<const char*> pointers;
  for (const auto& value : values) pointers.push_back(value.c_str());
  if (!pointers.empty()) dataset.write(pointers.data(), variable_string());
}

std::vector<std::string> read_string_array(const H5::DataSet& dataset) {
  H5::DataSpace space = dataset.getSpace();
  hsize_t count = 0;
  space.getSimpleExtentDims(&count);
  std::vector<std::string> values;
  if (count == 0) return values;
  std::vector<char*> pointers(count, nullptr);
  dataset.read(pointers.data(), variable_string());
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
  hsize_t count = 0;
  dataset.getSpace().getSimpleExtentDims(&count);
  std::string bytes(count, '\0');
  if (count) dataset.read(bytes.data(), H5::PredType::NATIVE_UINT8);
  return bytes;
}

std::string describe(const H5::Exception& error) {
  std::string detail = error.getDetailMsg();
  return detail.empty() ? "HDF5 error" : detail;
}

}  // namespace dlgo::h5
