// encode() must not touch the heap once warmed up: datasets and self-play call it millions of
// times. Counts allocations through a replaced global operator new.
#include "tests/catch.h"

#include <atomic>
#include <cstdlib>
#include <new>

#include "engine/encoders/registry.h"
#include "engine/playout.h"

namespace {
std::atomic<long> allocations{0};
}  // namespace

void* operator new(std::size_t size) {
  ++allocations;
  if (void* memory = std::malloc(size ? size : 1)) return memory;
  throw std::bad_alloc();
}
void operator delete(void* memory) noexcept {
  std::free(memory);
}
void operator delete(void* memory, std::size_t) noexcept {
  std::free(memory);
}

using namespace dlgo;

TEST_CASE("encoding allocates no heap memory after the first call") {
  for (const std::string& name : encoder_names()) {
    INFO(name);
    auto encoder = make_encoder(name, 19);
    std::vector<std::uint8_t> planes(encoder->encoded_size());
    Rng rng(5);
    GameState state = GameState::new_game(19);
    for (int i = 0; i < 150; ++i) state.play(select_random_move(state, rng));
    encoder->encode(state, planes.data());  // warm-up: per-thread scratch may be made here
    long total = 0;
    for (int i = 0; i < 100 && !state.is_over(); ++i) {
      const long before = allocations.load();
      encoder->encode(state, planes.data());
      total += allocations.load() - before;
      state.play(select_random_move(state, rng));
    }
    CHECK(total == 0);
  }
}
