/* fuzz_mermaid_import — libFuzzer harness for `cjm import mermaid`: any
 * bytes as a Mermaid diagram. Property (fuzz_import.h): an import fails
 * exactly when it reports an error, and what it writes is a journey in
 * the canonical layout. */
#include "tests/fuzz/fuzz_import.h"

#include "runtime/interop/mermaid_import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_import(cjm_mermaid_import, "fuzz.mmd", data, size);
  return 0;
}
