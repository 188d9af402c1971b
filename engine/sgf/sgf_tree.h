// An SGF collection as parsed: one or more game trees of nodes holding properties.
//
// Contract: a value type that owns all its text. Nodes, properties and values live in flat
// arrays addressed by index (a whole collection is a handful of allocations, and clear() keeps
// the capacity so a reader that reuses one collection per file allocates almost nothing), and
// no operation recurses, so trees of any depth are safe. Const use is thread-safe; writes are
// not. Values are stored decoded: escapes and soft line breaks removed, nothing else changed
// (no charset conversion; CA says what the bytes mean).
//
// Variations: every node keeps all its children in order; the main line follows the first
// child at each node.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dlgo {

class SgfCollection {
 public:
  static constexpr int kNone = -1;

  struct Node {
    int parent = kNone;
    int first_child = kNone;
    int last_child = kNone;
    int next_sibling = kNone;
    int first_property = 0;  // properties [first_property, end_property) belong to this node
    int end_property = 0;
  };

  struct Property {
    std::size_t id_begin = 0;  // identifier text in the collection's buffer
    std::size_t id_size = 0;
    int first_value = 0;  // values [first_value, end_value)
    int end_value = 0;
    std::size_t offset = 0;  // byte offset of the identifier in the source text
  };

  SgfCollection() = default;
  explicit SgfCollection(std::string source) : source_(std::move(source)) {}

  // File name, or "<string>"; error messages about this collection name it.
  const std::string& source() const { return source_; }

  int game_count() const { return static_cast<int>(game_roots_.size()); }
  int game_root(int game) const { return game_roots_[game]; }

  int node_count() const { return static_cast<int>(nodes_.size()); }
  const Node& node(int index) const { return nodes_[index]; }
  int child_count(int node_index) const;

  const Property& property(int index) const { return properties_[index]; }
  std::string_view id(const Property& p) const { return {buffer_.data() + p.id_begin, p.id_size}; }
  int value_count(const Property& p) const { return p.end_value - p.first_value; }
  std::string_view value(const Property& p, int i = 0) const {
    const Span& span = values_[p.first_value + i];
    return {buffer_.data() + span.begin, span.size};
  }

  // The first property of the node with identifier `id`, or nullptr.
  const Property* find(int node_index, std::string_view id) const;

  // Nodes from the game's root along first children to the end of the main line.
  std::vector<int> main_line(int game) const;

  // --- building: the reader calls these for every node, property and value (hence inline);
  // tools and tests may build trees by hand with add_node, add_property and add_value.
  // Empties the collection and names its new source; keeps the memory for reuse.
  void clear(std::string source);
  void reserve_text(std::size_t bytes) { buffer_.reserve(bytes); }
  // A new node: a game root when parent is kNone, else the parent's last child.
  int add_node(int parent) {
    int index = static_cast<int>(nodes_.size());
    Node node;
    node.parent = parent;
    node.first_property = node.end_property = static_cast<int>(properties_.size());
    nodes_.push_back(node);
    if (parent == kNone) {
      game_roots_.push_back(index);
    } else {
      Node& p = nodes_[parent];
      (p.last_child == kNone ? p.first_child : nodes_[p.last_child].next_sibling) = index;
      p.last_child = index;
    }
    return index;
  }
  // Starts a property of the most recently added node; its values follow with add_value.
  void add_property(std::string_view id, std::size_t offset);
  void add_value(std::string_view value);
  // For a reader that decodes straight into the buffer: append bytes, then close the value
  // begun at `begin` (a position returned by text_size() before appending).
  std::size_t text_size() const { return buffer_.size(); }
  void append_text(const char* data, std::size_t size) { buffer_.append(data, size); }
  void append_char(char c) { buffer_.push_back(c); }
  void finish_value(std::size_t begin) {
    values_.push_back(Span{begin, buffer_.size() - begin});
    properties_.back().end_value = static_cast<int>(values_.size());
  }
  void finish_id(std::size_t begin, std::size_t offset) {
    Property property;
    property.id_begin = begin;
    property.id_size = buffer_.size() - begin;
    property.first_value = property.end_value = static_cast<int>(values_.size());
    property.offset = offset;
    properties_.push_back(property);
    nodes_.back().end_property = static_cast<int>(properties_.size());
  }

 private:
  struct Span {
    std::size_t begin;
    std::size_t size;
  };

  std::string source_ = "<string>";
  std::vector<int> game_roots_;
  std::vector<Node> nodes_;
  std::vector<Property> properties_;
  std::vector<Span> values_;
  std::string buffer_;  // identifiers and decoded values, back to back
};

// Structural equality: same games, same tree shape, same identifiers and values in order.
// The source name and byte offsets are ignored.
bool same_content(const SgfCollection& a, const SgfCollection& b);

}  // namespace dlgo
