# dlgo-gtp and dlgo-eval programs.
add_executable(dlgo-gtp dlgo_gtp.cpp)
target_link_libraries(dlgo-gtp PRIVATE dlgo_engine dlgo_cli dlgo_warnings)

add_executable(dlgo-eval dlgo_eval.cpp eval_common.cpp eval_elo_command.cpp
               eval_match_command.cpp)
target_link_libraries(dlgo-eval PRIVATE dlgo_engine dlgo_cli Threads::Threads dlgo_warnings)

# With net/, agent files become playable (dlgo_net defines DLGO_HAVE_NET for the loader call).
if(DLGO_BUILD_NET)
  target_link_libraries(dlgo-gtp PRIVATE dlgo_net)
  target_link_libraries(dlgo-eval PRIVATE dlgo_net)
  target_sources(dlgo-eval PRIVATE eval_accuracy_command.cpp)
endif()

install(TARGETS dlgo-gtp dlgo-eval RUNTIME DESTINATION bin)
