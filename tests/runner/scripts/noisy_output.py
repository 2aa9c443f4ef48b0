#!/usr/bin/env python3
"""Prints reports mixed with everything a script should not print: garbage, a malformed report, a
5 MB line, a 20 MB line that starts like a report, bytes that are not UTF-8, on both streams."""
import sys

out = sys.stdout.buffer
err = sys.stderr.buffer
out.write(b'{"step": 1, "score": 0.1}\n')
out.write(b"garbage \x00\x01 ###\n")
out.write(b'{"step": 2, "score": }\n')
out.write(b"x" * (5 * 1024 * 1024) + b"\n")
out.write(b'{"step": 9, "score": 9.0, "pad": "' + b"y" * (20 * 1024 * 1024) + b'"}\n')
out.write(b"caf\xc3\xa9 \xff\xfe bad bytes \xc3\n")
err.write(b"stderr \xff bytes\n")
out.write(b'{"step": 2, "score": 0.2}\n')
out.write(b'{"step": 3, "score": NaN, "loss": Infinity}\n')
out.write(b'{"final": true, "score": 0.3}\n')
out.write(b"last line without a newline")
out.flush()
err.flush()
