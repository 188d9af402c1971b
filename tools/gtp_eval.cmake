# dlgo-gtp and dlgo-eval programs.
add_executable(dlgo-gtp dlgo_gtp.cpp)
target_link_libraries(dlgo-gtp PRIVATE dlgo_engine dlgo_cli dlgo_warnings)

add_executable(dlgo-eval dlgo_eval.cpp eval_common.cpp eval_elo_command.cpp
               eval_match_command.cpp)
target_link_libraries(dlgo-eval PRIVATE dlgo_engine dlgo_cli Threads::Threads dlgo_warnings)

install(TARGETS dlgo-gtp dlgo-eval RUNTIME DESTINATION bin)
