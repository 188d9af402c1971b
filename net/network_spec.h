// What a network is, independent of libtorch: its name, input and output sizes and the few
// hyper-parameters some architectures take. Agent files store it (as JSON in /model) so a
// network is rebuilt from the file alone.
//
//   small, medium, large, leaky, fullyconnected   the book's stacks (same layers and parameter
//                                                 counts), a linear policy head on top
//   alphago                                       5x5 conv + 10 3x3 convs of `filters` (192),
//                                                 a 1x1 conv policy head with the softmax over
//                                                 the whole board (the original's softmax ran
//                                                 over a single channel)
//   resnet                                        residual tower (`blocks` x `filters`, batch
//                                                 norm), convolutional policy and value heads
//                                                 each ending in dense layers over the board
//   pvresnet                                      the same tower; a fully convolutional policy
//                                                 head (pass logit from pooled features) and a
//                                                 value head on board-averaged features
//
// Every network can carry a value head (tanh output in -1..1) for actor-critic, value and zero
// agents; the book's stacks then get a 256-unit hidden layer before it.
//
// Contract: plain value type; safe from any thread. Invalid specs throw std::invalid_argument
// naming the field.
#pragma once

#include <string>
#include <vector>

namespace dlgo::net {

struct NetworkSpec {
  std::string network = "small";
  int input_channels = 7;
  int board_height = 19;
  int board_width = 19;
  int policy_outputs = 361;  // board points, plus one when the encoder labels passes
  bool value_head = false;
  int blocks = 6;        // resnet only
  int filters = 64;      // resnet; alphago uses 192 unless set
  int action_input = 0;  // q networks: size of the one-hot action input (0: none)

  std::string to_json() const;
  static NetworkSpec from_json(const std::string& text);  // throws std::invalid_argument
  void validate() const;                                  // throws std::invalid_argument
  friend bool operator==(const NetworkSpec& a, const NetworkSpec& b);
};

std::vector<std::string> network_names();

}  // namespace dlgo::net
