#include "engine/sgf/sgf_reader.h"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <fstream>
#include <sstream>
#include <vector>

namespace dlgo {
namespace {

bool is_whitespace(char c) {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\v' || c == '\f';
}
bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
bool is_letter(char c) {
  return is_upper(c) || (c >= 'a' && c <= 'z');
}

// How a byte reads in an error message.
std::string describe(char c) {
  if (c >= 0x21 && c <= 0x7e) return std::string("'") + c + "'";
  static const char kHex[] = "0123456789abcdef";
  unsigned char u = static_cast<unsigned char>(c);
  return std::string("byte 0x") + kHex[u >> 4] + kHex[u & 15];
}

class Parser {
 public:
  Parser(std::string_view text, SgfCollection& out)
      : data_(text.data()), size_(text.size()), out_(out) {}

  void parse_collection() {
    if (size_ > static_cast<std::size_t>(INT_MAX)) fail(0, "text too large (over 2 GiB)");
    out_.reserve_text(size_);  // decoded text never outgrows the source, so no reallocation
    if (size_ >= 3 && std::memcmp(data_, "\xEF\xBB\xBF", 3) == 0) pos_ = 3;
    skip_whitespace();
    if (pos_ == size_) fail(pos_, "expected '(' to start a game tree, found the end of the text");
    for (;;) {
      if (data_[pos_] != '(') {
        if (out_.game_count() == 0) {
          fail(pos_, "expected '(' to start a game tree, found " + describe(data_[pos_]));
        }
        if (std::memchr(data_ + pos_, '(', size_ - pos_) != nullptr) {
          fail(pos_, "expected '(' to start the next game tree, found " + describe(data_[pos_]));
        }
        return;  // harmless trailing text
      }
      parse_game_tree();
      skip_whitespace();
      if (pos_ == size_) return;
    }
  }

 private:
  struct OpenTree {
    int last_node;       // where variations opened inside this tree attach
    std::size_t offset;  // of its '('
  };

  [[noreturn]] void fail(std::size_t offset, std::string reason) {
    throw SgfError(out_.source(), offset, std::move(reason));
  }

  void skip_whitespace() {
    while (pos_ < size_ && is_whitespace(data_[pos_])) ++pos_;
  }

  [[noreturn]] void fail_unclosed() {
    fail(size_, "game tree ends early: the '(' at byte " + std::to_string(open_.back().offset) +
                    " is never closed");
  }

  // Called at a '('; returns after its matching ')'. Nesting lives in open_, not on the stack.
  void parse_game_tree() {
    open_.clear();
    int attach_to = SgfCollection::kNone;
    for (;;) {
      open_.push_back(OpenTree{SgfCollection::kNone, pos_});
      ++pos_;
      skip_whitespace();
      if (pos_ == size_) fail_unclosed();
      if (data_[pos_] != ';') {
        fail(pos_,
             "expected ';' to start the first node of a game tree, found " + describe(data_[pos_]));
      }
      int node = attach_to;
      while (pos_ < size_ && data_[pos_] == ';') {
        ++pos_;
        node = out_.add_node(node);
        parse_properties();
      }
      open_.back().last_node = node;
      bool after_variation = false;
      for (;;) {  // after a sequence: variations, then the closing ')'
        if (pos_ == size_) fail_unclosed();
        char c = data_[pos_];
        if (c == '(') break;
        if (c != ')') {
          fail(pos_, std::string(after_variation ? "expected '(' or ')' after a variation"
                                                 : "expected a property, ';', '(' or ')'") +
                         ", found " + describe(c));
        }
        after_variation = true;
        ++pos_;
        open_.pop_back();
        if (open_.empty()) return;
        skip_whitespace();
      }
      attach_to = open_.back().last_node;
    }
  }

  // Properties of the node just added; returns with pos_ after trailing whitespace.
  void parse_properties() {
    for (;;) {
      skip_whitespace();
      if (pos_ == size_ || !is_letter(data_[pos_])) return;
      std::size_t id_offset = pos_;
      std::size_t id_begin = out_.text_size();
      while (pos_ < size_ && is_letter(data_[pos_])) {
        if (is_upper(data_[pos_])) out_.append_char(data_[pos_]);
        ++pos_;
      }
      if (out_.text_size() == id_begin) {
        std::string_view raw(data_ + id_offset, std::min<std::size_t>(pos_ - id_offset, 20));
        fail(id_offset, "property identifier \"" + std::string(raw) + "\" has no capital letter");
      }
      out_.finish_id(id_begin, id_offset);
      skip_whitespace();
      if (pos_ == size_ || data_[pos_] != '[') {
        std::string id(data_ + id_offset, std::min<std::size_t>(pos_ - id_offset, 20));
        while (!id.empty() && is_whitespace(id.back())) id.pop_back();
        fail(pos_,
             "expected '[' after property identifier " + id + ", found " +
                 (pos_ == size_ ? std::string("the end of the text") : describe(data_[pos_])));
      }
      while (pos_ < size_ && data_[pos_] == '[') {
        parse_value();
        skip_whitespace();
      }
    }
  }

  void parse_value() {
    std::size_t open = pos_++;
    std::size_t begin = out_.text_size();
    for (;;) {
      std::size_t run = pos_;
      while (pos_ < size_ && data_[pos_] != ']' && data_[pos_] != '\\') ++pos_;
      out_.append_text(data_ + run, pos_ - run);
      if (pos_ + 1 >= size_ && (pos_ == size_ || data_[pos_] == '\\')) {
        fail(open, "unterminated property value: no ']' before the end of the text");
      }
      if (data_[pos_] == ']') {
        ++pos_;
        break;
      }
      char escaped = data_[++pos_];
      ++pos_;
      if (escaped == '\n' || escaped == '\r') {  // soft line break: both go
        if (pos_ < size_ && (data_[pos_] == '\n' || data_[pos_] == '\r') &&
            data_[pos_] != escaped) {
          ++pos_;
        }
      } else {
        out_.append_char(escaped);
      }
    }
    out_.finish_value(begin);
  }

  const char* data_;
  std::size_t size_;
  std::size_t pos_ = 0;
  SgfCollection& out_;
  std::vector<OpenTree> open_;
};

}  // namespace

void parse_sgf_into(std::string_view text, std::string source, SgfCollection& out) {
  out.clear(std::move(source));
  Parser(text, out).parse_collection();
}

SgfCollection parse_sgf(std::string_view text, std::string source) {
  SgfCollection collection;
  parse_sgf_into(text, std::move(source), collection);
  return collection;
}

SgfCollection read_sgf_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw SgfError(path, SgfError::kNoOffset,
                   std::string("cannot open file: ") + std::strerror(errno));
  }
  std::ostringstream contents;
  contents << in.rdbuf();
  if (in.bad()) throw SgfError(path, SgfError::kNoOffset, "read error");
  return parse_sgf(contents.str(), path);
}

}  // namespace dlgo
