// What the server answers: maps each request to its endpoint (docs/http-api.md, "Endpoints").
//
//   POST /select-move/<bot>   a move from a bot (run on the worker pool)
//   POST /score/<bot>         dead stones, ownership and score of a game (worker pool)
//   GET  /bots                the registered bots, with their strength levels
//   GET  /healthz             {"status": "ok"}
//   GET  /static/<file>       the play pages (StaticFiles)
//   GET  /                    a page listing the bots, with links
//
// GET routes also answer HEAD; every route answers OPTIONS with its Allow list; a wrong method
// gets 405 with Allow; errors are JSON {"error": "..."}.
//
// Contract: handle() is safe from any thread once constructed; the registry, static files and
// pool must outlive the router. `respond` is called exactly once: at once on the calling
// thread, or later on a worker thread for /select-move and /score.
#pragma once

#include <functional>

#include "server/bot_registry.h"
#include "server/http_response.h"
#include "server/select_move_api.h"
#include "server/static_files.h"
#include "server/worker_pool.h"

namespace dlgo::server {

using Respond = std::function<void(Response)>;

class Router {
 public:
  // `static_files` may be null (no /static/ then: 404).
  Router(const BotRegistry& bots, const StaticFiles* static_files, WorkerPool& workers);

  void handle(const Request& request, Respond respond) const;

 private:
  Response handle_now(const Request& request, std::string_view path) const;
  void select_move(const Request& request, std::string_view bot_name, Respond& respond) const;
  void score(const Request& request, std::string_view bot_name, Respond& respond) const;
  // The bot of a /select-move or /score path and the body's request (400/404 as documented).
  const Bot& request_bot(std::string_view encoded_name, const MoveRequest& request) const;
  // Runs `work` on a worker thread and sends its answer; 503 when the queue is full.
  void run_on_worker(std::function<Response()> work, unsigned version, Respond& respond) const;
  nlohmann::json bots_json() const;

  const BotRegistry& bots_;
  const StaticFiles* static_files_;
  WorkerPool& workers_;
};

}  // namespace dlgo::server
