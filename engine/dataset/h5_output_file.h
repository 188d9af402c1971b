// An HDF5 file that dlgo writes (dataset, experience or agent file): created as PATH.partial and
// committed durably to PATH (engine/files/file_commit.h) only when complete, so a crash, a kill, a
// full disk or a power loss never leaves a torn file under PATH nor touches the previous one.
//
// Why the care: when a close fails on I/O (a full disk), HDF5 1.10 frees the file's or dataset's
// state but keeps its ID, and the library's exit handler later closes that ID again and crashes
// (SIGSEGV in H5F__close_cb; HDF5 bug HDFFV-11052, fixed in 1.14). A failed flush is as bad: it
// leaves the metadata cache mid-flush, so every later flush, the close's included, fails too. So
// no flush or close of an output file may fail on I/O:
//  - the raw-data caches (chunk cache, sieve buffer) are off: a dataset's data reaches the disk
//    inside its write call, where a failure is harmless, and closing a dataset writes no data;
//  - close() first reserves the disk space of the whole file (fallocate up to HDF5's end of
//    allocation), so that the flush and the close that follow only write into reserved space;
//    a full disk is found there, before HDF5 writes its metadata;
//  - after any failure the file is detached from the disk (HDF5's descriptor is pointed at a
//    scratch memory file), so the close HDF5 still has to do succeeds and leaves no ID behind,
//    and the partial file is removed.
// What remains out of reach: an I/O error (EIO) in the final flush, a file system that cannot
// reserve space, and a file size limit (RLIMIT_FSIZE with SIGXFSZ ignored, which binds the scratch
// file too).
//
// Contract: one thread at a time. Its own calls take h5::lock(); callers hold it for theirs on
// file(). Every object opened in the file (group, dataset, attribute) must be closed before
// close() or commit(). Failures throw H5::Exception (HDF5 calls) or FileCommitError (creating,
// syncing, renaming: with the system's reason), both after the partial file is removed; an
// OutputFile destroyed without commit() removes it too.
#pragma once

#include <H5Cpp.h>

#include <memory>
#include <string>

namespace dlgo::h5 {

class OutputFile {
 public:
  // Creates PATH.partial, empty (a stale one is replaced).
  explicit OutputFile(std::string path);
  // PATH.partial starts as a copy of the finished HDF5 file `original` and is opened for adding.
  OutputFile(std::string path, const std::string& original);
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  H5::H5File& file();  // throws std::logic_error once closed or given up
  const std::string& path() const { return path_; }
  const std::string& partial_path() const { return partial_path_; }

  // Reserves the file's space, flushes and closes it; it stays under its partial name (to be
  // checked, say). A disk that refuses the space throws FileCommitError with its reason.
  void close();
  // close() if still open, then syncs the file, renames it to PATH and syncs the folder.
  void commit();
  // Gives the file up after `error` and says why writing failed, for the message: the system's
  // reason when the disk refuses more data (full, over quota, an I/O error), else HDF5's.
  std::string abandon(const H5::Exception& error) noexcept;
  // Gives the file up: detaches it from the disk, closes it and removes the partial file.
  // Objects still open in it may be closed afterwards. A no-op once committed.
  void discard() noexcept;

 private:
  void open(unsigned flags);

  std::string path_;
  std::string partial_path_;
  std::unique_ptr<H5::H5File> file_;  // null once closed
  std::string disk_refusal_;          // why the disk refused the file, once given up
  bool committed_ = false;
};

}  // namespace dlgo::h5
