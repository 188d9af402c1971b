// Small helpers over the HDF5 C++ API shared by dataset and agent files: scalar and string
// attributes, string arrays, a process-wide lock.
//
// Contract: the HDF5 library as Debian packages it is not thread-safe. Every HDF5 call in
// dlgo runs under hdf5_mutex(); callers of these helpers hold it (h5_lock()).
#pragma once

#include <H5Cpp.h>

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

namespace dlgo::h5 {

std::recursive_mutex& hdf5_mutex();
inline std::unique_lock<std::recursive_mutex> lock() {
  return std::unique_lock<std::recursive_mutex>(hdf5_mutex());
}

const H5::StrType& variable_string();

void write_string_attr(H5::H5Object& object, const char* name, const std::string& value);
void write_int_attr(H5::H5Object& object, const char* name, std::int64_t value);
void write_double_attr(H5::H5Object& object, const char* name, double value);
void write_string_array_attr(H5::H5Object& object, const char* name,
                             const std::vector<std::string>& values);

std::string read_string_attr(const H5::H5Object& object, const char* name);
std::int64_t read_int_attr(const H5::H5Object& object, const char* name);
double read_double_attr(const H5::H5Object& object, const char* name);
std::vector<std::string> read_string_array_attr(const H5::H5Object& object, const char* name);

void write_string_array(H5::Group& group, const char* name, const std::vector<std::string>& values);
std::vector<std::string> read_string_array(const H5::DataSet& dataset);

// Bytes (e.g. a serialized optimizer state) as a 1-D uint8 dataset.
void write_bytes(H5::Group& group, const char* name, const std::string& bytes);
std::string read_bytes(const H5::DataSet& dataset);

// The library's own message for an exception, or "HDF5 error".
std::string describe(const H5::Exception& error);

}  // namespace dlgo::h5
