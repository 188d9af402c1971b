# dlgo-serve program, and the pages it serves installed beside it (share/dlgo/web).
add_executable(dlgo-serve dlgo_serve.cpp)
target_link_libraries(dlgo-serve PRIVATE dlgo_server dlgo_cli dlgo_warnings)
# The source tree's pages, so the program works straight from the build folder; an installed
# copy (found relative to the program) wins when present.
target_compile_definitions(dlgo-serve PRIVATE DLGO_WEB_SOURCE_DIR="${PROJECT_SOURCE_DIR}/web")
install(TARGETS dlgo-serve RUNTIME DESTINATION bin)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/web/ DESTINATION share/dlgo/web)
# With net/, agent files (--predict-agent etc.) become playable.
if(DLGO_BUILD_NET)
  target_link_libraries(dlgo-serve PRIVATE dlgo_net)
endif()
