/* fuzz_lsp — libFuzzer harness for `cjm lsp`: the server loop
 * (lsp/server.h) reading a stream of framed messages from a memory file
 * and writing its answers to /dev/null, in this process.
 *
 * An input that begins with "Content-Length" is the stream itself, byte
 * for byte (the framing is fuzzed too). Any other input is a list of
 * JSON-RPC bodies separated by lines "---", each framed by the harness,
 * after an `initialize` (UTF-16 and UTF-8 offered) and `initialized`,
 * and followed by `shutdown` and `exit`: the fuzzer then spends its time
 * in the requests. Documents' `use` reads the standard library only (no
 * workspace folder is given). The server must free everything it made
 * (LeakSanitizer) and never crash, whatever the client sends. */
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "tests/fuzz/fuzz.h"

#include "runtime/base/strbuf.h"
#include "runtime/lsp/server.h"

/* Appends body[0..len) framed with its Content-Length header. */
static void frame(cjm_strbuf *out, const char *body, size_t len) {
  cjm_strbuf_printf(out, "Content-Length: %zu\r\n\r\n", len);
  cjm_strbuf_write(out, body, len);
}

static void frame_str(cjm_strbuf *out, const char *body) { frame(out, body, strlen(body)); }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const char raw[] = "Content-Length";
  static const char separator[] = "\n---\n";
  const char *text = (const char *)data;
  cjm_strbuf stream = {0};
  if (size >= sizeof raw - 1 && memcmp(text, raw, sizeof raw - 1) == 0) {
    cjm_strbuf_write(&stream, text, size);
  } else {
    frame_str(&stream,
              "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"capabilities\":{\"general\":"
              "{\"positionEncodings\":[\"utf-16\",\"utf-8\"]}},\"initializationOptions\":{\"warnings\":[\"-Wall\"]}}}");
    frame_str(&stream, "{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}");
    size_t start = 0;
    while (start <= size) {
      const char *end = size ? memmem(text + start, size - start, separator, sizeof separator - 1) : NULL;
      size_t len = end ? (size_t)(end - (text + start)) : size - start;
      if (len) frame(&stream, text + start, len);
      if (!end) break;
      start += len + sizeof separator - 1;
    }
    frame_str(&stream, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"shutdown\"}");
    frame_str(&stream, "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
  }
  int in = memfd_create("fuzz-lsp-in", MFD_CLOEXEC);
  FUZZ_ASSERT(in >= 0, "a memory file");
  FUZZ_ASSERT(stream.len == 0 || write(in, stream.data, stream.len) == (ssize_t)stream.len, "writing the stream");
  FUZZ_ASSERT(lseek(in, 0, SEEK_SET) == 0, "rewinding the stream");
  static int out = -1;
  if (out < 0) out = open("/dev/null", O_WRONLY | O_CLOEXEC);
  FUZZ_ASSERT(out >= 0, "/dev/null");
  cjm_lsp_options options = {.load = {.stdlib_dir = fuzz_stdlib(), .limits = CJM_LIMITS_DEFAULT},
                             .max_body = 1 << 20};
  cjm_lsp_run(in, out, &options);
  close(in);
  cjm_strbuf_free(&stream);
  return 0;
}
