// Errors raised while reading SGF text and replaying game records.
//
// Contract: plain exception types; safe to copy and to throw across threads. what() reads
// "<source>: byte <offset>: <reason>" (the offset part is left out where no byte in the text
// is to blame), so a message in a log names the file, the place and the problem.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <utility>

namespace dlgo {

class SgfError : public std::runtime_error {
 public:
  static constexpr std::size_t kNoOffset = static_cast<std::size_t>(-1);

  SgfError(std::string source, std::size_t offset, std::string reason)
      : std::runtime_error(format(source, offset, reason)),
        source_(std::move(source)),
        offset_(offset),
        reason_(std::move(reason)) {}

  // File name, or "<string>" for text that did not come from a file.
  const std::string& source() const { return source_; }
  // Byte offset into the source text where the problem is; kNoOffset when none applies.
  std::size_t offset() const { return offset_; }
  const std::string& reason() const { return reason_; }

 private:
  static std::string format(const std::string& source, std::size_t offset,
                            const std::string& reason) {
    if (offset == kNoOffset) return source + ": " + reason;
    return source + ": byte " + std::to_string(offset) + ": " + reason;
  }

  std::string source_;
  std::size_t offset_;
  std::string reason_;
};

// A move of a game record that the rules do not allow at that point of the game. The dataset
// pipeline counts these separately: the file is well-formed, only this game is unusable.
class SgfIllegalMoveError : public SgfError {
 public:
  SgfIllegalMoveError(std::string source, std::size_t offset, int move_number, std::string move,
                      std::string why)
      : SgfError(std::move(source), offset,
                 "move " + std::to_string(move_number) + " " + move + " is illegal: " + why),
        move_number_(move_number),
        move_(std::move(move)) {}

  // 1-based number of the move in the record (setup stones do not count).
  int move_number() const { return move_number_; }
  // The move as the record wrote it, e.g. "W[pd]".
  const std::string& move() const { return move_; }

 private:
  int move_number_;
  std::string move_;
};

}  // namespace dlgo
