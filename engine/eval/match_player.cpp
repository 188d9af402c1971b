#include "engine/eval/match_player.h"

#include <atomic>
#include <cstdio>

#include "engine/coords.h"

namespace dlgo {

namespace {

constexpr std::string_view kGtpPrefix = "gtp:";

std::string color_word(Color color) {
  return color == Color::kBlack ? "b" : "w";
}

std::string size_text(BoardSize size) {
  return std::to_string(size.width) + "x" + std::to_string(size.height);
}

// "agents/deep_bot.h5" -> "deep_bot.h5"; "gtp:/usr/games/gnugo --level 1" -> "gnugo".
std::string short_label(const std::string& spec) {
  std::string text = spec;
  if (text.compare(0, kGtpPrefix.size(), kGtpPrefix) == 0) {
    text = text.substr(kGtpPrefix.size());
    try {
      text = split_command_line(text).front();
    } catch (const std::invalid_argument&) {
      return spec;
    }
  }
  std::size_t slash = text.find_last_of('/');
  return slash == std::string::npos ? text : text.substr(slash + 1);
}

}  // namespace

void AgentPlayer::new_game(BoardSize size, double) {
  if (!agent_->supports(size)) {
    throw PlayerError(name_ + " (" + agent_->description() + ") does not play on " +
                      size_text(size));
  }
  // Games played at the same time (workers) get different seeds: sampled openings differ.
  static std::atomic<std::uint64_t> games{0};
  game_ = agent_->new_game_player(0x9E3779B97F4A7C15ull * ++games);
}

Move AgentPlayer::select_move(const GameState& state) {
  if (!game_) game_ = agent_->new_game_player(0);
  return game_->select_move(state).move;
}

GtpPlayer::GtpPlayer(const std::string& command_line, GtpClientOptions options)
    : client_(split_command_line(command_line), options) {
  name_ = ask("name");
  GtpReply version = client_.send("version");
  if (version.success && !version.text.empty()) name_ += " " + version.text;
}

std::string GtpPlayer::ask(const std::string& command) {
  try {
    return client_.ask(command);
  } catch (const GtpEngineError& error) {
    throw PlayerError(error.what());
  }
}

void GtpPlayer::new_game(BoardSize size, double komi) {
  size_ = size;
  if (size.width != size.height) {
    throw PlayerError("GTP engines play on square boards only, not " + size_text(size));
  }
  ask("boardsize " + std::to_string(size.width));
  ask("clear_board");
  char text[64];
  std::snprintf(text, sizeof text, "komi %g", komi);
  ask(text);
}

Move GtpPlayer::select_move(const GameState& state) {
  std::string answer = ask("genmove " + color_word(state.next_player()));
  std::optional<Move> move = gtp_to_move(size_, answer);
  if (!move) {
    throw PlayerError("GTP engine '" + client_.label() + "' answered 'genmove " +
                      color_word(state.next_player()) + "' with '" + answer +
                      "', which is not a vertex on a " + size_text(size_) +
                      " board, pass or resign");
  }
  return *move;
}

void GtpPlayer::opponent_played(Color color, Move move) {
  GtpReply reply;
  std::string command = "play " + color_word(color) + " " + move_to_gtp(size_, move);
  try {
    reply = client_.send(command);
  } catch (const GtpEngineError& error) {
    throw PlayerError(error.what());
  }
  if (!reply.success) {
    throw PlayerError("GTP engine '" + client_.label() + "' refused '" + command +
                      "', a legal move under the referee's rules: " + reply.text);
  }
}

PlayerFactory::PlayerFactory(const std::string& spec, const AgentOptions& options,
                             GtpClientOptions gtp_options)
    : spec_(spec), label_(short_label(spec)), gtp_options_(gtp_options) {
  if (spec.compare(0, kGtpPrefix.size(), kGtpPrefix) == 0) {
    try {
      split_command_line(spec.substr(kGtpPrefix.size()));
    } catch (const std::invalid_argument& error) {
      throw PlayerError("bad GTP engine command in '" + spec + "': " + error.what());
    }
    return;
  }
  try {
    agent_ = make_agent(spec, options);
  } catch (const std::exception& error) {
    throw PlayerError(error.what());
  }
}

std::unique_ptr<MatchPlayer> PlayerFactory::make() const {
  if (agent_) return std::make_unique<AgentPlayer>(agent_, label_);
  try {
    return std::make_unique<GtpPlayer>(spec_.substr(kGtpPrefix.size()), gtp_options_);
  } catch (const GtpEngineError& error) {
    throw PlayerError(error.what());
  }
}

}  // namespace dlgo
