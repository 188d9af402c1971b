#include "engine/gtp/gtp_engine.h"

#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "engine/ascii_board.h"
#include "engine/dead_stones/adjudication.h"
#include "engine/files/atomic_text_file.h"
#include "engine/files/file_commit.h"
#include "engine/gtp/gtp_arguments.h"
#include "engine/gtp/handicap_placement.h"
#include "engine/handicap.h"
#include "engine/sgf/sgf_error.h"
#include "engine/sgf/sgf_writer.h"

#ifndef DLGO_VERSION
#define DLGO_VERSION "unknown"
#endif

namespace dlgo {

void StreamOutput::write(std::string_view text) {
  std::lock_guard<std::mutex> lock(mutex_);
  stream_ << text;
  stream_.flush();
}

void StringOutput::write(std::string_view text) {
  std::lock_guard<std::mutex> lock(mutex_);
  text_ += text;
}

std::string StringOutput::take() {
  std::lock_guard<std::mutex> lock(mutex_);
  std::string text;
  text.swap(text_);
  return text;
}

GtpEngine::GtpEngine(std::shared_ptr<Agent> agent, GtpEngineOptions options)
    : agent_(std::move(agent)),
      options_(std::move(options)),
      game_(BoardSize{options_.board_size, options_.board_size}, options_.rules) {
  if (!agent_) throw std::invalid_argument("GtpEngine needs an agent");
  if (options_.board_size < kMinBoardSide || options_.board_size > kMaxBoardSide) {
    throw std::invalid_argument("board size " + std::to_string(options_.board_size) +
                                " is outside " + std::to_string(kMinBoardSide) + ".." +
                                std::to_string(kMaxBoardSide));
  }
  if (!agent_->supports(game_.size())) {
    throw std::invalid_argument("the agent (" + agent_->description() + ") does not play on " +
                                std::to_string(options_.board_size) + "x" +
                                std::to_string(options_.board_size));
  }
  register_commands();
}

GtpEngine::~GtpEngine() {
  stop_analysis();
}

void GtpEngine::register_commands() {
  const std::pair<const char*, Handler> table[] = {
      {"protocol_version", &GtpEngine::cmd_protocol_version},
      {"name", &GtpEngine::cmd_name},
      {"version", &GtpEngine::cmd_version},
      {"known_command", &GtpEngine::cmd_known_command},
      {"list_commands", &GtpEngine::cmd_list_commands},
      {"quit", &GtpEngine::cmd_quit},
      {"boardsize", &GtpEngine::cmd_boardsize},
      {"clear_board", &GtpEngine::cmd_clear_board},
      {"komi", &GtpEngine::cmd_komi},
      {"play", &GtpEngine::cmd_play},
      {"genmove", &GtpEngine::cmd_genmove},
      {"undo", &GtpEngine::cmd_undo},
      {"showboard", &GtpEngine::cmd_showboard},
      {"fixed_handicap", &GtpEngine::cmd_fixed_handicap},
      {"place_free_handicap", &GtpEngine::cmd_place_free_handicap},
      {"set_free_handicap", &GtpEngine::cmd_set_free_handicap},
      {"time_settings", &GtpEngine::cmd_time_settings},
      {"time_left", &GtpEngine::cmd_time_left},
      {"kgs-time_settings", &GtpEngine::cmd_kgs_time_settings},
      {"kgs-genmove_cleanup", &GtpEngine::cmd_genmove_cleanup},
      {"kgs-game_over", &GtpEngine::cmd_kgs_game_over},
      {"final_score", &GtpEngine::cmd_final_score},
      {"final_status_list", &GtpEngine::cmd_final_status_list},
      {"loadsgf", &GtpEngine::cmd_loadsgf},
      {"printsgf", &GtpEngine::cmd_printsgf},
      {"is_legal", &GtpEngine::cmd_is_legal},
      {"list_stones", &GtpEngine::cmd_list_stones},
      {"captures", &GtpEngine::cmd_captures},
  };
  for (const auto& [name, handler] : table) {
    handlers_.emplace(name, handler);
    command_order_.push_back(name);
  }
  command_order_.push_back("lz-analyze");  // handled in handle_line: its response streams
}

std::vector<std::string> GtpEngine::command_names() const {
  return command_order_;
}

void GtpEngine::handle_line(std::string_view line, GtpOutput& out) {
  std::optional<GtpCommand> command = parse_gtp_line(line);
  if (!command) return;
  stop_analysis();
  if (command->name == "lz-analyze") {
    try {
      start_analysis(*command, out);
    } catch (const GtpFailure& failure) {
      out.write(format_gtp_response(false, command->id, failure.what()));
    }
    return;
  }
  auto handler = handlers_.find(command->name);
  if (handler == handlers_.end()) {
    out.write(format_gtp_response(false, command->id, "unknown command"));
    return;
  }
  std::string response;
  try {
    response = format_gtp_response(true, command->id, (this->*handler->second)(*command));
  } catch (const GtpFailure& failure) {
    response = format_gtp_response(false, command->id, failure.what());
  } catch (const std::exception& error) {
    // A bug or a resource problem: report it on this command and stay alive.
    response =
        format_gtp_response(false, command->id, std::string("internal error: ") + error.what());
  }
  out.write(response);
}

std::string GtpEngine::execute(std::string_view line) {
  StringOutput out;
  handle_line(line, out);
  stop_analysis();
  return out.take();
}

std::string GtpEngine::cmd_protocol_version(const GtpCommand&) {
  return "2";
}

std::string GtpEngine::cmd_name(const GtpCommand&) {
  return options_.name;
}

std::string GtpEngine::cmd_version(const GtpCommand&) {
  return std::string(DLGO_VERSION) + " (" + agent_->description() + ")";
}

std::string GtpEngine::cmd_known_command(const GtpCommand& command) {
  expect_arguments(command, 1, 1, "known_command <command_name>");
  const std::string& name = command.args[0];
  return std::find(command_order_.begin(), command_order_.end(), name) != command_order_.end()
             ? "true"
             : "false";
}

std::string GtpEngine::cmd_list_commands(const GtpCommand&) {
  std::string text;
  for (const std::string& name : command_order_) text += name + "\n";
  return text;
}

std::string GtpEngine::cmd_quit(const GtpCommand&) {
  quit_ = true;
  return "";
}

std::string GtpEngine::cmd_boardsize(const GtpCommand& command) {
  expect_arguments(command, 1, 1, "boardsize <size>");
  int side = parse_int(command.args[0], "the board size");
  BoardSize size{side, side};
  if (side < kMinBoardSide || side > kMaxBoardSide || !agent_->supports(size)) {
    throw GtpFailure("unacceptable size");
  }
  if (!(size == game_.size())) player_.reset();  // its search speed was another board's
  game_ = GtpGame(size, game_.rules());
  reset_clocks();
  return "";
}

std::string GtpEngine::cmd_clear_board(const GtpCommand& command) {
  expect_arguments(command, 0, 0, "clear_board");
  game_.clear();
  reset_clocks();
  return "";
}

std::string GtpEngine::cmd_komi(const GtpCommand& command) {
  expect_arguments(command, 1, 1, "komi <komi>");
  game_.set_komi(parse_number(command.args[0], "komi"));
  return "";
}

std::string GtpEngine::cmd_play(const GtpCommand& command) {
  expect_arguments(command, 2, 2, "play <color> <vertex>");
  Color color = parse_color(command.args[0]);
  Move move = parse_move(game_.size(), command.args[1]);
  if (!game_.is_legal(color, move)) throw GtpFailure("illegal move");
  game_.play(color, move);
  return "";
}

std::string GtpEngine::cmd_undo(const GtpCommand& command) {
  expect_arguments(command, 0, 0, "undo");
  if (!game_.undo()) throw GtpFailure("cannot undo");
  return "";
}

std::string GtpEngine::cmd_showboard(const GtpCommand& command) {
  expect_arguments(command, 0, 0, "showboard");
  const GameState& state = game_.state();
  std::string text = "\n" + board_to_ascii(state.board());
  text += "Black (X) has captured " + std::to_string(state.prisoners(Color::kBlack)) + " stones\n";
  text += "White (O) has captured " + std::to_string(state.prisoners(Color::kWhite)) + " stones\n";
  text += std::string(state.next_player() == Color::kBlack ? "Black" : "White") + " to play";
  return text;
}

std::string GtpEngine::cmd_fixed_handicap(const GtpCommand& command) {
  expect_arguments(command, 1, 1, "fixed_handicap <number_of_stones>");
  int stones = parse_int(command.args[0], "the number of stones");
  if (!game_.moves().empty() || game_.state().board().empty_count() != game_.size().num_points()) {
    throw GtpFailure("board not empty");
  }
  HandicapPlacement placement = fixed_handicap_points(game_.size(), stones);
  if (!placement.error.empty()) throw GtpFailure("invalid number of stones");
  game_.place_handicap(placement.points);
  return vertex_list(game_.size(), placement.points);
}

std::string GtpEngine::cmd_place_free_handicap(const GtpCommand& command) {
  expect_arguments(command, 1, 1, "place_free_handicap <number_of_stones>");
  int stones = parse_int(command.args[0], "the number of stones");
  if (!game_.moves().empty() || game_.state().board().empty_count() != game_.size().num_points()) {
    throw GtpFailure("board not empty");
  }
  if (stones < 2 || stones >= game_.size().num_points())
    throw GtpFailure("invalid number of stones");
  std::vector<int> points = free_handicap_points(game_.size(), stones);
  game_.place_handicap(points);
  return vertex_list(game_.size(), points);
}

std::string GtpEngine::cmd_set_free_handicap(const GtpCommand& command) {
  if (!game_.moves().empty() || game_.state().board().empty_count() != game_.size().num_points()) {
    throw GtpFailure("board not empty");
  }
  if (command.args.size() < 2 ||
      command.args.size() >= static_cast<std::size_t>(game_.size().num_points())) {
    throw GtpFailure("bad vertex list");
  }
  std::vector<int> points;
  std::set<int> seen;
  for (const std::string& arg : command.args) {
    std::optional<int> point = gtp_to_point(game_.size(), arg);
    if (!point || !seen.insert(*point).second) throw GtpFailure("bad vertex list");
    points.push_back(*point);
  }
  game_.place_handicap(points);
  return "";
}

std::string GtpEngine::cmd_is_legal(const GtpCommand& command) {
  expect_arguments(command, 2, 2, "is_legal <color> <vertex>");
  Color color = parse_color(command.args[0]);
  Move move = parse_move(game_.size(), command.args[1]);
  return game_.is_legal(color, move) ? "1" : "0";
}

std::string GtpEngine::cmd_list_stones(const GtpCommand& command) {
  expect_arguments(command, 1, 1, "list_stones <color>");
  Color color = parse_color(command.args[0]);
  std::vector<int> points;
  const Board& board = game_.state().board();
  for (int point = 0; point < board.num_points(); ++point) {
    if (board.at(point) == color) points.push_back(point);
  }
  return vertex_list(game_.size(), points);
}

std::string GtpEngine::cmd_captures(const GtpCommand& command) {
  expect_arguments(command, 1, 1, "captures <color>");
  return std::to_string(game_.state().prisoners(parse_color(command.args[0])));
}

std::string GtpEngine::cmd_loadsgf(const GtpCommand& command) {
  expect_arguments(command, 1, 2, "loadsgf <filename> [move_number]");
  int move_number = command.args.size() == 2 ? parse_int(command.args[1], "the move number") : 0;
  if (!options_.allow_files) throw GtpFailure("cannot load file: file access is disabled");
  const std::string& path = command.args[0];
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) {
    throw GtpFailure("cannot load file: '" + path + "' is not a readable file");
  }
  constexpr long long kMaxBytes = 16 << 20;
  if (info.st_size > kMaxBytes) throw GtpFailure("cannot load file: '" + path + "' is too large");
  std::ifstream file(path, std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  if (!file) throw GtpFailure("cannot load file: '" + path + "' could not be read");
  try {
    std::vector<GameRecord> records = read_game_records(text.str(), path);
    if (records.empty()) throw GtpFailure("cannot load file: '" + path + "' holds no game");
    const GameRecord& record = records.front();
    if (record.size.width != record.size.height || !agent_->supports(record.size)) {
      throw GtpFailure("cannot load file: the agent does not play on " +
                       std::to_string(record.size.width) + "x" +
                       std::to_string(record.size.height));
    }
    GtpGame loaded(record.size, game_.rules());
    loaded.load(record, move_number);
    if (!(record.size == game_.size())) player_.reset();
    game_ = loaded;
    reset_clocks();
  } catch (const SgfError& error) {
    throw GtpFailure(std::string("cannot load file: ") + error.what());
  }
  return "";
}

std::string GtpEngine::cmd_printsgf(const GtpCommand& command) {
  expect_arguments(command, 0, 1, "printsgf [filename]");
  GameInfo info;
  info.application = "dlgo";
  info.rules = "Chinese";
  if (game_.state().is_over()) info.result = final_status().result.to_string();
  std::string sgf = write_sgf(game_.to_record(info));
  if (command.args.empty()) return sgf;
  if (!options_.allow_files) throw GtpFailure("cannot save file: file access is disabled");
  try {
    write_text_atomically(command.args[0], sgf);
  } catch (const FileCommitError& error) {
    throw GtpFailure("cannot save file '" + command.args[0] + "': " + error.problem());
  }
  return "";
}

void GtpEngine::reset_clocks() {
  clocks_[0] = ClockReading{};
  clocks_[1] = ClockReading{};
}

}  // namespace dlgo
