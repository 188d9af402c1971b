#include "net/rl/rl_progress_chart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

namespace dlgo::net {

namespace {

constexpr double kWidth = 720, kHeight = 400;
constexpr double kLeft = 60, kRight = 85, kTop = 40, kBottom = 50;

std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", value);
  return text;
}

}  // namespace

std::string rl_progress_svg(const std::vector<RlRoundRecord>& rounds, double gate) {
  const double plot_w = kWidth - kLeft - kRight, plot_h = kHeight - kTop - kBottom;
  const int last = rounds.empty() ? 1 : std::max(1, rounds.back().round);
  double elo_low = 0, elo_high = 100;
  for (const auto& r : rounds) {
    elo_low = std::min(elo_low, r.best_elo);
    elo_high = std::max(elo_high, r.best_elo);
  }
  auto x = [&](double round) {
    return kLeft + plot_w * (last == 1 ? 0.5 : (round - 1) / (last - 1));
  };
  auto y_rate = [&](double rate) { return kTop + plot_h * (1 - rate); };
  auto y_elo = [&](double elo) {
    return kTop + plot_h * (1 - (elo - elo_low) / (elo_high - elo_low));
  };

  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + number(kWidth) +
                    "\" height=\"" + number(kHeight) +
                    "\" font-family=\"sans-serif\" font-size=\"12\">\n";
  svg += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  svg += "<text x=\"" + number(kWidth / 2) +
         "\" y=\"22\" text-anchor=\"middle\" font-size=\"15\">"
         "Reinforcement learning: win rate per round, Elo of the best</text>\n";
  for (double rate : {0.0, 0.25, 0.5, gate, 0.75, 1.0}) {
    const bool is_gate = rate == gate;
    svg += "<line x1=\"" + number(kLeft) + "\" x2=\"" + number(kLeft + plot_w) + "\" y1=\"" +
           number(y_rate(rate)) + "\" y2=\"" + number(y_rate(rate)) + "\" stroke=\"" +
           (is_gate ? "#d08080" : "#dddddd") + (is_gate ? "\" stroke-dasharray=\"4 3" : "") +
           "\"/>\n";
    svg += "<text x=\"" + number(kLeft - 6) + "\" y=\"" + number(y_rate(rate) + 4) +
           "\" text-anchor=\"end\">" + std::to_string(static_cast<int>(std::lround(rate * 100))) +
           "%</text>\n";
  }
  svg += "<text x=\"" + number(kLeft + plot_w + 6) + "\" y=\"" + number(y_elo(elo_high) + 4) +
         "\">" + number(elo_high) + " Elo</text>\n";
  svg += "<text x=\"" + number(kLeft + plot_w + 6) + "\" y=\"" + number(y_elo(elo_low) + 4) +
         "\">" + number(elo_low) + " Elo</text>\n";
  svg += "<text x=\"" + number(kLeft + plot_w / 2) + "\" y=\"" + number(kHeight - 12) +
         "\" text-anchor=\"middle\">round (1.." + std::to_string(last) + ")</text>\n";

  std::string best_line, elo_line, reference_line;
  for (const auto& r : rounds) {
    const std::string cx = number(x(r.round));
    svg += "<line x1=\"" + cx + "\" x2=\"" + cx + "\" y1=\"" + number(y_rate(r.low)) + "\" y2=\"" +
           number(y_rate(r.high)) + "\" stroke=\"#3060c0\" stroke-opacity=\"0.5\"/>\n";
    svg += "<circle cx=\"" + cx + "\" cy=\"" + number(y_rate(r.win_rate)) +
           "\" r=\"4\" stroke=\"#3060c0\" fill=\"" + (r.promoted ? "#3060c0" : "white") +
           "\"><title>round " + std::to_string(r.round) + ": " + number(100 * r.win_rate) +
           "% vs best" + (r.promoted ? ", promoted" : "") + "</title></circle>\n";
    best_line += (best_line.empty() ? "M" : " L") + cx + " " + number(y_rate(r.win_rate));
    elo_line += (elo_line.empty() ? "M" : " L") + cx + " " + number(y_elo(r.best_elo));
    if (r.reference_win_rate >= 0) {
      reference_line +=
          (reference_line.empty() ? "M" : " L") + cx + " " + number(y_rate(r.reference_win_rate));
    }
  }
  if (!best_line.empty())
    svg += "<path d=\"" + best_line + "\" fill=\"none\" stroke=\"#3060c0\"/>\n";
  if (!elo_line.empty())
    svg += "<path d=\"" + elo_line + "\" fill=\"none\" stroke=\"#c07020\" stroke-width=\"2\"/>\n";
  if (!reference_line.empty()) {
    svg += "<path d=\"" + reference_line +
           "\" fill=\"none\" stroke=\"#30a050\" stroke-dasharray=\"5 3\"/>\n";
  }
  svg += "<text x=\"" + number(kLeft + 8) + "\" y=\"" + number(kTop + 14) +
         "\" fill=\"#3060c0\">candidate vs best (filled: promoted; dashed red: the " +
         std::to_string(static_cast<int>(std::lround(gate * 100))) + "% gate)</text>\n";
  svg += "<text x=\"" + number(kLeft + 8) + "\" y=\"" + number(kTop + 30) +
         "\" fill=\"#30a050\">candidate vs reference</text>\n";
  svg += "<text x=\"" + number(kLeft + 8) + "\" y=\"" + number(kTop + 46) +
         "\" fill=\"#c07020\">Elo of the best vs the initial agent (right axis)</text>\n";
  svg += "</svg>\n";
  return svg;
}

}  // namespace dlgo::net
