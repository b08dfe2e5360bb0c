#!/usr/bin/env bash
# The browser tests need Debian's Chromium and Chinese fonts, the serial tests socat, the voice clips
# espeak-ng, the clock tests faketime, handwriting Zinnia with its Simplified Chinese model, the .deb test lintian,
# binutils (strip) and file, the district tests PostgreSQL (a throwaway cluster per test file).
# Installs whichever is missing (as root, through apt); prints what to do otherwise.
set -euo pipefail
packages=(chromium fonts-noto-cjk socat espeak-ng faketime libzinnia0 tegaki-zinnia-simplified-chinese zinnia-utils lintian binutils file postgresql)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "测试需要以下 Debian 软件包：${missing[*]}，请运行：sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "正在安装测试所需的软件包：${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
