#include "server/bot_registry.h"

#include <stdexcept>

namespace dlgo::server {

bool is_valid_bot_name(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

void BotRegistry::add(Bot bot) {
  if (!is_valid_bot_name(bot.name)) {
    throw std::invalid_argument("bot name '" + bot.name +
                                "' must be 1 to 64 letters, digits, '_' or '-'");
  }
  if (find(bot.name)) throw std::invalid_argument("bot '" + bot.name + "' is registered twice");
  if (!bot.agent) throw std::invalid_argument("bot '" + bot.name + "' has no agent");
  game_players_[bot.name] = std::make_unique<GamePlayerCache>(*bot.agent);
  bots_.push_back(std::move(bot));
}

const Bot* BotRegistry::find(std::string_view name) const {
  for (const Bot& bot : bots_) {
    if (bot.name == name) return &bot;
  }
  return nullptr;
}

GamePlayerCache& BotRegistry::game_players(const Bot& bot) const {
  return *game_players_.at(bot.name);
}

std::string BotRegistry::names() const {
  std::string text;
  for (const Bot& bot : bots_) {
    if (!text.empty()) text += ", ";
    text += bot.name;
  }
  return text;
}

std::optional<std::vector<int>> supported_board_sizes(const Agent& agent) {
  std::vector<int> sizes;
  for (int side = kMinBoardSide; side <= kMaxBoardSide; ++side) {
    if (agent.supports(BoardSize{side, side})) sizes.push_back(side);
  }
  if (sizes.size() == static_cast<size_t>(kMaxBoardSide - kMinBoardSide + 1)) return std::nullopt;
  return sizes;
}

std::optional<BotPage> standard_page(std::string_view bot_name) {
  if (bot_name == "predict") return BotPage{"play_predict_19.html", 19};
  if (bot_name == "pg") return BotPage{"play_pg_99.html", 9};
  if (bot_name == "q") return BotPage{"play_q_99.html", 9};
  if (bot_name == "mcts") return BotPage{"play_mcts_55.html", 5};
  if (bot_name == "random") return BotPage{"play_random_99.html", 9};
  return std::nullopt;
}

std::string play_url(const Bot& bot) {
  // The book's 19x19 page plays the strongest 19x19 bot the server has (its data-bot lists
  // "zero predict"), so the raw policy's link names it.
  if (bot.name == "predict") return "/static/play_predict_19.html?bot=predict";
  if (auto page = standard_page(bot.name)) return "/static/" + page->file;
  int size = 9;
  if (auto sizes = supported_board_sizes(*bot.agent)) {
    if (!sizes->empty()) size = sizes->back();
  }
  if (bot.name == "zero" && size == 19) return "/static/play_predict_19.html";
  // The pages read ?bot= and ?size=; the 9x9 random page is the plain one to borrow.
  return "/static/play_random_99.html?bot=" + bot.name + "&size=" + std::to_string(size);
}

}  // namespace dlgo::server
