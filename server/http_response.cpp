#include "server/http_response.h"

#include <chrono>
#include <cstdio>
#include <cstring>

namespace dlgo::server {

Response make_response(http::status status, std::string body, std::string_view content_type,
                       unsigned http_version) {
  Response response{status, http_version};
  response.set(http::field::server, kServerName);
  response.set(http::field::date, current_http_date());
  response.set(http::field::content_type, content_type);
  // Browsers must take the declared type (a JSON error is never run as a script).
  response.set("X-Content-Type-Options", "nosniff");
  response.body() = std::move(body);
  response.prepare_payload();
  return response;
}

Response make_json_response(http::status status, const nlohmann::json& value,
                            unsigned http_version) {
  Response response = make_response(status, value.dump(), "application/json", http_version);
  response.set(http::field::cache_control, "no-store");
  return response;
}

Response make_error_response(http::status status, std::string_view message, unsigned http_version) {
  // dump() would throw on invalid UTF-8 (e.g. a bot name decoded from a bad URL): replace it.
  nlohmann::json body = {{"error", std::string(message)}};
  Response response =
      make_response(status, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                    "application/json", http_version);
  response.set(http::field::cache_control, "no-store");
  return response;
}

namespace {

constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

}  // namespace

std::string format_http_date(std::time_t time) {
  std::tm utc{};
  gmtime_r(&time, &utc);
  char text[40];
  std::snprintf(text, sizeof text, "%s, %02d %s %04d %02d:%02d:%02d GMT", kDays[utc.tm_wday],
                utc.tm_mday, kMonths[utc.tm_mon], utc.tm_year + 1900, utc.tm_hour, utc.tm_min,
                utc.tm_sec);
  return text;
}

std::optional<std::time_t> parse_http_date(std::string_view text) {
  // "Sun, 06 Nov 1994 08:49:37 GMT": fixed width, 29 characters.
  if (text.size() != 29 || text.substr(3, 2) != ", " || text.substr(25) != " GMT") {
    return std::nullopt;
  }
  std::string copy(text);
  int day = 0, year = 0, hour = 0, minute = 0, second = 0;
  char month_name[4] = {};
  if (std::sscanf(copy.c_str() + 5, "%2d %3s %4d %2d:%2d:%2d", &day, month_name, &year, &hour,
                  &minute, &second) != 6) {
    return std::nullopt;
  }
  int month = -1;
  for (int m = 0; m < 12; ++m) {
    if (std::strcmp(month_name, kMonths[m]) == 0) month = m;
  }
  if (month < 0 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
    return std::nullopt;
  }
  std::tm utc{};
  utc.tm_mday = day;
  utc.tm_mon = month;
  utc.tm_year = year - 1900;
  utc.tm_hour = hour;
  utc.tm_min = minute;
  utc.tm_sec = second;
  return timegm(&utc);
}

const std::string& current_http_date() {
  thread_local std::time_t formatted_second = -1;
  thread_local std::string formatted;
  std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  if (now != formatted_second) {
    formatted = format_http_date(now);
    formatted_second = now;
  }
  return formatted;
}

}  // namespace dlgo::server
