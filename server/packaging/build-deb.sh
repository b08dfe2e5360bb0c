#!/usr/bin/env bash
# npm run package: builds dist/service-hall-kiosk_<version>_<arch>.deb with dpkg-deb, for the architecture of
# the Node that runs it (the native modules in node_modules were built or downloaded for it by npm install).
#
# Runtime: the package carries this Node binary (/usr/lib/service-hall-kiosk/node/bin/node) instead of
# depending on the distribution's nodejs: the native modules (better-sqlite3, serialport's bindings, usb,
# koffi) are tied to the Node ABI they were built for, and Debian 12, 统信UOS 20 and 麒麟 V10 ship nodejs
# older than 20. See README "Install on a kiosk".
#
# SKIP_BUILD=1 reuses dist/ and dist-server/ from an earlier npm run build (the package test builds once).
set -euo pipefail
umask 022
cd "$(dirname "$0")/../.."
TOP=$PWD
HERE=server/packaging
NAME=service-hall-kiosk
VERSION=$(node -p "require('./package.json').version")
NODE_ARCH=$(node -p process.arch)
case "$NODE_ARCH" in
  x64) ARCH=amd64 ;; arm64) ARCH=arm64 ;; arm) ARCH=armhf ;; loong64) ARCH=loong64 ;;
  mips64el) ARCH=mips64el ;; riscv64) ARCH=riscv64 ;; ia32) ARCH=i386 ;;
  *) echo "不支持的架构：$NODE_ARCH" >&2; exit 1 ;;
esac
OUT="${DEB_OUT_DIR:-dist}/${NAME}_${VERSION}_${ARCH}.deb"

if [ "${SKIP_BUILD:-}" != 1 ]; then npm run build; fi
[ -f dist-server/main.mjs ] && [ -f dist/kiosk.html ] || { echo "缺少构建结果：请先 npm run build" >&2; exit 1; }

STAGE=$(mktemp -d)
trap 'rm -rf "$STAGE"' EXIT
PKG="$STAGE/pkg"
LIB="$PKG/usr/lib/$NAME"
mkdir -p "$LIB/dist-server" "$LIB/bin" "$LIB/node/bin" "$PKG/DEBIAN"

# The built pages and server; the maintenance tools bundled the same way as the server.
tar -C dist --exclude='*.deb' -cf - . | tar -C "$STAGE" --one-top-level=pages -xf -
mv "$STAGE/pages" "$LIB/dist"
cp dist-server/main.mjs "$LIB/dist-server/"
for tool in restore set-pin; do
  node_modules/.bin/esbuild "server/tools/$tool.ts" --bundle --platform=node --format=esm --packages=external \
    --target=node20 --outfile="$LIB/dist-server/$tool.mjs" --log-level=warning
done
printf '{"type":"module","name":"%s","version":"%s","private":true}\n' "$NAME" "$VERSION" > "$LIB/package.json"

# Production node_modules: npm's own list of the runtime dependency tree (top-level folders; nested ones
# travel inside them), without tsx and esbuild, which only the development commands use, and without the
# district server's embedded PostgreSQL (PGlite, 27 MB: the hall package has no district server).
npm ls --omit=dev --parseable --all 2>/dev/null \
  | sed -n "s|^$TOP/||p" | grep -E '^node_modules/(@[^/]+/)?[^/]+$' \
  | grep -Ev '^node_modules/(tsx|esbuild|@esbuild/.*|get-tsconfig|resolve-pkg-maps|fsevents|@electric-sql/pglite)$' | sort -u > "$STAGE/modules"
tar -cf - -T "$STAGE/modules" | tar -C "$LIB" -xf -
NM="$LIB/node_modules"
# Native code for other systems and build left-overs: not for this architecture, not needed to run.
find "$NM/@serialport/bindings-cpp/prebuilds" -mindepth 1 -maxdepth 1 ! -name "linux-$NODE_ARCH" -exec rm -rf {} +
find "$NM/@serialport/bindings-cpp/prebuilds/linux-$NODE_ARCH" -name '*musl*' -delete
find "$NM/@koromix" -mindepth 2 -maxdepth 2 -type d -name 'musl_*' -exec rm -rf {} +
rm -rf "$NM/better-sqlite3/deps" "$NM/better-sqlite3/src" "$NM/better-sqlite3/build/Release/obj" \
  "$NM/better-sqlite3/build/Release/obj.target" "$NM/better-sqlite3/build/Release/.deps" \
  "$NM/better-sqlite3/build/Release/sqlite3.a" "$NM/better-sqlite3/build/Release/test_extension.node" \
  "$NM/better-sqlite3/build/deps" "$NM/koffi/vendor" "$NM/koffi/doc" "$NM/@serialport/bindings-cpp/src"
# Nothing in node_modules is run as a program (no shebang scripts, no dotfiles of the authors' tools).
find "$NM" -type f -perm /111 -exec chmod 0644 {} +
find "$NM" \( -name '.npmignore' -o -name '.eslintrc*' -o -name '.gitmodules' -o -name '.travis.yml' -o -name '.editorconfig' \) -delete
find "$NM" -type d \( -name test -o -name tests -o -name '.github' \) -prune -exec rm -rf {} +
find "$NM" -name '*.node' -exec strip --strip-unneeded {} +

# The runtime: the very Node that npm installed the native modules for.
cp "$(command -v node)" "$LIB/node/bin/node"
strip --strip-unneeded "$LIB/node/bin/node"
chmod 0755 "$LIB/node/bin/node"

install -m 0755 "$HERE/kiosk-screen.sh" "$LIB/bin/kiosk-screen"
install -D -m 0755 "$HERE/service-hall-kiosk.sh" "$PKG/usr/bin/$NAME"
mkdir -p "$PKG/usr/share/man/man1" && gzip -9n -c "$HERE/$NAME.1" > "$PKG/usr/share/man/man1/$NAME.1.gz"
install -D -m 0644 "$HERE/$NAME.service" "$PKG/lib/systemd/system/$NAME.service"
install -D -m 0644 "$HERE/$NAME-screen.service" "$PKG/lib/systemd/system/$NAME-screen.service"
install -D -m 0644 "$HERE/60-$NAME.rules" "$PKG/lib/udev/rules.d/60-$NAME.rules"

# Default configuration: conffiles (dpkg keeps the centre's edits on upgrade, asks when both changed).
mkdir -p "$PKG/etc/$NAME"
cp -r config/. "$PKG/etc/$NAME/"
install -m 0644 "$HERE/kiosk.env" "$PKG/etc/$NAME/kiosk.env"
find "$PKG/etc" -type d -exec chmod 0755 {} +
find "$PKG/etc" -type f -exec chmod 0644 {} +

install -D -m 0644 README.md "$PKG/usr/share/doc/$NAME/README.md"
install -m 0644 "$HERE/debian/copyright" "$PKG/usr/share/doc/$NAME/copyright"
gzip -9n -c "$HERE/debian/changelog" > "$PKG/usr/share/doc/$NAME/changelog.gz"
install -D -m 0644 "$HERE/debian/lintian-overrides" "$PKG/usr/share/lintian/overrides/$NAME"

for s in postinst prerm postrm; do install -m 0755 "$HERE/debian/$s" "$PKG/DEBIAN/$s"; done
(cd "$PKG" && find etc -type f | sort | sed 's|^|/|') > "$PKG/DEBIAN/conffiles"
SIZE=$(du -sk --exclude=DEBIAN "$PKG" | cut -f1)
sed -e "s/@VERSION@/$VERSION/" -e "s/@ARCH@/$ARCH/" -e "s/@SIZE@/$SIZE/" "$HERE/debian/control.in" > "$PKG/DEBIAN/control"

mkdir -p "$(dirname "$OUT")"
dpkg-deb --root-owner-group -Zgzip -z"${DEB_GZIP_LEVEL:-6}" --build "$PKG" "$OUT" >/dev/null
echo "$OUT"
