# embed.cmake — turns a file into a C array, so that a resource (the page
# of `cjm serve`) is compiled into cjm; the array is generated at build
# time and never committed.
#   cmake -DIN=page.html -DOUT=serve_page.inc -DNAME=cjm_serve_page -P embed.cmake
# OUT holds `static const unsigned char NAME[] = {...};`, the bytes of IN
# without a terminating NUL. It is written to a temporary file and renamed.
file(READ "${IN}" hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
# sixteen bytes a line
string(REGEX REPLACE "((0x[0-9a-f][0-9a-f],){16})" "\\1\n  " bytes "${bytes}")
get_filename_component(source "${IN}" NAME)
file(WRITE "${OUT}.tmp"
     "/* Generated from ${source} by embed.cmake at build time; do not edit. */\n"
     "static const unsigned char ${NAME}[] = {\n  ${bytes}\n};\n")
file(RENAME "${OUT}.tmp" "${OUT}")
