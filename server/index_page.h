// The HTML page at "/": the bots this server offers and links to play them.
//
// Contract: pure function; safe from any thread.
#pragma once

#include <string>
#include <string_view>

#include "server/bot_registry.h"

namespace dlgo::server {

std::string index_page_html(const BotRegistry& bots);

// Escapes &, <, >, " and ' for HTML text and attribute values.
std::string escape_html(std::string_view text);

}  // namespace dlgo::server
