# `cpack -G DEB` in a build folder makes dlgo_VERSION_ARCH.deb: every program, the play pages,
# the bundled agents and the systemd unit, laid out as docs/deploy.md installs them by hand
# (/opt/dlgo, the unit in /lib/systemd/system). Its dependencies come from dpkg-shlibdeps, so
# they name the libraries the programs were linked with on the building machine: build the
# package on the release the serving box runs (tools/deploy/package).

# The bundled agents, which the unit serves (they need net/ to play).
if(DLGO_BUILD_NET)
  install(FILES ${PROJECT_SOURCE_DIR}/agents/predict_19.h5 ${PROJECT_SOURCE_DIR}/agents/pg_99.h5
                ${PROJECT_SOURCE_DIR}/agents/zero_19.h5
          DESTINATION agents)
endif()
# The unit goes outside the prefix, so only into the package: `cmake --install` leaves it out.
if(DLGO_BUILD_SERVER)
  install(FILES ${PROJECT_SOURCE_DIR}/tools/deploy/dlgo-serve.service
          DESTINATION /lib/systemd/system COMPONENT package EXCLUDE_FROM_ALL)
endif()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME dlgo)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "dlgo maintainers <dlgo@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Go (baduk) bots: rules engine, training, and a play server")
set(CPACK_PACKAGING_INSTALL_PREFIX /opt/dlgo)
# One package holding both the default component and the unit's.
set(CPACK_COMPONENTS_ALL Unspecified package)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_GROUPING ALL_COMPONENTS_IN_ONE)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION games)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# useradd comes from passwd, which every Debian system has. OpenBLAS: with the reference BLAS
# that libtorch pulls in by default, its dense layers run about 3x slower (training.md).
set(CPACK_DEBIAN_PACKAGE_DEPENDS "passwd")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libopenblas0-pthread")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${PROJECT_SOURCE_DIR}/tools/deploy/debian/postinst
    ${PROJECT_SOURCE_DIR}/tools/deploy/debian/prerm
    ${PROJECT_SOURCE_DIR}/tools/deploy/debian/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
