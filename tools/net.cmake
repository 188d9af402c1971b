# Programs that need libtorch (included when net/ is built).
add_executable(dlgo-init dlgo_init.cpp)
target_link_libraries(dlgo-init PRIVATE dlgo_net dlgo_cli dlgo_warnings)

add_executable(dlgo-train dlgo_train.cpp)
target_link_libraries(dlgo-train PRIVATE dlgo_net dlgo_cli dlgo_warnings)

add_executable(dlgo-selfplay dlgo_selfplay.cpp)
target_link_libraries(dlgo-selfplay PRIVATE dlgo_net dlgo_cli dlgo_warnings)

add_executable(dlgo-rl dlgo_rl.cpp)
target_link_libraries(dlgo-rl PRIVATE dlgo_net dlgo_cli dlgo_warnings)

install(TARGETS dlgo-init dlgo-train dlgo-selfplay dlgo-rl RUNTIME DESTINATION bin)

# dlgo-bench gains the network benchmarks.
target_sources(dlgo-bench PRIVATE bench_train.cpp)
target_link_libraries(dlgo-bench PRIVATE dlgo_net)
include(bench_net.cmake)
