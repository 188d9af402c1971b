#include "server/index_page.h"

namespace dlgo::server {

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

namespace {

std::string sizes_text(const Agent& agent) {
  std::optional<std::vector<int>> sizes = supported_board_sizes(agent);
  if (!sizes) return "any";
  std::string text;
  for (int side : *sizes) {
    if (!text.empty()) text += ", ";
    text += std::to_string(side) + "&times;" + std::to_string(side);
  }
  return text.empty() ? "none" : text;
}

}  // namespace

std::string index_page_html(const BotRegistry& bots) {
  std::string html = R"(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>dlgo: play Go against a bot</title>
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/go.css">
</head>
<body class="index">
<main>
<h1>dlgo bots</h1>
<p>Pick a bot and play it in your browser.</p>
<ul class="bot-list">
)";
  for (const Bot& bot : bots.bots()) {
    std::string url = play_url(bot);
    html += "<li><a class=\"play-button\" href=\"" + escape_html(url) + "\">Play</a>" +
            "<a class=\"bot-link\" href=\"" + escape_html(url) + "\">" + escape_html(bot.name) +
            "</a> <span class=\"bot-kind\">" + escape_html(agent_kind_name(bot.agent->kind())) +
            "</span><div class=\"bot-detail\">" + escape_html(bot.agent->description()) +
            " &middot; boards: " + sizes_text(*bot.agent);
    if (!bot.source.empty()) html += " &middot; file: " + escape_html(bot.source);
    html += "</div></li>\n";
  }
  html += R"(</ul>
<p class="api-note">API: <a href="/bots">/bots</a> &middot; <a href="/healthz">/healthz</a>
&middot; <code>POST /select-move/&lt;bot&gt;</code></p>
</main>
</body>
</html>
)";
  return html;
}

}  // namespace dlgo::server
