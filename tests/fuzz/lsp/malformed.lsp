{"jsonrpc": "2.0", "id": 5, "method": 
---
{"jsonrpc":"2.0","id":6,"method":"cjm/unknown","params":[1,2]}
---
{"jsonrpc":"2.0","id":{"x":1},"method":"textDocument/hover","params":{"textDocument":{"uri":7},"position":{"line":-1,"character":1e300}}}
---
{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///fuzz/b.cjm","version":1,"text":"use \"b2c\"\nstage aware\n  step 𠮷 by x\n"}}}
---
{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///fuzz/b.cjm","version":2},"contentChanges":[{"range":{"start":{"line":2,"character":7},"end":{"line":2,"character":8}},"text":"é"}]}}
---
{"jsonrpc":"2.0","id":7,"method":"textDocument/completion","params":{"textDocument":{"uri":"file:///fuzz/b.cjm"},"position":{"line":2,"character":12}}}
---
{"jsonrpc":"2.0","method":"workspace/didChangeConfiguration","params":{"settings":{"cjm":{"warnings":["-Wcx"]}}}}
