#!/usr/bin/env python3
"""Prints N log lines and N reports (environment REPORT_LINES, default 25000), interleaved."""
import os
import sys

n = int(os.environ.get("REPORT_LINES", "25000"))
w = sys.stdout.write
for i in range(n):
    w(f"log line {i}\n")
    w(f'{{"step": {i}, "score": {i / n}}}\n')
