// GtpEngine: move generation, time, scoring and analysis.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "engine/dead_stones/adjudication.h"
#include "engine/gtp/gtp_arguments.h"
#include "engine/gtp/gtp_engine.h"

namespace dlgo {

namespace {

constexpr int kAnalysisRounds = 400;  // visits per pooled analysis search

std::string lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

std::string describe(BoardSize size, Color color, const MoveDecision& decision) {
  const AgentDiagnostics& d = decision.diagnostics;
  char numbers[160];
  std::snprintf(numbers, sizeof numbers, "%.3f s", d.seconds);
  std::string text =
      std::string(color_name(color)) + " " + move_to_gtp(size, decision.move) + " (" + numbers;
  if (d.visits) text += ", " + std::to_string(*d.visits) + " visits";
  if (d.win_rate) {
    std::snprintf(numbers, sizeof numbers, ", win rate %.3f", *d.win_rate);
    text += numbers;
  }
  if (!d.principal_variation.empty()) {
    text += ", pv";
    for (Move move : d.principal_variation) text += " " + move_to_gtp(size, move);
  }
  return text + ")";
}

}  // namespace

std::string GtpEngine::cmd_genmove(const GtpCommand& command) {
  return generate_move(command, false);
}

std::string GtpEngine::cmd_genmove_cleanup(const GtpCommand& command) {
  return generate_move(command, true);
}

std::string GtpEngine::generate_move(const GtpCommand& command, bool cleanup) {
  expect_arguments(command, 1, 1, cleanup ? "kgs-genmove_cleanup <color>" : "genmove <color>");
  Color color = parse_color(command.args[0]);
  // In cleanup the opponent's pass must not tempt the agent to pass before dead stones are gone.
  GameState position = game_.position_for(color, cleanup);
  if (!player_) {
    player_ = std::make_unique<ClockedPlayer>(agent_->new_game_player(options_.seed),
                                              agent_->strength(), options_.max_timed_rounds);
  }
  player_->set_clock(time_control_, clocks_[color == Color::kBlack ? 0 : 1]);
  MoveDecision decision = player_->select_move(position);
  if (options_.log && player_->last_timed_move()) {
    const ClockedPlayer::TimedMove& timed = *player_->last_timed_move();
    *options_.log << "time: " << timed.seconds << " s for this move";
    if (timed.budget.visits) *options_.log << ", " << *timed.budget.visits << " rounds";
    *options_.log << "\n";
  }
  if (options_.log) *options_.log << "genmove " << describe(game_.size(), color, decision) << "\n";
  Move move = decision.move;
  if (!move.is_resign() && !game_.is_legal(color, move)) {
    // The agent contract forbids this; passing keeps the game going and the stream in sync.
    if (options_.log) *options_.log << "genmove: the agent chose an illegal move; passing\n";
    move = Move::pass();
  }
  if (!move.is_resign()) game_.play(color, move);
  return move_to_gtp(game_.size(), move);
}

std::string GtpEngine::cmd_time_settings(const GtpCommand& command) {
  expect_arguments(command, 3, 3, "time_settings <main_time> <byo_yomi_time> <byo_yomi_stones>");
  double main = parse_number(command.args[0], "the main time");
  double byo_yomi = parse_number(command.args[1], "the byo-yomi time");
  int stones = parse_int(command.args[2], "the byo-yomi stones");
  if (main < 0 || byo_yomi < 0 || stones < 0) throw GtpFailure("syntax error: negative time");
  time_control_ = TimeControl::from_gtp(main, byo_yomi, stones);
  reset_clocks();
  return "";
}

std::string GtpEngine::cmd_kgs_time_settings(const GtpCommand& command) {
  const char* usage =
      "kgs-time_settings none | absolute <main> | byoyomi <main> <period> <periods> | "
      "canadian <main> <time> <stones>";
  if (command.args.empty()) throw GtpFailure(std::string("syntax error: usage: ") + usage);
  std::string kind = lower(command.args[0]);
  TimeControl control;
  if (kind == "none") {
    expect_arguments(command, 1, 1, usage);
  } else if (kind == "absolute") {
    expect_arguments(command, 2, 2, usage);
    control.kind = TimeControl::Kind::kAbsolute;
    control.main_seconds = parse_number(command.args[1], "the main time");
  } else if (kind == "byoyomi" || kind == "canadian") {
    expect_arguments(command, 4, 4, usage);
    control.kind = kind == "byoyomi" ? TimeControl::Kind::kJapanese : TimeControl::Kind::kCanadian;
    control.main_seconds = parse_number(command.args[1], "the main time");
    control.period_seconds = parse_number(command.args[2], "the period time");
    control.stones = parse_int(command.args[3], kind == "byoyomi" ? "the periods" : "the stones");
  } else {
    throw GtpFailure(std::string("syntax error: usage: ") + usage);
  }
  if (control.main_seconds < 0 || control.period_seconds < 0 || control.stones < 0) {
    throw GtpFailure("syntax error: negative time");
  }
  time_control_ = control;
  reset_clocks();
  return "";
}

std::string GtpEngine::cmd_time_left(const GtpCommand& command) {
  expect_arguments(command, 3, 3, "time_left <color> <time> <stones>");
  Color color = parse_color(command.args[0]);
  ClockReading reading;
  reading.known = true;
  reading.seconds_left = parse_number(command.args[1], "the time left");
  reading.stones = parse_int(command.args[2], "the stones");
  if (reading.stones < 0) throw GtpFailure("syntax error: negative stones");
  clocks_[color == Color::kBlack ? 0 : 1] = reading;
  return "";
}

std::string GtpEngine::cmd_kgs_game_over(const GtpCommand&) {
  if (options_.log) *options_.log << "kgs-game_over\n";
  return "";
}

FinalStatus GtpEngine::final_status() const {
  DeadStoneOptions options;
  options.playouts = options_.dead_stone_playouts;
  return estimate_final_status(game_.state(), options);
}

std::string GtpEngine::cmd_final_score(const GtpCommand& command) {
  expect_arguments(command, 0, 0, "final_score");
  return final_status().result.to_string();
}

std::string GtpEngine::cmd_final_status_list(const GtpCommand& command) {
  expect_arguments(command, 1, 1, "final_status_list alive|dead|seki");
  std::string status = lower(command.args[0]);
  StoneStatus wanted;
  if (status == "alive") {
    wanted = StoneStatus::kAlive;
  } else if (status == "dead") {
    wanted = StoneStatus::kDead;
  } else if (status == "seki") {
    wanted = StoneStatus::kSeki;
  } else {
    throw GtpFailure("syntax error: invalid status '" + command.args[0] + "'");
  }
  return vertex_list(game_.size(), final_status().points_with(wanted));
}

void GtpEngine::start_analysis(const GtpCommand& command, GtpOutput& out) {
  // lz-analyze [color] [interval] [interval N] ... (other keywords are accepted and ignored).
  Color color = game_.state().next_player();
  int centiseconds = 0;
  std::size_t next = 0;
  if (next < command.args.size()) {
    std::string first = lower(command.args[next]);
    if (first == "b" || first == "black" || first == "w" || first == "white") {
      color = parse_color(first);
      ++next;
    }
  }
  if (next < command.args.size() && lower(command.args[next]) == "interval") ++next;
  if (next < command.args.size()) {
    centiseconds = parse_int(command.args[next], "the interval");
    if (centiseconds < 0) throw GtpFailure("syntax error: negative interval");
  }
  // Searches are pooled, so smaller ones lose little and keep the stop at the next command
  // quick even when the agent plays with very many rounds.
  MoveBudget pooled;
  const StrengthSettings strength = agent_->strength();
  if (strength.visits && *strength.visits > kAnalysisRounds) pooled.visits = kAnalysisRounds;
  out.write("=" + command.id + "\n");
  analysis_out_ = &out;
  analysis_ = std::make_unique<AnalysisRunner>(
      agent_, pooled, game_.position_for(color, true), std::chrono::milliseconds(10 * centiseconds),
      [&out](const std::string& line) { out.write(line + "\n"); });
}

void GtpEngine::stop_analysis() {
  if (!analysis_) return;
  analysis_->stop();
  analysis_.reset();
  analysis_out_->write("\n");
  analysis_out_ = nullptr;
}

}  // namespace dlgo
