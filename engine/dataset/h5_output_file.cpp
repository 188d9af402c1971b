#include "engine/dataset/h5_output_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include "engine/dataset/h5_helpers.h"
#include "engine/files/file_commit.h"

namespace dlgo::h5 {

namespace {

// The descriptor through which HDF5's sec2 driver writes `file`, or -1.
int driver_descriptor(const H5::H5File& file) noexcept {
  void* handle = nullptr;
  if (H5Fget_vfd_handle(file.getId(), H5P_DEFAULT, &handle) < 0 || handle == nullptr) return -1;
  return *static_cast<int*>(handle);
}

// Why the disk refuses more data in the file open as `fd`, found by writing one byte into a new
// 4 KiB block past its end (the file is being given up or not yet written, so the byte does no
// harm): the system's message for a full disk, a quota, a size limit or an I/O error; empty when
// that write succeeds.
std::string disk_refusal(int fd) noexcept {
  struct stat status;
  if (fd < 0 || ::fstat(fd, &status) != 0) return "";
  const off_t block = 4096;
  off_t offset = (status.st_size / block + 1) * block;
  rlimit limit;  // stay below a file size limit: crossing it raises SIGXFSZ
  if (::getrlimit(RLIMIT_FSIZE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY) {
    if (static_cast<rlim_t>(status.st_size) >= limit.rlim_cur) return std::strerror(EFBIG);
    offset = std::min<off_t>(offset, static_cast<off_t>(limit.rlim_cur) - 1);
  }
  const char byte = 0;
  if (::pwrite(fd, &byte, 1, offset) == 1) return "";
  return std::strerror(errno);
}

// The same before a file is created: can the folder take one?
std::string creation_refusal(const std::string& path) noexcept {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) return std::strerror(errno);
  std::string reason = disk_refusal(fd);
  ::close(fd);
  return reason;
}

// Reserves the first `bytes` of the file open as `fd` on the disk; returns the system's reason
// when the disk refuses, empty when they are reserved or the file system cannot reserve space
// (then writes may still fail, as they would without this).
std::string reserve_space(int fd, haddr_t bytes) noexcept {
  struct stat status;
  if (fd < 0 || ::fstat(fd, &status) != 0 || !S_ISREG(status.st_mode) || bytes == 0) return "";
  if (::fallocate(fd, 0, 0, static_cast<off_t>(bytes)) == 0) return "";
  if (errno == EOPNOTSUPP || errno == ENOSYS) return "";
  return std::strerror(errno);
}

// Points the descriptor `fd` at a scratch memory file: whatever HDF5 still writes while closing
// (dirty metadata the full disk refused) then succeeds and is thrown away.
void detach_from_disk(int fd) noexcept {
  if (fd < 0) return;
  int scratch = memfd_create("dlgo-discarded-hdf5", MFD_CLOEXEC);
  if (scratch < 0) scratch = ::open("/dev/null", O_RDWR | O_CLOEXEC);
  if (scratch < 0) return;
  ::dup2(scratch, fd);  // closes the file on disk and takes its number, in one step
  ::close(scratch);
}

}  // namespace

OutputFile::OutputFile(std::string path)
    : path_(std::move(path)), partial_path_(dlgo::partial_path(path_)) {
  auto guard = lock();
  open(H5F_ACC_TRUNC);
}

OutputFile::OutputFile(std::string path, const std::string& original)
    : path_(std::move(path)), partial_path_(dlgo::partial_path(path_)) {
  std::error_code error;
  std::filesystem::copy_file(original, partial_path_,
                             std::filesystem::copy_options::overwrite_existing, error);
  if (error) {
    std::remove(partial_path_.c_str());
    throw FileCommitError(
        path_, "cannot copy " + original + " to " + partial_path_ + ": " + error.message());
  }
  auto guard = lock();
  open(H5F_ACC_RDWR);
}

void OutputFile::open(unsigned flags) {
  if (flags == H5F_ACC_TRUNC) {
    // A disk without room is found here rather than by HDF5, whose failed create leaks.
    const std::string reason = creation_refusal(partial_path_);
    if (!reason.empty()) {
      std::remove(partial_path_.c_str());
      throw FileCommitError(path_, "cannot create: " + reason);
    }
  }
  H5::FileAccPropList access;
  access.setSec2();             // detach_from_disk() works on the sec2 driver's descriptor
  access.setCache(0, 0, 0, 0);  // no raw-data chunk cache: H5Dwrite writes the data itself
  access.setSieveBufSize(0);    // nor a sieve buffer for contiguous datasets
  try {
    file_ =
        std::make_unique<H5::H5File>(partial_path_, flags, H5::FileCreatPropList::DEFAULT, access);
  } catch (const H5::Exception&) {
    std::remove(partial_path_.c_str());
    throw;
  }
}

OutputFile::~OutputFile() {
  discard();
}

H5::H5File& OutputFile::file() {
  if (!file_) throw std::logic_error(path_ + ": the HDF5 output file is already closed");
  return *file_;
}

std::string OutputFile::abandon(const H5::Exception& error) noexcept {
  discard();
  return disk_refusal_.empty() ? describe(error) : disk_refusal_;
}

void OutputFile::discard() noexcept {
  if (committed_) return;
  auto guard = lock();
  if (file_) {
    const int fd = driver_descriptor(*file_);
    if (disk_refusal_.empty()) disk_refusal_ = disk_refusal(fd);
    detach_from_disk(fd);
    try {
      file_->close();
      file_.reset();
    } catch (...) {
      // HDF5 freed the file's state but kept its ID: closing it again (the wrapper's destructor)
      // would crash. Leak the wrapper; nothing else can be done.
      (void)file_.release();
    }
  }
  std::remove(partial_path_.c_str());
}

void OutputFile::close() {
  auto guard = lock();
  if (!file_) return;
  const ssize_t open_objects = H5Fget_obj_count(file_->getId(), H5F_OBJ_ALL | H5F_OBJ_LOCAL);
  if (open_objects != 1) {
    discard();
    throw std::logic_error(path_ + ": " + std::to_string(open_objects - 1) +
                           " HDF5 objects are still open when the file is closed");
  }
  haddr_t allocated = 0;
  if (H5Fget_eoa(file_->getId(), &allocated) >= 0) {
    disk_refusal_ = reserve_space(driver_descriptor(*file_), allocated);
    if (!disk_refusal_.empty()) {
      discard();
      throw FileCommitError(path_, "cannot write: " + disk_refusal_);
    }
  }
  try {
    // The flush does the metadata writes; the close after it has only the superblock left.
    file_->flush(H5F_SCOPE_GLOBAL);
    file_->close();
    file_.reset();
  } catch (...) {
    // Not a full disk (the space was reserved): an I/O error. HDF5 cannot close such a file
    // cleanly; leave its ID alone (see discard()) rather than crash closing it twice.
    (void)file_.release();
    std::remove(partial_path_.c_str());
    throw;
  }
}

void OutputFile::commit() {
  auto guard = lock();
  close();
  commit_file(partial_path_, path_);  // removes the partial file itself on failure
  committed_ = true;
}

}  // namespace dlgo::h5
