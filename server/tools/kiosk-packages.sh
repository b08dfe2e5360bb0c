#!/usr/bin/env bash
# What the kiosk itself uses from Debian, set up before `npm start` (issue 24: a fresh machine got a kiosk
# without handwriting or offline voice, because only `npm test` installed them):
#   libzinnia0 + tegaki-zinnia-simplified-chinese  the handwriting pad (Zinnia and its Simplified Chinese model)
#   espeak-ng                                        read-aloud without the network (长辈模式, hall calls)
#   fonts-noto-cjk                                   Chinese on the screens and the rendered slips
# As root: installs whichever is missing through apt, the way tests/setup/debian-packages.sh does.
# Otherwise: prints the one apt-get line to run, and the kiosk starts without those features.
set -euo pipefail
packages=(libzinnia0 tegaki-zinnia-simplified-chinese espeak-ng fonts-noto-cjk)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "自助机的手写输入和离线语音需要以下 Debian 软件包：${missing[*]}" >&2
  echo "请运行：sudo apt-get install -y ${missing[*]}" >&2
  echo "（未安装前照常启动：不显示手写板，语音播报改用浏览器自带的声音）" >&2
  exit 0
fi
echo "正在安装自助机所需的软件包：${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
