#include "engine/sgf/sgf_tree.h"

namespace dlgo {

int SgfCollection::child_count(int node_index) const {
  int count = 0;
  for (int child = nodes_[node_index].first_child; child != kNone;
       child = nodes_[child].next_sibling) {
    ++count;
  }
  return count;
}

const SgfCollection::Property* SgfCollection::find(int node_index, std::string_view wanted) const {
  const Node& n = nodes_[node_index];
  for (int p = n.first_property; p < n.end_property; ++p) {
    if (id(properties_[p]) == wanted) return &properties_[p];
  }
  return nullptr;
}

std::vector<int> SgfCollection::main_line(int game) const {
  std::vector<int> line;
  for (int n = game_roots_[game]; n != kNone; n = nodes_[n].first_child) line.push_back(n);
  return line;
}

void SgfCollection::clear(std::string source) {
  source_ = std::move(source);
  game_roots_.clear();
  nodes_.clear();
  properties_.clear();
  values_.clear();
  buffer_.clear();
}

void SgfCollection::add_property(std::string_view id, std::size_t offset) {
  std::size_t begin = buffer_.size();
  buffer_.append(id);
  finish_id(begin, offset);
}

void SgfCollection::add_value(std::string_view value) {
  std::size_t begin = buffer_.size();
  buffer_.append(value);
  finish_value(begin);
}

bool same_content(const SgfCollection& a, const SgfCollection& b) {
  if (a.game_count() != b.game_count() || a.node_count() != b.node_count()) return false;
  // Node indices follow document order in both, so equal trees have equal index structure.
  for (int n = 0; n < a.node_count(); ++n) {
    const SgfCollection::Node& x = a.node(n);
    const SgfCollection::Node& y = b.node(n);
    if (x.parent != y.parent || x.first_child != y.first_child ||
        x.next_sibling != y.next_sibling ||
        x.end_property - x.first_property != y.end_property - y.first_property) {
      return false;
    }
    for (int i = 0; i < x.end_property - x.first_property; ++i) {
      const SgfCollection::Property& p = a.property(x.first_property + i);
      const SgfCollection::Property& q = b.property(y.first_property + i);
      if (a.id(p) != b.id(q) || a.value_count(p) != b.value_count(q)) return false;
      for (int v = 0; v < a.value_count(p); ++v) {
        if (a.value(p, v) != b.value(q, v)) return false;
      }
    }
  }
  for (int g = 0; g < a.game_count(); ++g) {
    if (a.game_root(g) != b.game_root(g)) return false;
  }
  return true;
}

}  // namespace dlgo
