// Small helpers over the HDF5 C++ API shared by dataset, experience and agent files: opening a
// file for reading, scalar and string attributes, string arrays, a process-wide lock.
//
// Contract: the HDF5 library as Debian packages it is not thread-safe. Every HDF5 call in
// dlgo runs under hdf5_mutex(); callers of these helpers hold it (h5_lock()). The reading
// helpers check what they read (presence, type, shape) and throw ReadError saying in one line
// what is wrong, without the file's path: the caller, which knows the path and its own error
// type, prefixes it ("PATH: " + what()).
#pragma once

#include <H5Cpp.h>

#include <cstdint>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

namespace dlgo::h5 {

std::recursive_mutex& hdf5_mutex();
inline std::unique_lock<std::recursive_mutex> lock() {
  return std::unique_lock<std::recursive_mutex>(hdf5_mutex());
}

const H5::StrType& variable_string();

// What is wrong with a file being read, e.g. "the attribute 'encoder' of / is missing".
class ReadError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Opens PATH read-only. Refuses, with a ReadError, a path that does not exist, is not a regular
// file (a directory; a FIFO or device, whose opening would block), cannot be read, lacks the
// HDF5 signature, or that HDF5 cannot open (truncated or damaged). Calls
// H5::Exception::dontPrint() (the library would print its error stack to stderr).
H5::H5File open_for_reading(const std::string& path);

// The group or dataset NAME directly under `parent`; a ReadError names it when it is missing
// or is another kind of object.
H5::Group open_group(const H5::Group& parent, const char* name);
H5::DataSet open_dataset(const H5::Group& parent, const char* name);

// The extent of each dimension of a dataset.
std::vector<hsize_t> dims(const H5::DataSet& dataset);

// Reads `dataset` (or its `file` selection into `memory`) as `type` into `buffer`. A failure
// (a damaged chunk, an I/O error) throws ReadError naming the dataset with HDF5's own reason
// ("inflate() failed"). Calls H5::Exception::dontPrint(): the library's printing is per thread.
void read_data(const H5::DataSet& dataset, void* buffer, const H5::DataType& type,
               const H5::DataSpace& memory = H5::DataSpace::ALL,
               const H5::DataSpace& file = H5::DataSpace::ALL);

void write_string_attr(H5::H5Object& object, const char* name, const std::string& value);
void write_int_attr(H5::H5Object& object, const char* name, std::int64_t value);
void write_double_attr(H5::H5Object& object, const char* name, double value);
void write_string_array_attr(H5::H5Object& object, const char* name,
                             const std::vector<std::string>& values);

// A missing attribute, one of another type (string, integer, number) or one that is not a
// single value (an array, for the string array) throws ReadError naming it.
std::string read_string_attr(const H5::H5Object& object, const char* name);
std::int64_t read_int_attr(const H5::H5Object& object, const char* name);
double read_double_attr(const H5::H5Object& object, const char* name);
std::vector<std::string> read_string_array_attr(const H5::H5Object& object, const char* name);

void write_string_array(H5::Group& group, const char* name, const std::vector<std::string>& values);
// A dataset that is not a 1-D array of strings throws ReadError.
std::vector<std::string> read_string_array(const H5::DataSet& dataset);

// Bytes (e.g. a serialized optimizer state) as a 1-D uint8 dataset.
void write_bytes(H5::Group& group, const char* name, const std::string& bytes);
// A dataset that is not a 1-D array of bytes throws ReadError.
std::string read_bytes(const H5::DataSet& dataset);

// The library's own message for an exception, or "HDF5 error".
std::string describe(const H5::Exception& error);

}  // namespace dlgo::h5
