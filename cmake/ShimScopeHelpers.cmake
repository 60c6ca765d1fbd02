# SPDX-License-Identifier: GPL-3.0-or-later
# Shared compile settings and the test registration helper.

# Applies the project's warnings and Qt string-safety defines to one target.
function(shimscope_configure_target target)
    target_compile_definitions(${target} PRIVATE
        QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII QT_USE_QSTRINGBUILDER QT_NO_FOREACH
        QT_NO_URL_CAST_FROM_STRING QT_NO_CAST_FROM_BYTEARRAY
        SHIMSCOPE_VERSION="${PROJECT_VERSION}")
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
    if(SHIMSCOPE_WARNINGS_AS_ERRORS)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
endfunction()

# shimscope_add_test(NAME tst_foo SOURCES tst_foo.cpp LIBS shimscope_core [GUI])
# One QObject test class per executable; GUI tests run with the offscreen platform.
function(shimscope_add_test)
    cmake_parse_arguments(ARG "GUI" "NAME;TIMEOUT" "SOURCES;LIBS" ${ARGN})
    add_executable(${ARG_NAME} ${ARG_SOURCES})
    target_link_libraries(${ARG_NAME} PRIVATE Qt6::Test ${ARG_LIBS})
    shimscope_configure_target(${ARG_NAME})
    target_compile_definitions(${ARG_NAME} PRIVATE
        SHIMSCOPE_SAMPLES_DIR="${SHIMSCOPE_SAMPLES_DIR}"
        SHIMSCOPE_TESTDATA_DIR="${PROJECT_SOURCE_DIR}/tests/data"
        SHIMSCOPE_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
        SHIMSCOPE_CLI_PATH="$<TARGET_FILE:shimscope-cli>")
    add_test(NAME ${ARG_NAME} COMMAND ${ARG_NAME})
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 300)
    endif()
    set(env "QT_QPA_PLATFORM=offscreen;QT_LOGGING_RULES=qt.qpa.*=false")
    set_tests_properties(${ARG_NAME} PROPERTIES TIMEOUT ${ARG_TIMEOUT} ENVIRONMENT "${env}")
endfunction()
