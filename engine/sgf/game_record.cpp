#include "engine/sgf/game_record.h"

#include <algorithm>
#include <array>
#include <charconv>

#include "engine/handicap.h"
#include "engine/sgf/sgf_reader.h"

namespace dlgo {
namespace {

using Property = SgfCollection::Property;

bool is_space(char c) {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\v' || c == '\f';
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

// SimpleText: line breaks and tabs read as spaces; surrounding space dropped.
std::string simple_text(std::string_view value) {
  std::string text(trim(value));
  for (char& c : text) {
    if (is_space(c)) c = ' ';
  }
  return text;
}

// "SZ[abc]" for an error message: long values shortened, control bytes shown as '?'.
std::string quoted(std::string_view id, std::string_view value) {
  std::string text(id);
  text += '[';
  for (std::size_t i = 0; i < value.size() && i < 24; ++i) {
    unsigned char c = static_cast<unsigned char>(value[i]);
    text += (c < 0x20 || c == 0x7f) ? '?' : static_cast<char>(c);
  }
  if (value.size() > 24) text += "...";
  return text + ']';
}

std::string board_name(BoardSize size) {
  return std::to_string(size.width) + "x" + std::to_string(size.height);
}

template <typename Number>
bool parse_number(std::string_view text, Number& out) {
  text = trim(text);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty()) return false;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
  return error == std::errc() && end == text.data() + text.size();
}

class RecordReader {
 public:
  RecordReader(const SgfCollection& tree, GameRecord& out) : tree_(tree), out_(out) {}

  void read(int game) {
    int root = tree_.game_root(game);
    read_root_only(root);
    for (int node = root; node != SgfCollection::kNone; node = tree_.node(node).first_child) {
      read_node(node);
    }
  }

 private:
  [[noreturn]] void fail(const Property& p, const std::string& reason) const {
    throw SgfError(tree_.source(), p.offset, reason);
  }

  std::string quoted_value(const Property& p, int i = 0) const {
    return quoted(tree_.id(p), tree_.value(p, i));
  }

  void read_root_only(int root) {
    const SgfCollection::Node& n = tree_.node(root);
    for (int i = n.first_property; i < n.end_property; ++i) {
      const Property& p = tree_.property(i);
      std::string_view id = tree_.id(p);
      if (id == "SZ") {
        read_size(p);
      } else if (id == "GM") {
        int game_type = 1;
        if (!parse_number(tree_.value(p), game_type) || game_type != 1) {
          fail(p, "not a game of Go: " + quoted_value(p) + " (Go is GM[1])");
        }
      } else if (id == "AP") {
        out_.info.application = simple_text(tree_.value(p));
      }
    }
  }

  void read_size(const Property& p) {
    std::string_view text = tree_.value(p);
    std::size_t colon = text.find(':');
    int width = 0, height = 0;
    bool ok = colon == std::string_view::npos ? parse_number(text, width)
                                              : parse_number(text.substr(0, colon), width) &&
                                                    parse_number(text.substr(colon + 1), height);
    if (colon == std::string_view::npos) height = width;
    if (!ok) fail(p, "bad board size " + quoted_value(p));
    if (width < kMinBoardSide || width > kMaxBoardSide || height < kMinBoardSide ||
        height > kMaxBoardSide) {
      fail(p, "unsupported board size " + quoted_value(p) + " (boards from " +
                  std::to_string(kMinBoardSide) + "x" + std::to_string(kMinBoardSide) + " to " +
                  std::to_string(kMaxBoardSide) + "x" + std::to_string(kMaxBoardSide) + ")");
    }
    out_.size = BoardSize{width, height};
  }

  void read_node(int node) {
    const SgfCollection::Node& n = tree_.node(node);
    const Property* move = nullptr;
    Color move_color = Color::kEmpty;
    for (int i = n.first_property; i < n.end_property; ++i) {
      const Property& p = tree_.property(i);
      std::string_view id = tree_.id(p);
      if (id.size() > 2) continue;
      int key = (id[0] << 8) | (id.size() == 2 ? id[1] : 0);
      // One line per property reads as a table.
      // clang-format off
      switch (key) {
        case 'B' << 8:
        case 'W' << 8:
          if (move != nullptr) fail(p, "a node holds two moves: " + quoted_value(p));
          move = &p;
          move_color = id[0] == 'B' ? Color::kBlack : Color::kWhite;
          break;
        case ('A' << 8) | 'B': read_setup(p, Color::kBlack); break;
        case ('A' << 8) | 'W': read_setup(p, Color::kWhite); break;
        case ('A' << 8) | 'E': read_setup(p, Color::kEmpty); break;
        case ('P' << 8) | 'L': read_player_to_move(p); break;
        case ('P' << 8) | 'B': out_.info.black_player = simple_text(tree_.value(p)); break;
        case ('P' << 8) | 'W': out_.info.white_player = simple_text(tree_.value(p)); break;
        case ('B' << 8) | 'R': out_.info.black_rank = simple_text(tree_.value(p)); break;
        case ('W' << 8) | 'R': out_.info.white_rank = simple_text(tree_.value(p)); break;
        case ('R' << 8) | 'E': out_.info.result = simple_text(tree_.value(p)); break;
        case ('D' << 8) | 'T': out_.info.date = simple_text(tree_.value(p)); break;
        case ('R' << 8) | 'U': out_.info.rules = simple_text(tree_.value(p)); break;
        case ('E' << 8) | 'V': out_.info.event = simple_text(tree_.value(p)); break;
        case ('G' << 8) | 'N': out_.info.game_name = simple_text(tree_.value(p)); break;
        case ('K' << 8) | 'M': read_komi(p); break;
        case ('H' << 8) | 'A': read_handicap(p); break;
        default: break;
      }
      // clang-format on
    }
    if (move != nullptr) read_move(*move, move_color);
  }

  void read_move(const Property& p, Color color) {
    if (tree_.value_count(p) != 1) fail(p, "a move needs exactly one value: " + quoted_value(p));
    std::optional<Move> move = sgf_to_move(out_.size, tree_.value(p));
    if (!move) {
      fail(p, "bad move " + quoted_value(p) + ": not a point on a " + board_name(out_.size) +
                  " board nor a pass");
    }
    out_.moves.push_back(RecordMove{color, *move, p.offset});
  }

  int setup_point(const Property& p, std::string_view text) const {
    std::optional<Move> where = sgf_to_move(out_.size, text);
    if (!where || !where->is_play()) {
      fail(p, "bad point " + quoted(tree_.id(p), text) + ": not a point on a " +
                  board_name(out_.size) + " board");
    }
    return where->point;
  }

  void read_setup(const Property& p, Color color) {
    int moves_before = static_cast<int>(out_.moves.size());
    for (int i = 0; i < tree_.value_count(p); ++i) {
      std::string_view text = tree_.value(p, i);
      if (text.empty()) continue;  // "AE[]": an empty list
      std::size_t colon = text.find(':');
      if (colon == std::string_view::npos) {
        out_.setup.push_back(SetupStone{setup_point(p, text), color, moves_before, p.offset});
        continue;
      }
      // A compressed point list: every point of the rectangle between two corners.
      int a = setup_point(p, text.substr(0, colon));
      int b = setup_point(p, text.substr(colon + 1));
      BoardSize size = out_.size;
      int row_low = std::min(row_of(size, a), row_of(size, b));
      int row_high = std::max(row_of(size, a), row_of(size, b));
      int col_low = std::min(col_of(size, a), col_of(size, b));
      int col_high = std::max(col_of(size, a), col_of(size, b));
      for (int row = row_low; row <= row_high; ++row) {
        for (int col = col_low; col <= col_high; ++col) {
          out_.setup.push_back(SetupStone{point_of(size, row, col), color, moves_before, p.offset});
        }
      }
    }
  }

  void read_player_to_move(const Property& p) {
    std::string_view text = trim(tree_.value(p));
    Color color;
    if (text == "B" || text == "b") {
      color = Color::kBlack;
    } else if (text == "W" || text == "w") {
      color = Color::kWhite;
    } else {
      fail(p, "bad player " + quoted_value(p) + " (PL is B or W)");
    }
    if (out_.moves.empty()) out_.first_player = color;
  }

  void read_komi(const Property& p) {
    std::string text(trim(tree_.value(p)));
    if (text.empty()) return;
    std::replace(text.begin(), text.end(), ',', '.');  // "6,5" from some European writers
    double komi = 0;
    if (!parse_number(text, komi) || !(komi > -1000 && komi < 1000)) {
      fail(p, "bad komi " + quoted_value(p));
    }
    out_.info.komi = komi;
  }

  void read_handicap(const Property& p) {
    if (trim(tree_.value(p)).empty()) return;
    int stones = 0;
    if (!parse_number(tree_.value(p), stones) || stones < 0 || stones > out_.size.num_points()) {
      fail(p, "bad handicap " + quoted_value(p));
    }
    out_.info.handicap = stones;
  }

  const SgfCollection& tree_;
  GameRecord& out_;
};

Rules with_record_komi(Rules rules, const GameRecord& record) {
  if (record.info.komi) rules.komi = *record.info.komi;
  return rules;
}

using SetupColors = std::array<Color, kMaxBoardSide * kMaxBoardSide>;

// SGF setup captures nothing (FF[4]: "it's possible to create illegal board positions"), but a
// GameState cannot hold a chain without liberties: the stone that fills a chain's last liberty
// takes that chain off the board (AB[aa:ii] on 9x9 leaves it empty). No game reaches such a
// position, so the record is refused rather than replayed from another board. Any point where
// the board now differs from the setup lies in a chain the setup left without liberties.
void require_setup_kept(const GameRecord& record, const SetupColors& setup, const Board& board) {
  for (int point = 0; point < record.size.num_points(); ++point) {
    Color color = setup[static_cast<std::size_t>(point)];
    if (board.at(point) == color) continue;
    std::size_t offset = SgfError::kNoOffset;
    for (const SetupStone& s : record.setup) {
      if (s.moves_before == 0 && s.point == point) offset = s.offset;
    }
    throw SgfError(record.source, offset,
                   "setup leaves a " + std::string(color_name(color)) +
                       " chain without liberties at " + point_to_gtp(record.size, point) +
                       " (setup captures nothing, and no game reaches such a position)");
  }
}

}  // namespace

void read_game_record_into(const SgfCollection& collection, int game, GameRecord& out) {
  out.source = collection.source();
  out.size = BoardSize{19, 19};
  out.info = GameInfo{};
  out.setup.clear();
  out.first_player.reset();
  out.moves.clear();
  RecordReader(collection, out).read(game);
}

GameRecord read_game_record(const SgfCollection& collection, int game) {
  GameRecord record;
  read_game_record_into(collection, game, record);
  return record;
}

std::vector<GameRecord> read_game_records(std::string_view text, std::string source) {
  SgfCollection collection = parse_sgf(text, std::move(source));
  std::vector<GameRecord> records(static_cast<std::size_t>(collection.game_count()));
  for (int game = 0; game < collection.game_count(); ++game) {
    read_game_record_into(collection, game, records[static_cast<std::size_t>(game)]);
  }
  return records;
}

std::string record_move_text(BoardSize size, const RecordMove& move) {
  std::string text = move.color == Color::kWhite ? "W[" : "B[";
  if (move.move.is_play()) text += point_to_sgf(size, move.move.point);
  return text + ']';
}

GameReplay::GameReplay(const GameRecord& record, Rules rules)
    : record_(&record), state_(record.size, with_record_komi(rules, record)) {
  apply_initial_setup();
}

void GameReplay::apply_initial_setup() {
  const GameRecord& record = *record_;
  // Later instructions overwrite earlier ones, as setup properties do in successive nodes.
  SetupColors initial{};
  int white = 0;
  for (const SetupStone& s : record.setup) {
    if (s.moves_before > 0) {
      later_setup_ = &s;
      break;
    }
    initial[static_cast<std::size_t>(s.point)] = s.color;
  }
  std::vector<int> black_points;
  for (int point = 0; point < record.size.num_points(); ++point) {
    Color c = initial[static_cast<std::size_t>(point)];
    if (c == Color::kBlack) black_points.push_back(point);
    if (c == Color::kWhite) ++white;
  }
  int black = static_cast<int>(black_points.size());
  std::optional<Color> first_mover;
  if (!record.moves.empty()) first_mover = record.moves.front().color;

  if (black > 0 && white == 0 && record.info.handicap >= 1 && first_mover != Color::kBlack) {
    state_.place_handicap(black_points);
  } else if (black + white == 0 && record.info.handicap >= 2 && first_mover == Color::kWhite) {
    HandicapPlacement fixed = fixed_handicap_points(record.size, record.info.handicap);
    if (!fixed.error.empty()) {
      throw SgfError(record.source, SgfError::kNoOffset,
                     "HA[" + std::to_string(record.info.handicap) +
                         "] without handicap stones (AB), and " + fixed.error);
    }
    state_.place_handicap(fixed.points);
  } else {
    for (int point = 0; point < record.size.num_points(); ++point) {
      Color c = initial[static_cast<std::size_t>(point)];
      if (is_stone(c)) state_.add_setup_stone(point, c);
    }
  }
  if (black + white > 0) require_setup_kept(record, initial, state_.board());
  if (record.first_player) state_.set_next_player(*record.first_player);
}

void GameReplay::step() {
  const GameRecord& record = *record_;
  const RecordMove& m = record.moves[next_];
  int number = next_move_number();
  // Setup after the first move would need a GameState that takes setup mid-game; stop one
  // move early so that the state never moves past a position the record changes.
  if (later_setup_ != nullptr && later_setup_->moves_before <= number) {
    throw SgfError(record.source, later_setup_->offset,
                   "setup stones after move " + std::to_string(later_setup_->moves_before) +
                       " are not supported (only before the first move)");
  }
  if (m.color != state_.next_player()) state_.set_next_player(m.color);
  if (m.move.is_pass()) {
    state_.pass_unchecked();
  } else {
    int loc = state_.board().loc_of_point(m.move.point);
    if (!state_.is_legal_loc(loc)) {
      std::string where = point_to_gtp(record.size, m.move.point);
      const Board& board = state_.board();
      std::string why =
          board.color_at_loc(loc) != Color::kEmpty ? where + " is occupied"
          : !board.is_legal_ignoring_ko_loc(loc, m.color, state_.rules().suicide_allowed)
              ? where + " is suicide"
              : where + " breaks the " + std::string(ko_rule_name(state_.rules().ko_rule)) +
                    " ko rule";
      throw SgfIllegalMoveError(record.source, m.offset, number, record_move_text(record.size, m),
                                why);
    }
    state_.play_loc_unchecked(loc);
  }
  ++next_;
}

GameState replay_game(const GameRecord& record, Rules rules) {
  GameReplay replay(record, rules);
  while (!replay.done()) replay.step();
  return replay.state();
}

}  // namespace dlgo
