// Reading SGF text (FF[1] to FF[4]) into an SgfCollection.
//
// Contract: pure functions over the text they are given; safe from any thread. Any bytes are
// accepted as input: well-formed SGF yields a collection, anything else an SgfError naming the
// source, the byte offset and the reason ("unterminated property value", "expected '('",
// "game tree ends early", ...). The parser is iterative, so deeply nested variations cost heap,
// never stack.
//
// Accepted syntax, beyond the letter of FF[4]:
//   - whitespace between any two tokens, a UTF-8 byte-order mark before the first game;
//   - lowercase letters in property identifiers are dropped (FF[1]-FF[3] wrote "AddBlack" for
//     AB); an identifier must keep at least one capital letter;
//   - text after the last game tree is ignored when it holds no '(' (stray newlines, ^Z, mail
//     signatures); a '(' there means a damaged collection and is an error.
// Values are decoded for every property type alike: "\x" stands for x, and a backslash before
// a line break (a soft line break) removes both.
#pragma once

#include <string>
#include <string_view>

#include "engine/sgf/sgf_error.h"
#include "engine/sgf/sgf_tree.h"

namespace dlgo {

// Parses every game tree of `text`. `source` names the text in error messages.
SgfCollection parse_sgf(std::string_view text, std::string source = "<string>");

// The same into a caller-owned collection, reusing its memory (for readers of many files).
void parse_sgf_into(std::string_view text, std::string source, SgfCollection& out);

// Reads and parses a file; an unreadable file is an SgfError too.
SgfCollection read_sgf_file(const std::string& path);

}  // namespace dlgo
