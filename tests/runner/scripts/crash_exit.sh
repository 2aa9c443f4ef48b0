#!/bin/sh
# Reports one step, complains on standard error and exits with code 3.
echo '{"step": 1, "score": 0.25}'
echo "loading data" >&2
echo "ValueError: bad learning rate" >&2
exit 3
