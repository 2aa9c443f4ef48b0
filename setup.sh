#!/usr/bin/env bash
# Sets up a Debian 12 machine for Tendril, builds it, and then runs what was asked for:
#
#   ./setup.sh demo    install what is missing, build, open the app on the bundled demo project
#   ./setup.sh test    install what is missing, build, run every test
#   ./setup.sh build   install what is missing and build (the default)
#   ./setup.sh bench   install what is missing (with the reference tools), build, run the benchmarks
#
# Packages are installed with apt-get, as root or through sudo. The build goes to ./build.
set -euo pipefail
cd "$(dirname "$0")"

action="${1:-build}"
case "$action" in
    build|demo|test|bench) ;;
    *) echo "usage: ./setup.sh [build|demo|test|bench]" >&2; exit 2 ;;
esac

packages=(build-essential cmake pkg-config qt6-base-dev qt6-charts-dev libeigen3-dev nlohmann-json3-dev
          libsqlite3-dev libgtest-dev libgmock-dev libbenchmark-dev fonts-dejavu-core python3)
if [ "$action" = bench ]; then
    # The reference implementations the benchmarks compare against.
    packages+=(python3-optuna python3-sklearn)
fi

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
    echo "== installing: ${missing[*]}"
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

jobs="$(nproc 2>/dev/null || echo 2)"
echo "== building (build/, $jobs jobs)"
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo > build.log 2>&1 || { cat build.log; exit 1; }
cmake --build build -j"$jobs" >> build.log 2>&1 || { tail -n 80 build.log; exit 1; }
echo "== built: build/bin/tendril, build/bin/tendril-cli"

case "$action" in
    demo)
        exec build/bin/tendril --demo ;;
    test)
        cd build
        QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j"$jobs" ;;
    bench)
        exec tests/bench/run_benchmarks.sh build ;;
esac
