#!/usr/bin/env bash
# Runs a command with a display for the GUI tests (gui module, docs/testing.md "GUI tests"): when DISPLAY is
# not set it starts Xvfb on a free display number with the openbox window manager (without a window manager
# AssertJ-Swing's robot clicks beside the widgets: frames sit where X put them, not where Java thinks) and
# stops both afterwards. Without Xvfb it says so and runs the command anyway: the GUI tests then fail, they
# never skip.
set -euo pipefail
if [ -n "${DISPLAY:-}" ]; then
    exec "$@"
fi
if ! command -v Xvfb >/dev/null 2>&1 || ! command -v openbox >/dev/null 2>&1; then
    echo "with-display.sh: Xvfb or openbox is missing (packages xvfb, openbox: scripts/deps.sh installs them);" \
         "the GUI tests will fail for want of a display" >&2
    exec "$@"
fi
n=90
while [ -e "/tmp/.X$n-lock" ] || [ -e "/tmp/.X11-unix/X$n" ]; do
    n=$((n + 1))
done
Xvfb ":$n" -screen 0 1600x1200x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
export DISPLAY=":$n"
wm=""
cleanup() {
    [ -n "$wm" ] && kill "$wm" 2>/dev/null || true
    kill "$xvfb" 2>/dev/null || true
    wait 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 1 100); do
    xdpyinfo >/dev/null 2>&1 && break
    sleep 0.1
done
openbox >/dev/null 2>&1 &
wm=$!
# the window manager is ready once it has claimed the root window (EWMH _NET_SUPPORTING_WM_CHECK)
for _ in $(seq 1 100); do
    xprop -root _NET_SUPPORTING_WM_CHECK 2>/dev/null | grep -q 'window id' && break
    sleep 0.1
done
set +e
"$@" </dev/null
rc=$?
set -e
exit $rc
