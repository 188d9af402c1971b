#include "tests/gnugo/lockstep.h"

#include <algorithm>
#include <iterator>
#include <sstream>

#include "engine/ascii_board.h"
#include "tests/gnugo/gnugo_reference.h"

namespace dlgo {
namespace {

// What we say about one position, and what the textbook rule and the GNU Go emulation say.
struct Snapshot {
  Color to_move = Color::kBlack;
  bool game_over = false;  // after two passes we allow nothing; GNU Go knows no game end
  bool gnugo_folded = false;
  std::vector<int> legal;
  std::vector<int> textbook_legal;
  std::vector<int> gnugo_model_legal;
  std::vector<int> black_stones;
  std::vector<int> white_stones;
  int black_prisoners = 0;
  int white_prisoners = 0;
};

Snapshot snapshot(const GameState& state, const GnuGoSuperkoModel& model, LockstepStats& stats) {
  Snapshot shot;
  shot.to_move = state.next_player();
  shot.game_over = state.is_over();
  shot.gnugo_folded = model.has_folded();
  shot.legal = state.legal_points();
  shot.textbook_legal = model.textbook_legal_points(state);
  shot.gnugo_model_legal = model.gnugo_legal_points(state);
  shot.black_stones = stones_of(state.board(), Color::kBlack);
  shot.white_stones = stones_of(state.board(), Color::kWhite);
  shot.black_prisoners = state.prisoners(Color::kBlack);
  shot.white_prisoners = state.prisoners(Color::kWhite);
  const Board& board = state.board();
  for (int point = 0; point < board.num_points(); ++point) {
    if (board.at(point) != Color::kEmpty ||
        !board.is_legal_ignoring_ko(point, state.next_player())) {
      continue;
    }
    // Age 1 is the position before the opponent's last move: the plain ko retake.
    int age = model.age_of_repetition(state, point);
    if (age == 1) ++stats.simple_ko_blocks;
    if (age > 1) ++stats.superko_blocks;
  }
  return shot;
}

std::string gtp_color(Color c) {
  return c == Color::kBlack ? "black" : "white";
}

std::vector<int> minus(const std::vector<int>& a, const std::vector<int>& b) {
  std::vector<int> result;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(result));
  return result;
}

// The board at position `index` (after that many moves) and the game's moves, for a report.
std::string describe_position(BoardSize size, const std::vector<Move>& moves, size_t index) {
  GameState state(size);
  for (size_t i = 0; i < index; ++i) state.play(moves[i]);
  std::ostringstream out;
  out << board_to_ascii(state.board());
  out << "moves (" << index << " played, " << color_name(state.next_player()) << " to move):";
  Color c = Color::kBlack;
  for (size_t i = 0; i < moves.size(); ++i) {
    if (i == index) out << "  <here>";
    out << (i % 10 == 0 ? "\n  " : " ") << (c == Color::kBlack ? "B " : "W ")
        << move_to_gtp(size, moves[i]);
    c = opponent(c);
  }
  return out.str();
}

std::string legal_difference(BoardSize size, const std::string& name_a, const std::vector<int>& a,
                             const std::string& name_b, const std::vector<int>& b) {
  return "  legal only for " + name_a + ": " + vertex_list(size, minus(a, b)) + "\n" +
         "  legal only for " + name_b + ": " + vertex_list(size, minus(b, a)) + "\n";
}

}  // namespace

LockstepStats& LockstepStats::operator+=(const LockstepStats& other) {
  games += other.games;
  positions += other.positions;
  moves += other.moves;
  capturing_moves += other.capturing_moves;
  simple_ko_blocks += other.simple_ko_blocks;
  superko_blocks += other.superko_blocks;
  positions_after_fold += other.positions_after_fold;
  forgotten_by_gnugo += other.forgotten_by_gnugo;
  refused_by_gnugo += other.refused_by_gnugo;
  return *this;
}

std::string LockstepStats::summary() const {
  std::ostringstream out;
  out << games << " games, " << moves << " moves, " << positions << " positions compared ("
      << positions_after_fold << " after GNU Go folded its history), " << capturing_moves
      << " capturing moves, " << simple_ko_blocks << " points forbidden by simple ko, "
      << superko_blocks
      << " by longer superko cycles; GNU Go's broken superko after folding: " << forgotten_by_gnugo
      << " repetitions missed, " << refused_by_gnugo << " legal points refused";
  return out.str();
}

LockstepResult play_in_lockstep(GtpClient& gnugo, BoardSize size, const MoveChooser& choose,
                                int max_moves, const std::string& label) {
  LockstepResult result{"", LockstepStats{}, GameState(size)};
  LockstepStats& stats = result.stats;
  GameState& state = result.final_state;
  stats.games = 1;

  // Our side first: play the whole game, remembering what we say about every position.
  GnuGoSuperkoModel model(state);
  std::vector<Move> moves;
  std::vector<Snapshot> shots;
  shots.push_back(snapshot(state, model, stats));
  while (!state.is_over() && static_cast<int>(moves.size()) < max_moves) {
    std::vector<int> playable;
    std::set_intersection(shots.back().legal.begin(), shots.back().legal.end(),
                          shots.back().gnugo_model_legal.begin(),
                          shots.back().gnugo_model_legal.end(), std::back_inserter(playable));
    std::optional<Move> move = choose(state, playable);
    if (!move) break;
    Color mover = state.next_player();
    int prisoners_before = state.prisoners(mover);
    state.play(*move);
    if (state.prisoners(mover) != prisoners_before) ++stats.capturing_moves;
    moves.push_back(*move);
    model.on_move(state);
    shots.push_back(snapshot(state, model, stats));
  }
  stats.moves = static_cast<long>(moves.size());
  stats.positions = static_cast<long>(shots.size());

  // Then GNU Go, in one batch: five queries per position and a play between positions.
  constexpr size_t kQueries = 5;
  std::vector<std::string> commands = {"boardsize " + std::to_string(size.width), "clear_board"};
  for (size_t i = 0; i < shots.size(); ++i) {
    commands.push_back("all_legal " + gtp_color(shots[i].to_move));
    commands.push_back("list_stones black");
    commands.push_back("list_stones white");
    commands.push_back("captures black");
    commands.push_back("captures white");
    if (i < moves.size()) {
      commands.push_back("play " + gtp_color(shots[i].to_move) + " " + move_to_gtp(size, moves[i]));
    }
  }
  std::vector<GtpReply> responses = gnugo.send_all(commands);

  auto fail = [&](size_t index, const std::string& what) {
    result.mismatch = label + ", position " + std::to_string(index) + ": " + what + "\n" +
                      describe_position(size, moves, index);
    return result;
  };
  for (size_t i = 0; i < 2; ++i) {
    if (!responses[i].success) {
      return fail(0, "GNU Go rejected '" + commands[i] + "': " + responses[i].text);
    }
  }
  size_t r = 2;
  for (size_t i = 0; i < shots.size(); ++i) {
    const Snapshot& shot = shots[i];
    for (size_t q = 0; q < kQueries; ++q) {
      if (!responses[r + q].success) {
        return fail(i, "GNU Go rejected '" + commands[r + q] + "': " + responses[r + q].text);
      }
    }
    if (shot.gnugo_folded) ++stats.positions_after_fold;
    if (!shot.game_over) {
      if (shot.legal != shot.textbook_legal) {
        return fail(i, "dlgo's legal points break positional superko as the textbook says\n" +
                           legal_difference(size, "dlgo", shot.legal, "the textbook rule",
                                            shot.textbook_legal));
      }
      std::vector<int> gnugo_legal = parse_vertex_list(size, responses[r].text);
      if (gnugo_legal != shot.legal) {
        if (!shot.gnugo_folded || gnugo_legal != shot.gnugo_model_legal) {
          std::string what = "legal points of " + gtp_color(shot.to_move) + " differ\n" +
                             legal_difference(size, "dlgo", shot.legal, "GNU Go", gnugo_legal);
          if (shot.gnugo_folded) {
            what += "  (GNU Go has folded its history; the emulation of its superko expected " +
                    vertex_list(size, shot.gnugo_model_legal) + ")\n";
          }
          return fail(i, what);
        }
        stats.forgotten_by_gnugo += static_cast<long>(minus(gnugo_legal, shot.legal).size());
        stats.refused_by_gnugo += static_cast<long>(minus(shot.legal, gnugo_legal).size());
      }
    }
    std::vector<int> gnugo_black = parse_vertex_list(size, responses[r + 1].text);
    std::vector<int> gnugo_white = parse_vertex_list(size, responses[r + 2].text);
    if (gnugo_black != shot.black_stones || gnugo_white != shot.white_stones) {
      return fail(i, "stones differ\n  GNU Go black: " + responses[r + 1].text +
                         "\n  GNU Go white: " + responses[r + 2].text +
                         "\n  dlgo black:   " + vertex_list(size, shot.black_stones) +
                         "\n  dlgo white:   " + vertex_list(size, shot.white_stones) + "\n");
    }
    if (responses[r + 3].text != std::to_string(shot.black_prisoners) ||
        responses[r + 4].text != std::to_string(shot.white_prisoners)) {
      return fail(i, "prisoners differ: GNU Go black " + responses[r + 3].text + " white " +
                         responses[r + 4].text + ", dlgo black " +
                         std::to_string(shot.black_prisoners) + " white " +
                         std::to_string(shot.white_prisoners) + "\n");
    }
    r += kQueries;
    if (i < moves.size()) {
      if (!responses[r].success) {
        return fail(i, "GNU Go rejected '" + commands[r] + "': " + responses[r].text);
      }
      ++r;
    }
  }
  return result;
}

}  // namespace dlgo
