#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what is missing, builds, writes the demo case from the bundled real capture and opens it in the GUI.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
cmake --preset release
cmake --build --preset release -j "$(nproc)"

demo_case="$PWD/build/release/demo.shimscope"
rm -f "$demo_case"
build/release/app/cli/shimscope-cli import "$demo_case" resources/demo/audit.log.gz --host "$(cat resources/demo/HOSTNAME)"

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    echo
    echo "No display is available (neither DISPLAY nor WAYLAND_DISPLAY is set), so the GUI was not opened."
    echo "The demo case was written to: $demo_case"
    echo "Open it later with: build/release/app/gui/shimscope '$demo_case'"
    exit 0
fi
exec build/release/app/gui/shimscope "$demo_case"
