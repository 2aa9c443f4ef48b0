#!/usr/bin/env bash
# Runs every benchmark program against a build folder and prints their tables.
# usage: tests/bench/run_benchmarks.sh [BUILD_DIR]
set -euo pipefail
build="${1:-build}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "## Import and listing ($(nproc) cores, $(date -u +%Y-%m-%d))"
"$build/bin/tendril_io_bench" "$build/bin" "$work"
echo
"$build/bin/tendril_runner_bench" "$work/runner"
echo
/usr/bin/python3 "$(dirname "$0")/importance_vs_optuna.py" "$build" "$work"
/usr/bin/python3 "$(dirname "$0")/search_regret_vs_optuna.py" "$build"
