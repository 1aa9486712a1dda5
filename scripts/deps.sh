#!/usr/bin/env bash
# Installs the system packages the tests need (Debian/Ubuntu apt names), one list for CI and developers.
# Idempotent and quick: each package is checked with `dpkg -s` first and `apt-get update` runs only
# when something is missing. As root it installs; otherwise it prints what is missing and continues,
# and the tests that need a missing tool fail naming its package (they never skip silently).
set -euo pipefail

# package      why
# 7zip         7z archives for the extract tests (command 7zz): SevenZipExtractTest makes its archives with it
# zsh          SuggestedCommandShellTest pastes every command odflash suggests into zsh as well as bash
# --- GUI tests (gui module, issue 17): a display and a window manager (scripts/with-display.sh starts them)
# xvfb         the X server the GUI tests draw on (CI has no screen)
# openbox      a small window manager: without one the robot clicks where X, not Java, put the window
# x11-utils    xdpyinfo and xprop: with-display.sh waits for the server and the window manager with them
# fonts-dejavu-core  one fixed font family, so screenshots are the same pixels on every machine
GUI_PACKAGES=(xvfb openbox x11-utils fonts-dejavu-core)
# --- end GUI tests
PACKAGES=(7zip zsh "${GUI_PACKAGES[@]}")

# --- issue 15 (libflashrom) ---
# libflashrom1  the external family's tests drive the library's dummy programmer through FFM
# flashrom      the erase-count comparison and bench-flashrom.sh run the flashrom CLI on the same image pairs
PACKAGES+=(libflashrom1 flashrom)
# --- end issue 15 ---

missing=()
for p in "${PACKAGES[@]}"; do
    if ! dpkg -s "$p" >/dev/null 2>&1; then
        missing+=("$p")
    fi
done
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "scripts/deps.sh: no apt-get here; install these packages (Debian names) yourself: ${missing[*]}" >&2
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "scripts/deps.sh: missing packages (run as root to install: sudo scripts/deps.sh): ${missing[*]}" >&2
    echo "scripts/deps.sh: the tests that need them will fail naming the package" >&2
    exit 0
fi
echo "scripts/deps.sh: installing ${missing[*]}" >&2
DEBIAN_FRONTEND=noninteractive apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
