#!/usr/bin/env bash
# Build the frozen Rapport bundle with PyInstaller, in a venv of its own.
#
#   packaging/build.sh            # -> packaging/dist/Rapport/ (Rapport.app too on macOS)
#   PYTHON=python3.12 packaging/build.sh
#
# Runs on Linux, macOS, and Windows under Git Bash. The venv (packaging/.build-venv) is
# reused between builds; delete it to start clean.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
venv="$here/.build-venv"

if [ ! -d "$venv" ]; then
    "${PYTHON:-python3}" -m venv "$venv"
fi
if [ -x "$venv/bin/python" ]; then
    py="$venv/bin/python"
else
    py="$venv/Scripts/python.exe"  # Windows
fi

"$py" -m pip install --quiet --upgrade pip
# A regular (not editable) install: it brings Rapport's pinned dependencies; the spec
# still freezes the checkout's own sources (pathex is the repository root).
"$py" -m pip install --quiet "$root" "pyinstaller>=6.10,<7"

start=$SECONDS
"$py" -m PyInstaller --noconfirm --clean \
    --distpath "$here/dist" --workpath "$here/build" \
    "$here/rapport.spec"
elapsed=$((SECONDS - start))

bundle="$here/dist/Rapport"
size="$(du -sh "$bundle" | cut -f1)"
echo "Built $bundle ($size) in ${elapsed}s."
if [ -d "$here/dist/Rapport.app" ]; then
    echo "macOS app: $here/dist/Rapport.app"
fi
