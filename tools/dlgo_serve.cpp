// dlgo-serve: the HTTP play server. Registers the bots (random and mcts always, network
// agents from their files), then serves the move-selection API and the play pages until
// SIGINT/SIGTERM, finishing the requests in flight before it exits.
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "engine/agents/agent_factory.h"
#include "server/bot_registry.h"
#include "server/http_server.h"
#include "server/router.h"
#include "server/static_files.h"
#include "server/worker_pool.h"
#include "tools/cli_common.h"
#ifdef DLGO_HAVE_NET
#include "net/agent_files.h"
#endif

namespace fs = std::filesystem;

namespace {

// The pages: installed beside the program (<prefix>/share/dlgo/web), else the source tree's
// web/ folder, whose path the build compiles in.
fs::path default_static_dir() {
  std::error_code error;
  fs::path program = fs::read_symlink("/proc/self/exe", error);
  if (!error) {
    fs::path installed = program.parent_path().parent_path() / "share" / "dlgo" / "web";
    if (fs::is_directory(installed, error)) return installed;
  }
#ifdef DLGO_WEB_SOURCE_DIR
  return DLGO_WEB_SOURCE_DIR;
#else
  return "web";
#endif
}

std::string url_host(const std::string& bind_address) {
  if (bind_address == "0.0.0.0") return "127.0.0.1";
  if (bind_address == "::") return "[::1]";
  if (bind_address.find(':') != std::string::npos) return "[" + bind_address + "]";
  return bind_address;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"dlgo-serve: serve Go bots over HTTP, with pages to play them in a browser",
               "dlgo-serve"};
  dlgo::server::ServerOptions server_options;
  std::map<std::string, std::string> named_files;  // bot name -> agent file
  std::vector<std::string> extra_agents;
  dlgo::AgentOptions agent_options;
  std::string static_dir;
  int worker_threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  int queue_size = 64;
  double read_timeout_s = 30;
  std::uint64_t seed = 0;

  app.add_option("--bind-address", server_options.bind_address,
                 "Address to listen on (0.0.0.0: every interface)")
      ->capture_default_str();
  app.add_option("--port", server_options.port, "Port to listen on (0: any free port)")
      ->capture_default_str();
  for (const char* kind : {"predict", "pg", "q", "ac", "zero"}) {
    app.add_option(std::string("--") + kind + "-agent", named_files[kind],
                   std::string("Agent file to serve as bot '") + kind + "'");
  }
  app.add_option("--agent", extra_agents,
                 "Another bot as NAME=FILE (or NAME=random / NAME=mcts); repeatable");
  app.add_option("--mcts-rounds", agent_options.mcts_rounds,
                 "Rollouts per move of bot 'mcts': its default and top strength level, and the "
                 "most a request may ask for")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--seconds-per-move", agent_options.seconds_per_move,
                 "Search bots over a network (zero agent files): think this long per move "
                 "instead of a fixed number of rounds (0: the agent's rounds; 2 suits a 1-vCPU "
                 "box); the default and top strength level, and the most a request may ask for")
      ->check(CLI::Range(0.0, 60.0));
  app.add_option("--search-threads", agent_options.search_threads,
                 "Search bots over a network: threads of one move's search, whose leaves the "
                 "network evaluates together (more than one pays even on one core)")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  app.add_option("--static-dir", static_dir,
                 "Folder served under /static (default: the installed or source web/)");
  app.add_option("--threads", worker_threads,
                 "Worker threads that choose moves (default: one per CPU)")
      ->check(CLI::Range(1, 256));
  app.add_option("--io-threads", server_options.io_threads, "Threads for network I/O")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  app.add_option("--queue-size", queue_size,
                 "Move requests that may wait for a worker; more get 503")
      ->check(CLI::Range(0, 100000))
      ->capture_default_str();
  app.add_option("--max-connections", server_options.max_connections,
                 "Open connections at most; at the cap a new one closes the one idle longest "
                 "(lowered to what the open-file limit allows)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{100000}))
      ->capture_default_str();
  app.add_option("--max-body", server_options.limits.max_body,
                 "Largest request body in bytes; larger get 413")
      ->check(CLI::Range(std::size_t{64}, std::size_t{64} << 20))
      ->capture_default_str();
  app.add_option("--read-timeout", read_timeout_s,
                 "Seconds a connection may take to send a request (and may idle between them)")
      ->check(CLI::Range(0.05, 3600.0))
      ->capture_default_str();
  app.add_option("--seed", seed, "Seed for the bots' random choices (0: from the clock)");
  dlgo::cli::parse_or_exit(app, argc, argv);

  server_options.limits.read_timeout =
      std::chrono::milliseconds(static_cast<long long>(read_timeout_s * 1000));
  agent_options.seed =
      seed != 0
          ? seed
          : static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());

  // Network agents: agent files load once net/ has installed its loader.
#ifdef DLGO_HAVE_NET
  dlgo::net::install_agent_file_loader();
#endif

  dlgo::server::BotRegistry bots;
  std::vector<std::pair<std::string, std::string>> to_load;  // name, spec
  to_load.emplace_back("random", "random");
  to_load.emplace_back("mcts", "mcts");
  for (const char* kind : {"predict", "pg", "q", "ac", "zero"}) {
    if (!named_files[kind].empty()) to_load.emplace_back(kind, named_files[kind]);
  }
  for (const std::string& entry : extra_agents) {
    size_t equals = entry.find('=');
    if (equals == std::string::npos || equals == 0 || equals + 1 == entry.size()) {
      std::cerr << "dlgo-serve: --agent '" << entry << "' must be NAME=FILE\n";
      return dlgo::cli::kExitUsageError;
    }
    to_load.emplace_back(entry.substr(0, equals), entry.substr(equals + 1));
  }
  const std::vector<std::string> builtins = dlgo::builtin_agent_names();
  for (const auto& [name, spec] : to_load) {
    try {
      std::shared_ptr<const dlgo::Agent> agent = dlgo::make_agent(spec, agent_options);
      bool builtin = std::find(builtins.begin(), builtins.end(), spec) != builtins.end();
      std::optional<std::string> encoder;
      if (!agent->encoder_name().empty()) encoder = agent->encoder_name();
      dlgo::server::Bot bot{name, agent, builtin ? "" : spec, encoder};
      bots.add(std::move(bot));
      std::cout << "dlgo-serve: bot '" << name << "': " << agent->description() << "\n";
    } catch (const std::exception& error) {
      return dlgo::cli::report_user_error(app, "bot '" + name + "': " + error.what());
    }
  }

  std::unique_ptr<dlgo::server::StaticFiles> static_files;
  try {
    static_files = std::make_unique<dlgo::server::StaticFiles>(
        static_dir.empty() ? default_static_dir() : fs::path(static_dir));
  } catch (const std::exception& error) {
    return dlgo::cli::report_user_error(app, std::string(error.what()) + " (see --static-dir)");
  }

  dlgo::server::WorkerPool workers(worker_threads, queue_size);
  dlgo::server::Router router(bots, static_files.get(), workers);
  dlgo::server::HttpServer server(server_options, router);
  try {
    server.listen();
  } catch (const std::exception& error) {
    return dlgo::cli::report_user_error(app, error.what());
  }
  server.stop_on_signals();
  if (server.max_connections() < server_options.max_connections) {
    std::cout << "dlgo-serve: the open-file limit (ulimit -n) leaves room for "
              << server.max_connections() << " connections, not --max-connections "
              << server_options.max_connections << "\n";
  }

  std::string base =
      "http://" + url_host(server_options.bind_address) + ":" + std::to_string(server.port());
  std::cout << "dlgo-serve: static files from " << static_files->root().string() << "\n"
            << "dlgo-serve: " << workers.threads() << " worker thread(s), "
            << server_options.io_threads << " I/O thread(s), at most " << server.max_connections()
            << " connections\n"
            << "dlgo-serve: listening on " << base << "/\n";
  if (server_options.bind_address == "0.0.0.0" || server_options.bind_address == "::") {
    std::cout << "dlgo-serve: (every interface: from elsewhere, use this machine's address)\n";
  }
  for (const dlgo::server::Bot& bot : bots.bots()) {
    std::cout << "  play " << bot.name << ": " << base << dlgo::server::play_url(bot) << "\n";
  }
  std::cout << "dlgo-serve: Ctrl-C stops the server" << std::endl;

  server.run();
  workers.shutdown();
  std::cout << "dlgo-serve: stopped" << std::endl;
  return dlgo::cli::kExitOk;
}
