#!/bin/sh
# Shows the kiosk page full screen on this machine's display: Chromium --kiosk inside cage (a Wayland
# compositor that runs one application full screen and exits with it), or inside a bare X server (xinit)
# where cage is not installed. Run by service-hall-kiosk-screen.service, which restarts it when it exits.
set -eu
URL="${KIOSK_SCREEN_URL:-http://127.0.0.1:${KIOSK_PORT:-8080}/kiosk}"
BROWSER=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$BROWSER" ]; then
  echo "找不到 Chromium：请安装 chromium" >&2
  exit 1
fi
set -- --kiosk --noerrdialogs --disable-infobars --no-first-run --disable-session-crashed-bubble \
  --disable-translate --disable-features=Translate,TouchpadOverscrollHistoryNavigation --overscroll-history-navigation=0 \
  --autoplay-policy=no-user-gesture-required --check-for-update-interval=31536000 --disable-pinch \
  --user-data-dir="${HOME:-/var/lib/service-hall-kiosk-screen}/chromium" "$URL"
if command -v cage >/dev/null 2>&1; then
  exec cage -d -s -- "$BROWSER" --ozone-platform=wayland "$@"
elif command -v xinit >/dev/null 2>&1; then
  exec xinit "$BROWSER" "$@" -- :0 vt1 -nolisten tcp -s 0 -dpms -nocursor
fi
echo "找不到 cage 或 xinit：请安装 cage（推荐）或 xinit" >&2
exit 1
