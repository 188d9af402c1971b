#include "net/training/learning_curve.h"

#include <algorithm>
#include <cstdio>
#include <sstream>
#include <stdexcept>

#include "engine/files/atomic_text_file.h"

namespace dlgo::net {

void write_metrics_csv(const std::string& path, const std::vector<EpochMetrics>& metrics) {
  std::ostringstream out;
  out << "epoch,train_loss,train_accuracy,test_loss,test_top1,test_top5,seconds,"
         "samples_per_second,data_wait_seconds,train_value_loss,test_value_loss\n";
  for (const auto& m : metrics) {
    char line[512];
    std::snprintf(line, sizeof line, "%d,%.6f,%.6f,%.6f,%.6f,%.6f,%.3f,%.1f,%.3f,%.6f,%.6f\n",
                  m.epoch, m.train_loss, m.train_accuracy, m.test_loss, m.test_top1, m.test_top5,
                  m.seconds, m.samples_per_second, m.data_wait_seconds, m.train_value_loss,
                  m.test_value_loss);
    out << line;
  }
  write_text_atomically(path, out.str());
}

namespace {

struct Series {
  const char* name;
  const char* color;
  bool right_axis;  // accuracy (0..1) on the right
  double EpochMetrics::*field;
};

}  // namespace

void write_learning_curve_svg(const std::string& path, const std::vector<EpochMetrics>& metrics,
                              const std::string& title) {
  const double width = 720, height = 420, left = 60, right = 60, top = 40, bottom = 50;
  const double plot_w = width - left - right, plot_h = height - top - bottom;
  const Series series[] = {
      {"train loss", "#c0392b", false, &EpochMetrics::train_loss},
      {"test loss", "#e67e22", false, &EpochMetrics::test_loss},
      {"train accuracy", "#2980b9", true, &EpochMetrics::train_accuracy},
      {"test top-1", "#27ae60", true, &EpochMetrics::test_top1},
      {"test top-5", "#8e44ad", true, &EpochMetrics::test_top5},
  };
  double max_loss = 0.1;
  for (const auto& m : metrics) max_loss = std::max({max_loss, m.train_loss, m.test_loss});
  const int epochs = metrics.empty() ? 1 : std::max(1, metrics.back().epoch);
  auto x_of = [&](double epoch) {
    return left + plot_w * (epochs <= 1 ? 0.5 : (epoch - 1) / (epochs - 1));
  };
  auto y_of = [&](double value, bool right_axis) {
    double scale = right_axis ? 1.0 : max_loss;
    return top + plot_h * (1 - value / scale);
  };
  std::ostringstream svg;
  svg << "<svg xmlns='http://www.w3.org/2000/svg' width='" << width << "' height='" << height
      << "' font-family='sans-serif' font-size='12'>\n"
      << "<rect width='100%' height='100%' fill='white'/>\n"
      << "<text x='" << width / 2 << "' y='22' text-anchor='middle' font-size='15'>" << title
      << "</text>\n"
      << "<rect x='" << left << "' y='" << top << "' width='" << plot_w << "' height='" << plot_h
      << "' fill='none' stroke='#888'/>\n";
  for (int i = 0; i <= 4; ++i) {
    double y = top + plot_h * i / 4;
    char label[64];
    std::snprintf(label, sizeof label, "%.2f", max_loss * (4 - i) / 4);
    svg << "<line x1='" << left << "' x2='" << left + plot_w << "' y1='" << y << "' y2='" << y
        << "' stroke='#eee'/>\n<text x='" << left - 6 << "' y='" << y + 4 << "' text-anchor='end'>"
        << label << "</text>\n";
    std::snprintf(label, sizeof label, "%d%%", 25 * (4 - i));
    svg << "<text x='" << left + plot_w + 6 << "' y='" << y + 4 << "'>" << label << "</text>\n";
  }
  for (int e = 1; e <= epochs; e += std::max(1, epochs / 10)) {
    svg << "<text x='" << x_of(e) << "' y='" << top + plot_h + 18 << "' text-anchor='middle'>" << e
        << "</text>\n";
  }
  svg << "<text x='" << left + plot_w / 2 << "' y='" << height - 12
      << "' text-anchor='middle'>epoch</text>\n"
      << "<text x='14' y='" << top + plot_h / 2 << "' transform='rotate(-90 14 " << top + plot_h / 2
      << ")' text-anchor='middle'>loss</text>\n"
      << "<text x='" << width - 10 << "' y='" << top + plot_h / 2 << "' transform='rotate(90 "
      << width - 10 << " " << top + plot_h / 2 << ")' text-anchor='middle'>accuracy</text>\n";
  int legend = 0;
  for (const Series& s : series) {
    std::ostringstream points;
    for (const auto& m : metrics)
      points << x_of(m.epoch) << "," << y_of(m.*(s.field), s.right_axis) << " ";
    svg << "<polyline fill='none' stroke='" << s.color << "' stroke-width='2' points='"
        << points.str() << "'/>\n";
    for (const auto& m : metrics) {
      svg << "<circle r='3' fill='" << s.color << "' cx='" << x_of(m.epoch) << "' cy='"
          << y_of(m.*(s.field), s.right_axis) << "'/>\n";
    }
    double lx = left + 10 + 130 * legend++;
    svg << "<rect x='" << lx << "' y='" << top + 8 << "' width='12' height='4' fill='" << s.color
        << "'/><text x='" << lx + 16 << "' y='" << top + 13 << "'>" << s.name << "</text>\n";
  }
  svg << "</svg>\n";
  write_text_atomically(path, svg.str());
}

}  // namespace dlgo::net
