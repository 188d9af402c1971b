#include "engine/sgf/sgf_writer.h"

#include <algorithm>
#include <array>
#include <cstdio>

namespace dlgo {
namespace {

// SimpleText may not hold line breaks; readers would turn them into spaces anyway.
std::string simple_text_value(std::string_view text) {
  std::string flat(text);
  for (char& c : flat) {
    if (c == '\n' || c == '\r' || c == '\t' || c == '\v' || c == '\f') c = ' ';
  }
  return escape_sgf_value(flat);
}

void add_text_property(std::string& out, const char* id, const std::string& value) {
  if (value.empty()) return;
  out += id;
  out += '[';
  out += simple_text_value(value);
  out += ']';
}

std::string format_number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.10g", value);
  return buffer;
}

// One property listing the points of `color` among `stones`, e.g. "AB[pd][dp]".
void add_point_list(std::string& out, BoardSize size, const char* id,
                    const std::vector<SetupStone>& stones, Color color) {
  bool any = false;
  for (const SetupStone& s : stones) {
    if (s.color != color) continue;
    if (!any) out += id;
    any = true;
    out += '[';
    out += point_to_sgf(size, s.point);
    out += ']';
  }
}

void add_setup(std::string& out, BoardSize size, const std::vector<SetupStone>& stones) {
  add_point_list(out, size, "AB", stones, Color::kBlack);
  add_point_list(out, size, "AW", stones, Color::kWhite);
  add_point_list(out, size, "AE", stones, Color::kEmpty);
}

}  // namespace

std::string escape_sgf_value(std::string_view value) {
  std::string text;
  text.reserve(value.size() + 2);
  for (char c : value) {
    if (c == ']' || c == '\\') text += '\\';
    text += c;
  }
  return text;
}

std::string write_sgf(const SgfCollection& collection) {
  std::string out;
  constexpr int kClose = -2;  // stack marker: close the variation opened below it
  struct Item {
    int node;
    bool opens;
  };
  std::vector<Item> stack;
  for (int game = 0; game < collection.game_count(); ++game) {
    stack.push_back(Item{collection.game_root(game), true});
    while (!stack.empty()) {
      Item item = stack.back();
      stack.pop_back();
      if (item.node == kClose) {
        out += ')';
        continue;
      }
      if (item.opens) out += '(';
      out += ';';
      const SgfCollection::Node& node = collection.node(item.node);
      for (int p = node.first_property; p < node.end_property; ++p) {
        const SgfCollection::Property& property = collection.property(p);
        out += collection.id(property);
        for (int v = 0; v < collection.value_count(property); ++v) {
          out += '[';
          out += escape_sgf_value(collection.value(property, v));
          out += ']';
        }
      }
      if (item.opens) stack.push_back(Item{kClose, false});
      int children = collection.child_count(item.node);
      if (children == 1) {
        stack.push_back(Item{node.first_child, false});
      } else if (children > 1) {
        std::size_t first = stack.size();
        for (int c = node.first_child; c != SgfCollection::kNone;
             c = collection.node(c).next_sibling) {
          stack.push_back(Item{c, true});
        }
        std::reverse(stack.begin() + static_cast<std::ptrdiff_t>(first), stack.end());
      }
    }
    out += '\n';
  }
  return out;
}

std::string write_sgf(const GameRecord& record) {
  BoardSize size = record.size;
  const GameInfo& info = record.info;
  std::string out = "(;GM[1]FF[4]CA[UTF-8]";
  add_text_property(out, "AP", info.application.empty() ? std::string("dlgo") : info.application);
  out += "SZ[" + std::to_string(size.width);
  if (size.height != size.width) out += ":" + std::to_string(size.height);
  out += ']';
  if (info.komi) out += "KM[" + format_number(*info.komi) + "]";
  if (info.handicap > 0) out += "HA[" + std::to_string(info.handicap) + "]";
  add_text_property(out, "RU", info.rules);
  add_text_property(out, "PB", info.black_player);
  add_text_property(out, "BR", info.black_rank);
  add_text_property(out, "PW", info.white_player);
  add_text_property(out, "WR", info.white_rank);
  add_text_property(out, "DT", info.date);
  add_text_property(out, "EV", info.event);
  add_text_property(out, "GN", info.game_name);
  add_text_property(out, "RE", info.result);

  // The initial position as the net effect of its instructions.
  std::array<Color, kMaxBoardSide * kMaxBoardSide> initial{};
  std::size_t next_setup = 0;
  for (; next_setup < record.setup.size() && record.setup[next_setup].moves_before == 0;
       ++next_setup) {
    initial[static_cast<std::size_t>(record.setup[next_setup].point)] =
        record.setup[next_setup].color;
  }
  std::vector<SetupStone> stones;
  for (int point = 0; point < size.num_points(); ++point) {
    Color c = initial[static_cast<std::size_t>(point)];
    if (is_stone(c)) stones.push_back(SetupStone{point, c});
  }
  if (!stones.empty()) out += '\n';
  add_setup(out, size, stones);
  if (record.first_player) out += *record.first_player == Color::kWhite ? "PL[W]" : "PL[B]";
  out += '\n';

  for (std::size_t i = 0; i <= record.moves.size(); ++i) {
    // Setup given after move i: a node of its own, since FF[4] keeps setup and moves apart.
    stones.clear();
    while (next_setup < record.setup.size() &&
           record.setup[next_setup].moves_before <= static_cast<int>(i)) {
      stones.push_back(record.setup[next_setup++]);
    }
    if (!stones.empty()) {
      out += ';';
      add_setup(out, size, stones);
      out += '\n';
    }
    if (i == record.moves.size()) break;
    out += ';';
    out += record_move_text(size, record.moves[i]);
    if (i % 10 == 9) out += '\n';
  }
  out += ")\n";
  return out;
}

GameRecord record_from_game(const GameState& game, GameInfo info,
                            std::optional<std::vector<SetupStone>> setup) {
  GameRecord record;
  record.size = game.size();
  if (!info.komi) info.komi = game.rules().komi;
  if (info.result.empty() && game.is_over()) info.result = game.result().to_string();
  if (setup) {
    record.setup = std::move(*setup);
    for (SetupStone& s : record.setup) s.moves_before = 0;
  } else {
    for (int point = 0; point < game.size().num_points(); ++point) {
      Color c = game.board().at(point);
      if (is_stone(c) && game.move_index_of_stone(point) < 0) {
        record.setup.push_back(SetupStone{point, c});
      }
    }
  }

  int played = 0;  // moves that hand the turn over; a resignation does not
  for (Move move : game.moves()) played += move.is_resign() ? 0 : 1;
  Color color = played % 2 == 0 ? game.next_player() : opponent(game.next_player());
  bool white_first = color == Color::kWhite;
  for (Move move : game.moves()) {
    if (move.is_resign()) continue;
    record.moves.push_back(RecordMove{color, move});
    color = opponent(color);
  }

  if (info.handicap == 0 && white_first && !record.setup.empty()) {
    bool all_black = true;
    for (const SetupStone& s : record.setup) all_black = all_black && s.color == Color::kBlack;
    if (all_black) info.handicap = static_cast<int>(record.setup.size());
  }
  // An empty game with White to move (handicap placed, nothing played yet) says so with PL.
  if (record.moves.empty() && game.next_player() == Color::kWhite && info.handicap == 0) {
    record.first_player = Color::kWhite;
  }
  record.info = std::move(info);
  return record;
}

std::string write_game_sgf(const GameState& game, GameInfo info,
                           std::optional<std::vector<SetupStone>> setup) {
  return write_sgf(record_from_game(game, std::move(info), std::move(setup)));
}

}  // namespace dlgo
