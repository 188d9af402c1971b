# dlgo-bench subcommands that need libtorch (included when net/ is built).
target_sources(dlgo-bench PRIVATE bench_experience_train.cpp bench_selfplay.cpp bench_zero.cpp)
target_link_libraries(dlgo-bench PRIVATE dlgo_net)
