#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what is missing, builds, writes the demo case from the bundled real capture and opens it in the GUI.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
# The same configuration as scripts/test.sh, so running both builds once.
cmake --preset ci
cmake --build --preset ci -j "$(nproc)"

demo_case="$PWD/build/ci/demo.shimscope"
rm -f "$demo_case"
build/ci/app/cli/shimscope-cli import "$demo_case" resources/demo/bundle --host "$(cat resources/demo/HOSTNAME)"

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    echo
    echo "No display is available (neither DISPLAY nor WAYLAND_DISPLAY is set), so the GUI was not opened."
    echo "The demo case was written to: $demo_case"
    echo "Open it later with: build/ci/app/gui/shimscope '$demo_case'"
    exit 0
fi
exec build/ci/app/gui/shimscope "$demo_case"
