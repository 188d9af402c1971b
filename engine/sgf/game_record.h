// A game record: what an SGF game's main line says about one game (board, rules, players,
// setup stones, moves), and its replay into a GameState.
//
// Contract: GameRecord is a plain value type. The functions are pure and safe from any thread;
// they throw SgfError naming the source, the byte offset of the offending property and the
// reason, and SgfIllegalMoveError for a move the rules forbid. Both the extraction and the
// replay are linear in the record's size and allocate little; the dataset pipeline calls them
// once per game.
//
// Semantics (details in docs/sgf.md):
//   - game-info properties (PB, PW, BR, WR, RE, DT, RU, KM, HA, EV, GN) are read from any node
//     of the main line; SZ, GM, FF, CA, AP from the root only;
//   - setup (AB, AW, AE) may appear in any node; a node's setup is applied before its move;
//   - a pass is B[] or, on boards up to 19x19, B[tt];
//   - the replay honours the record's colours: when a move is not by the player whose turn it
//     would be, that player is set to move; a game that resumes after two passes (as KGS games
//     do after a disputed scoring) goes on.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "engine/color.h"
#include "engine/coords.h"
#include "engine/game_state.h"
#include "engine/move.h"
#include "engine/sgf/sgf_error.h"
#include "engine/sgf/sgf_tree.h"

namespace dlgo {

struct GameInfo {
  std::string black_player;    // PB
  std::string white_player;    // PW
  std::string black_rank;      // BR, as written ("6d", "12k")
  std::string white_rank;      // WR
  std::string result;          // RE, as written ("B+R", "W+7.5", "Void")
  std::string date;            // DT
  std::string rules;           // RU
  std::string event;           // EV
  std::string game_name;       // GN
  std::string application;     // AP
  std::optional<double> komi;  // KM; absent when the record does not say
  int handicap = 0;            // HA
};

// One setup instruction: `color` kEmpty clears the point (AE).
struct SetupStone {
  int point = 0;
  Color color = Color::kBlack;
  int moves_before = 0;  // how many moves of the record precede it (0: initial position)
  std::size_t offset = SgfError::kNoOffset;  // of its property in the source text
};

struct RecordMove {
  Color color = Color::kBlack;
  Move move;                                 // a point or a pass
  std::size_t offset = SgfError::kNoOffset;  // of its B/W property in the source text
};

struct GameRecord {
  std::string source = "<string>";  // where it came from, for error messages
  BoardSize size{19, 19};
  GameInfo info;
  std::vector<SetupStone> setup;      // in the order the record gives them
  std::optional<Color> first_player;  // PL before the first move
  std::vector<RecordMove> moves;      // the main line's moves in order
};

// The main line of game `game` of a parsed collection.
GameRecord read_game_record(const SgfCollection& collection, int game = 0);
// The same into a caller-owned record, reusing its memory.
void read_game_record_into(const SgfCollection& collection, int game, GameRecord& out);

// Every game of an SGF text, e.g. one file of a collection.
std::vector<GameRecord> read_game_records(std::string_view text, std::string source = "<string>");

// The move as the record writes it, "W[pd]" (a pass as "B[]").
std::string record_move_text(BoardSize size, const RecordMove& move);

// Replays a record step by step, for callers that look at each position before its move
// (encoders). It refers to the record, which must outlive it. The komi of `rules` is replaced
// by the record's KM when it has one.
//
// The initial setup is applied at construction: when it is all Black, the record has a
// handicap (HA >= 1) and the first move is not Black's, it is placed as handicap
// (GameState::place_handicap: White to move). A record with HA >= 2, no setup and White moving
// first gets the fixed handicap points of the board.
class GameReplay {
 public:
  explicit GameReplay(const GameRecord& record, Rules rules = {});

  const GameState& state() const { return state_; }
  bool done() const { return next_ == record_->moves.size(); }
  // The move step() will play; only when !done().
  const RecordMove& next_move() const { return record_->moves[next_]; }
  // 1-based number of that move.
  int next_move_number() const { return static_cast<int>(next_) + 1; }
  // Plays the next move in its recorded colour; throws SgfIllegalMoveError.
  void step();

 private:
  void apply_initial_setup();

  const GameRecord* record_;
  GameState state_;
  std::size_t next_ = 0;
  const SetupStone* later_setup_ = nullptr;  // the first setup after a move, if any
};

// The position after the record's last move.
GameState replay_game(const GameRecord& record, Rules rules = {});

}  // namespace dlgo
