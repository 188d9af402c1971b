// The encoder registry, board-size checks and the label space of every encoder.
#include "tests/catch.h"

#include <stdexcept>
#include <string>

#include "engine/encoders/registry.h"

using namespace dlgo;

TEST_CASE("every registered encoder is made by its name with its plane count") {
  const std::vector<std::pair<std::string, int>> expected = {
      {"alphago", 48}, {"alphago-value", 49}, {"betago", 7},  {"history", 22},
      {"oneplane", 2}, {"sevenplane", 7},     {"simple", 11}, {"zero", 11}};
  std::vector<std::string> names;
  for (const auto& [name, planes] : expected) names.push_back(name);
  CHECK(encoder_names() == names);
  for (const auto& [name, planes] : expected) {
    auto encoder = make_encoder(name, BoardSize{9, 7});
    CHECK(std::string(encoder->name()) == name);
    CHECK(encoder->num_planes() == planes);
    CHECK(encoder->width() == 9);
    CHECK(encoder->height() == 7);
    CHECK(encoder->encoded_size() == static_cast<std::size_t>(planes * 63));
    CHECK(encoder->encode(GameState(BoardSize{9, 7})).size() == encoder->encoded_size());
  }
}

TEST_CASE("an unknown encoder name is an error that lists the known names") {
  try {
    make_encoder("fourplane", 19);
    FAIL("no exception");
  } catch (const std::invalid_argument& error) {
    const std::string message = error.what();
    CHECK(message.find("unknown encoder 'fourplane'") != std::string::npos);
    CHECK(message.find("sevenplane") != std::string::npos);
    CHECK(message.find("alphago") != std::string::npos);
  }
  CHECK_THROWS_AS(make_encoder("", 19), std::invalid_argument);
  CHECK_THROWS_AS(make_encoder("SevenPlane", 19), std::invalid_argument);
}

TEST_CASE("board sizes outside 2..25 are rejected") {
  CHECK_THROWS_WITH(make_encoder("simple", 1), Catch::Contains("1x1"));
  CHECK_THROWS_AS(make_encoder("simple", 26), std::invalid_argument);
  CHECK_THROWS_AS(make_encoder("zero", BoardSize{19, 0}), std::invalid_argument);
  CHECK_NOTHROW(make_encoder("alphago", 2));
  CHECK_NOTHROW(make_encoder("alphago", 25));
}

TEST_CASE("encoding a position of another board size names both sizes") {
  auto encoder = make_encoder("sevenplane", 9);
  GameState state = GameState::new_game(19);
  CHECK_THROWS_WITH(encoder->encode(state), Catch::Contains("9x9") && Catch::Contains("19x19"));
}

TEST_CASE("labels are point indices, only zero and history have a pass label") {
  for (const std::string& name : encoder_names()) {
    INFO(name);
    auto encoder = make_encoder(name, BoardSize{5, 4});
    const bool pass = name == "zero" || name == "history";
    CHECK(encoder->predicts_pass() == pass);
    CHECK(encoder->num_points() == 20);
    CHECK(encoder->num_moves() == (pass ? 21 : 20));
    for (int point = 0; point < encoder->num_moves(); ++point) {
      CHECK(encoder->decode_point(encoder->encode_point(point)) == point);
      CHECK(encoder->encode_move(encoder->decode_move(point)) == point);
    }
    // Point (row 2, col 3) is D3: row-major from the bottom line.
    CHECK(encoder->encode_move(Move::play(point_of(encoder->board_size(), 2, 3))) == 13);
    CHECK(encoder->decode_move(13) == Move::play(13));
    CHECK_THROWS_AS(encoder->encode_point(-1), std::invalid_argument);
    CHECK_THROWS_AS(encoder->decode_point(encoder->num_moves()), std::invalid_argument);
    CHECK_THROWS_AS(encoder->encode_move(Move::play(20)), std::invalid_argument);
    CHECK_THROWS_WITH(encoder->encode_move(Move::resign()), Catch::Contains("resignation"));
    if (pass) {
      CHECK(encoder->encode_move(Move::pass()) == 20);
      CHECK(encoder->decode_move(20) == Move::pass());
    } else {
      CHECK_THROWS_WITH(encoder->encode_move(Move::pass()), Catch::Contains("pass"));
    }
  }
}

TEST_CASE("every stored byte is 0 or 1 and the buffer is fully overwritten") {
  GameState state = GameState::new_game(5);
  state.play(Move::play(12));
  state.play(Move::play(13));
  for (const std::string& name : encoder_names()) {
    INFO(name);
    auto encoder = make_encoder(name, 5);
    std::vector<std::uint8_t> planes(encoder->encoded_size(), 0xAB);
    encoder->encode(state, planes.data());
    for (std::uint8_t byte : planes) REQUIRE(byte <= 1);
  }
}

TEST_CASE("planes_to_input is the identity cast for binary-input encoders") {
  auto encoder = make_encoder("simple", 3);
  GameState state = GameState::new_game(3);
  state.play(Move::play(4));
  auto planes = encoder->encode(state);
  std::vector<float> input(encoder->num_input_channels() * 9);
  encoder->planes_to_input(planes.data(), input.data());
  for (std::size_t i = 0; i < planes.size(); ++i) CHECK(input[i] == planes[i]);
}
