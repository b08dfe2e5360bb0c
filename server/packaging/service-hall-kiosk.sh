#!/bin/sh
# The kiosk's maintenance command (installed as /usr/bin/service-hall-kiosk):
#   service-hall-kiosk restore FILE     restore the database from a backup (stops and restarts the server)
#   service-hall-kiosk set-pin ID PIN   set a staff PIN / the admin password (at least 6 characters)
#   service-hall-kiosk status           the server's state and its last log lines
set -eu
LIB=/usr/lib/service-hall-kiosk
NODE="$LIB/node/bin/node"
USER=service-hall-kiosk
run_as_service() {
  # Same environment as the service: its data and config folders, and this machine's kiosk.env.
  set -a
  [ -r /etc/service-hall-kiosk/kiosk.env ] && . /etc/service-hall-kiosk/kiosk.env
  set +a
  runuser -u "$USER" -- env KIOSK_CONFIG=/etc/service-hall-kiosk KIOSK_DATA=/var/lib/service-hall-kiosk \
    KIOSK_BACKUP_DIR="${KIOSK_BACKUP_DIR:-/var/lib/service-hall-kiosk/backups}" "$NODE" "$@"
}
need_root() {
  if [ "$(id -u)" != 0 ]; then
    echo "请用 sudo 运行：sudo service-hall-kiosk $*" >&2
    exit 1
  fi
}
case "${1:-}" in
  restore)
    need_root "$@"
    [ $# -eq 2 ] || { echo "用法：sudo service-hall-kiosk restore <备份文件>" >&2; exit 1; }
    FILE=$(readlink -f "$2")
    systemctl stop service-hall-kiosk.service
    status=0
    run_as_service "$LIB/dist-server/restore.mjs" "$FILE" || status=$?
    systemctl start service-hall-kiosk.service
    exit $status
    ;;
  set-pin)
    need_root "$@"
    [ $# -eq 3 ] || { echo "用法：sudo service-hall-kiosk set-pin <工号> <新密码（至少 6 位）>" >&2; exit 1; }
    run_as_service "$LIB/dist-server/set-pin.mjs" "$2" "$3"
    systemctl try-restart service-hall-kiosk.service
    ;;
  status)
    systemctl --no-pager status service-hall-kiosk.service service-hall-kiosk-screen.service || true
    ;;
  *)
    echo "用法：service-hall-kiosk restore <备份文件> | set-pin <工号> <新密码> | status" >&2
    exit 1
    ;;
esac
