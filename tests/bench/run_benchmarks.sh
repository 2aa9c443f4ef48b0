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
if [ -x "$build/bin/tendril_importance_gui_bench" ]; then
  echo
  "$build/bin/tendril_importance_gui_bench" --work "$work/importance-gui"
fi
echo
# The desktop app's bench exists only in builds with the app (TENDRIL_BUILD_APP).
if [[ -x "$build/bin/tendril_app_bench" ]]; then
  "$build/bin/tendril_app_bench" --work "$work/app"
fi
if [[ -x "$build/bin/tendril_exploration_bench" ]]; then
  echo
  "$build/bin/tendril_exploration_bench"
fi
if [[ -x "$build/bin/tendril_space_bench" ]]; then
  echo
  "$build/bin/tendril_space_bench"
fi
echo
/usr/bin/python3 "$(dirname "$0")/importance_vs_optuna.py" "$build" "$work"
/usr/bin/python3 "$(dirname "$0")/search_regret_vs_optuna.py" "$build"
