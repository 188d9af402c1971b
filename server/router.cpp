#include "server/router.h"

#include <memory>

#include "engine/dead_stones/final_status.h"
#include "server/index_page.h"
#include "server/score_api.h"
#include "server/select_move_api.h"
#include "server/strength_levels.h"

namespace dlgo::server {

namespace {

using nlohmann::json;

constexpr std::string_view kSelectMovePrefix = "/select-move/";
constexpr std::string_view kScorePrefix = "/score/";
constexpr std::string_view kStaticPrefix = "/static/";
constexpr std::string_view kGetMethods = "GET, HEAD, OPTIONS";
constexpr std::string_view kPostMethods = "POST, OPTIONS";

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// 405 or, for OPTIONS, 204; both name the methods the route takes.
Response method_response(const Request& request, std::string_view allowed) {
  Response response;
  if (request.method() == http::verb::options) {
    response = make_response(http::status::no_content, "", "text/plain", request.version());
  } else {
    response =
        make_error_response(http::status::method_not_allowed,
                            std::string(request.method_string()) + " is not allowed here; use " +
                                std::string(allowed.substr(0, allowed.rfind(", OPTIONS"))),
                            request.version());
  }
  response.set(http::field::allow, allowed);
  return response;
}

bool is_get_or_head(const Request& request) {
  return request.method() == http::verb::get || request.method() == http::verb::head;
}

}  // namespace

Router::Router(const BotRegistry& bots, const StaticFiles* static_files, WorkerPool& workers)
    : bots_(bots), static_files_(static_files), workers_(workers) {}

void Router::handle(const Request& request, Respond respond) const {
  std::string_view target = request.target();
  std::string_view path = target.substr(0, target.find('?'));
  try {
    if (starts_with(path, kSelectMovePrefix)) {
      if (request.method() != http::verb::post) {
        respond(method_response(request, kPostMethods));
        return;
      }
      select_move(request, path.substr(kSelectMovePrefix.size()), respond);
      return;
    }
    if (starts_with(path, kScorePrefix)) {
      if (request.method() != http::verb::post) {
        respond(method_response(request, kPostMethods));
        return;
      }
      score(request, path.substr(kScorePrefix.size()), respond);
      return;
    }
    respond(handle_now(request, path));
  } catch (const HttpError& error) {
    respond(make_error_response(error.status(), error.message(), request.version()));
  } catch (const std::exception& error) {
    respond(make_error_response(http::status::internal_server_error,
                                std::string("internal error: ") + error.what(), request.version()));
  }
}

Response Router::handle_now(const Request& request, std::string_view path) const {
  bool is_static = starts_with(path, kStaticPrefix);
  bool known = is_static || path == "/" || path == "/healthz" || path == "/bots";
  if (!known) {
    throw HttpError(http::status::not_found,
                    "no such page: " + percent_decode_path(path) +
                        " (try /, /bots, /healthz, /static/<file>, POST /select-move/<bot> or "
                        "POST /score/<bot>)");
  }
  if (!is_get_or_head(request)) return method_response(request, kGetMethods);

  if (is_static) {
    if (!static_files_) throw HttpError(http::status::not_found, "this server has no static files");
    return static_files_->serve(path.substr(kStaticPrefix.size()), request);
  }
  if (path == "/healthz") {
    return make_json_response(http::status::ok, {{"status", "ok"}}, request.version());
  }
  if (path == "/bots") return make_json_response(http::status::ok, bots_json(), request.version());
  Response page = make_response(http::status::ok, index_page_html(bots_),
                                "text/html; charset=utf-8", request.version());
  page.set(http::field::cache_control, "no-cache");
  return page;
}

const Bot& Router::request_bot(std::string_view encoded_name, const MoveRequest& request) const {
  std::string name = percent_decode_path(encoded_name);
  const Bot* bot = bots_.find(name);
  if (!bot) {
    throw HttpError(http::status::not_found,
                    "unknown bot '" + name + "'; this server has: " + bots_.names());
  }
  BoardSize size = request.state.size();
  if (!bot->agent->supports(size)) {
    std::string sizes;
    if (auto supported = supported_board_sizes(*bot->agent)) {
      for (int side : *supported) sizes += (sizes.empty() ? "" : ", ") + std::to_string(side);
    }
    throw HttpError(http::status::bad_request,
                    "bot '" + name + "' cannot play on a " + std::to_string(size.width) + "x" +
                        std::to_string(size.height) + " board" +
                        (sizes.empty() ? "" : " (board sizes it plays: " + sizes + ")"));
  }
  return *bot;
}

void Router::run_on_worker(std::function<Response()> work, unsigned version,
                           Respond& respond) const {
  auto shared_respond = std::make_shared<Respond>(std::move(respond));
  bool admitted =
      workers_.try_submit([work = std::move(work), shared_respond] { (*shared_respond)(work()); });
  if (!admitted) {
    Response busy =
        make_error_response(http::status::service_unavailable,
                            "the server is busy: " + std::to_string(workers_.capacity()) +
                                " requests are being answered or waiting; try again shortly",
                            version);
    busy.set(http::field::retry_after, "1");
    (*shared_respond)(std::move(busy));
  }
}

void Router::select_move(const Request& request, std::string_view encoded_name,
                         Respond& respond) const {
  auto move_request = std::make_shared<MoveRequest>(parse_move_request(request.body()));
  const Bot* bot = &request_bot(encoded_name, *move_request);
  ResolvedStrength strength = resolve_strength(bot->agent->strength(), *move_request, bot->name);
  unsigned version = request.version();
  run_on_worker(
      [bot, &players = bots_.game_players(*bot), move_request, strength, version] {
        try {
          // The player of this game's previous move where the cache has it (a search keeps
          // its tree), taken out so no other request plays with it meanwhile.
          CachedGame game{move_request->setup, move_request->state.moves()};
          std::unique_ptr<GamePlayer> player = players.take(game);
          MoveDecision decision = player->select_move(move_request->state, strength.budget);
          if (!decision.move.is_resign()) {
            game.moves.push_back(decision.move);
            players.put_back(std::move(game), std::move(player));
          }
          json answer = move_response_json(decision, move_request->state.size());
          if (!strength.limits.is_null()) answer["limits"] = strength.limits;
          return make_json_response(http::status::ok, answer, version);
        } catch (const std::exception& error) {
          return make_error_response(http::status::internal_server_error,
                                     "bot '" + bot->name + "' failed: " + error.what(), version);
        }
      },
      version, respond);
}

void Router::score(const Request& request, std::string_view encoded_name, Respond& respond) const {
  auto move_request =
      std::make_shared<MoveRequest>(parse_move_request(request.body(), FinishedGame::kAllowed));
  const Bot* bot = &request_bot(encoded_name, *move_request);
  // The level is checked like /select-move's, though the estimate does not depend on it.
  resolve_strength(bot->agent->strength(), *move_request, bot->name);
  unsigned version = request.version();
  run_on_worker(
      [bot, move_request, version] {
        try {
          const GameState& state = move_request->state;
          FinalStatus status = estimate_final_status(state);
          std::optional<double> value = bot->agent->position_value(state);
          return make_json_response(http::status::ok, score_response_json(state, status, value),
                                    version);
        } catch (const std::exception& error) {
          return make_error_response(http::status::internal_server_error,
                                     "scoring with bot '" + bot->name + "' failed: " + error.what(),
                                     version);
        }
      },
      version, respond);
}

json Router::bots_json() const {
  json list = json::array();
  for (const Bot& bot : bots_.bots()) {
    json entry = {{"name", bot.name},
                  {"kind", std::string(agent_kind_name(bot.agent->kind()))},
                  {"description", bot.agent->description()},
                  {"page", play_url(bot)}};
    std::optional<std::vector<int>> sizes = supported_board_sizes(*bot.agent);
    // One size (a network's board) as a number; null for a bot that plays any size.
    if (!sizes) {
      entry["board_size"] = nullptr;
    } else if (sizes->size() == 1) {
      entry["board_size"] = sizes->front();
    } else {
      entry["board_size"] = *sizes;
    }
    entry["encoder"] = bot.encoder ? json(*bot.encoder) : json(nullptr);
    StrengthSettings strength = bot.agent->strength();
    json levels = json::array();
    for (const StrengthLevel& level : strength_levels(strength)) {
      levels.push_back(
          {{"level", level.level}, {"name", level.name}, {"description", level.description}});
    }
    entry["default_level"] = levels.empty() ? json(nullptr) : json(default_level(strength));
    entry["levels"] = std::move(levels);
    entry["source"] = bot.source.empty() ? json(nullptr) : json(bot.source);
    list.push_back(std::move(entry));
  }
  return {{"bots", std::move(list)}};
}

}  // namespace dlgo::server
