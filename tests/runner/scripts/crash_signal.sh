#!/bin/sh
# Dies of a segmentation fault after reporting one step.
echo '{"step": 1, "score": 0.5}'
echo "about to crash" >&2
kill -SEGV $$
