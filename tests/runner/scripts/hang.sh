#!/bin/sh
# Reports once, then never ends; with IGNORE_TERM=1 it also ignores SIGTERM (so does its sleep).
if [ "$IGNORE_TERM" = 1 ]; then trap '' TERM; fi
echo '{"step": 1, "score": 0.5}'
echo "still working" >&2
while :; do sleep 1; done
