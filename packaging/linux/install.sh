#!/usr/bin/env bash
# Install a built Linux bundle for the current user, with its menu entry and icons.
#
#   packaging/linux/install.sh [BUNDLE]      # default packaging/dist/Rapport
#   packaging/linux/install.sh --uninstall
#
# The bundle goes to ~/.local/lib/rapport, `rapport` on the PATH is a link to it
# (~/.local/bin), and the desktop entry, AppStream metainfo and icons go under
# ${XDG_DATA_HOME:-~/.local/share}. Nothing outside the home folder is touched; no root needed.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$(dirname "$here")")"
id="app.rapport.Rapport"
data="${XDG_DATA_HOME:-$HOME/.local/share}"
lib="$HOME/.local/lib/rapport"
bin="$HOME/.local/bin"
sizes="16 24 32 48 64 128 256 512"

installed=(
    "$bin/rapport"
    "$data/applications/$id.desktop"
    "$data/metainfo/$id.metainfo.xml"
    "$data/icons/hicolor/scalable/apps/$id.svg"
)
for n in $sizes; do
    installed+=("$data/icons/hicolor/${n}x$n/apps/$id.png")
done

refresh() {
    # Menus and icon caches pick the change up at once where these tools exist.
    if command -v update-desktop-database >/dev/null; then
        update-desktop-database -q "$data/applications" || true
    fi
    if command -v gtk-update-icon-cache >/dev/null && [ -f "$data/icons/hicolor/index.theme" ]; then
        gtk-update-icon-cache -q "$data/icons/hicolor" || true
    fi
}

if [ "${1:-}" = "--uninstall" ]; then
    rm -rf "$lib"
    rm -f "${installed[@]}"
    refresh
    echo "Rapport is uninstalled. Your journal and its backups are kept."
    exit 0
fi

bundle="${1:-$root/packaging/dist/Rapport}"
if [ ! -x "$bundle/Rapport" ]; then
    echo "install.sh: no bundle at $bundle; build one with packaging/build.sh." >&2
    exit 1
fi

rm -rf "$lib"
mkdir -p "$(dirname "$lib")" "$bin"
cp -a "$bundle" "$lib"
ln -sfn "$lib/Rapport" "$bin/rapport"

# The menu entry starts the installed bundle by its full path: a session's PATH may lack
# ~/.local/bin.
mkdir -p "$data/applications"
sed "s|^Exec=rapport$|Exec=$lib/Rapport|" "$here/$id.desktop" >"$data/applications/$id.desktop"
install -Dm644 "$here/$id.metainfo.xml" "$data/metainfo/$id.metainfo.xml"
install -Dm644 "$root/resources/icons/rapport.svg" "$data/icons/hicolor/scalable/apps/$id.svg"
for n in $sizes; do
    install -Dm644 "$root/resources/icons/rapport-$n.png" \
        "$data/icons/hicolor/${n}x$n/apps/$id.png"
done
refresh
echo "Rapport is installed: $lib (run 'rapport', or find Rapport in the applications menu)."
