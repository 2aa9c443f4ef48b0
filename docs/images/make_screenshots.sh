#!/bin/sh
# Renders the screenshots in this folder from the bundled demo project: the whole window and each
# view on its own, under the offscreen platform, so they can be regenerated on any machine.
# The walkthrough's pictures (walkthrough-*.png) come from the case-study test, which drives the
# views through each step and checks what they show.
#   docs/images/make_screenshots.sh [path/to/tendril [path/to/tendril_app_tests]]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tendril=${1:-"$here/../../build/bin/tendril"}
tests=${2:-"$(dirname "$tendril")/tendril_app_tests"}
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
shot() {
    out=$1; shift
    HOME="$home" XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" QT_QPA_PLATFORM=offscreen \
        "$tendril" --demo "$@" --screenshot "$here/$out"
    echo "$here/$out"
}
shot main-window.png --study digits-hyperband --study digits-pbt --size 1920x1080
shot main-window-dark.png --study digits-hyperband --study digits-pbt --size 1920x1080 --theme dark
shot view-control.png --view control --study digits-hyperband --study digits-pbt --size 1920x1080
shot view-overview.png --view overview --study digits-hyperband --study digits-pbt --size 1400x900
shot view-tradeoff.png --view tradeoff --study digits-hyperband --study digits-pbt --size 1400x900
shot view-curves.png --view curves --study digits-pbt --size 1400x900
shot view-selected.png --view selected --study digits-hyperband --study digits-pbt --size 1400x900
shot view-space.png --view space --study digits-bohb --size 1400x900
shot view-importance.png --view importance --study digits-bohb --size 1400x900
shot view-exploration-hyperband.png --view exploration --study digits-hyperband --size 1400x900
shot view-exploration-pbt.png --view exploration --study digits-pbt --size 1400x900
shot view-exploration-random.png --view exploration --study digits-random --size 1400x900
HOME="$home" XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" QT_QPA_PLATFORM=offscreen \
    TENDRIL_SCREENSHOT_DIR="$here" "$tests" --gtest_filter='CaseStudyTest.*' --gtest_brief=1
