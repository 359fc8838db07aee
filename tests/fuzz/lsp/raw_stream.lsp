Content-Length: 58
Content-Type: application/vscode-jsonrpc; charset=utf-8

{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}Content-Length: 52
Content-Type: application/vscode-jsonrpc; charset=utf-8

{"jsonrpc":"2.0","method":"initialized","params":{}}content-length: 157

{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///fuzz/r.cjm","version":1,"text":"stage s\n  step t\n    feel 1\n"}}}Content-Length: 145
Content-Type: application/vscode-jsonrpc; charset=utf-8

{"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///fuzz/r.cjm"},"position":{"line":1,"character":8}}}Content-Length: 44
Content-Type: application/vscode-jsonrpc; charset=utf-8

{"jsonrpc":"2.0","id":3,"method":"shutdown"}Content-Length: 33
Content-Type: application/vscode-jsonrpc; charset=utf-8

{"jsonrpc":"2.0","method":"exit"}