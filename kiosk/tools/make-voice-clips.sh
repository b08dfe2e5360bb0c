#!/usr/bin/env bash
# Generates the voice clips the hall display plays when the browser has no Chinese speechSynthesis voice:
# digits, number words, letters, the words of the announcement template and a chime, as small 16 kHz
# mono WAVs plus manifest.json (text → file, duration). The clips are committed; run this again only to
# change them. Needs espeak-ng and sox (Debian packages).
#   bash kiosk/tools/make-voice-clips.sh
set -euo pipefail
cd "$(dirname "$0")/../public/voice"
rm -f ./*.wav manifest.json
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

entries=()
# clip <text the clip says> <file stem> <espeak voice> <what espeak reads>
clip() {
  local text=$1 stem=$2 voice=$3 input=$4
  espeak-ng -v "$voice" -s 150 -w "$tmp/$stem.wav" "$input" 2>/dev/null
  # Trim the silence espeak puts around a word, so concatenated clips sound like one sentence.
  sox -V1 "$tmp/$stem.wav" -r 16000 -b 16 -c 1 "$stem.wav" gain -n -1 silence 1 0.01 0.5% reverse silence 1 0.01 0.5% reverse pad 0 0.03
  local ms
  ms=$(soxi -D "$stem.wav" | awk '{printf "%d", $1 * 1000 + 0.5}')
  entries+=("$(printf '    "%s": { "file": "%s.wav", "ms": %s }' "$text" "$stem" "$ms")")
}

# Chinese syllables through the pinyin voice: espeak's Chinese dictionary lacks several of these characters.
digits=(ling2 yi1 er4 san1 si4 wu3 liu4 qi1 ba1 jiu3)
names=(零 一 二 三 四 五 六 七 八 九)
for i in "${!digits[@]}"; do clip "${names[$i]}" "d$i" cmn-latn-pinyin "${digits[$i]}"; done
clip 十 shi cmn-latn-pinyin shi2
clip 百 bai cmn-latn-pinyin bai3
clip 千 qian cmn-latn-pinyin qian1
clip 请 qing cmn-latn-pinyin qing3
clip 号 hao cmn-latn-pinyin hao4
clip 到 dao cmn-latn-pinyin dao4
clip 窗口 chuangkou cmn-latn-pinyin "chuang1 kou3"
clip 办理 banli cmn-latn-pinyin "ban4 li3"
clip 窗口办理 chuangkou-banli cmn-latn-pinyin "chuang1 kou3 ban4 li3"
# The kiosk's read-aloud (elderly mode) on a machine without a local Chinese voice: its fixed sentences
# (kiosk/kiosk/strings.ts, split where the text has punctuation) and the default categories' names, each as
# one recorded phrase; numbers in them are said with the digit clips above. Pinyin from pinyin-pro (tone 0,
# the neutral tone, is espeak's 5).
phrase() {
  local text=$1 stem=$2 py
  py=$(node -e "const {pinyin}=require('pinyin-pro');console.log(pinyin(process.argv[1],{toneType:'num',type:'array'}).join(' ').replace(/0/g,'5'))" "$text")
  clip "$text" "$stem" cmn-latn-pinyin "$py"
}
phrase 请选择要办理的业务 k-home
phrase 取号成功 k-taken
phrase 您的号码是 k-your-number
phrase 前面还有 k-ahead
phrase 人 k-people
phrase 请取走小票 k-take-slip
phrase 请记下号码或拍照 k-note-number
phrase 已通知工作人员 k-staff-told
phrase 您好 k-hello
phrase 您已年满 k-age-reached
phrase 周岁 k-years
phrase 可以走老年人绿色通道 k-elderly-lane
phrase 优先办理 k-first
phrase 绿色通道 k-green
phrase 办事指南 k-guide
phrase 号码查询 k-status
phrase 等候中 k-waiting
phrase 正在 k-now-at
phrase 已办结 k-finished
phrase 已过号 k-skipped
phrase 已取消 k-cancelled
phrase 如需继续办理 k-continue
phrase 请联系窗口工作人员 k-ask-staff
phrase 请将小票二维码对准摄像头 k-camera
phrase 综合咨询 k-cat-consult
phrase 帮办代办 k-cat-help
phrase 民政 k-cat-civil
phrase 劳动保障 k-cat-labor
phrase 社保 k-cat-social
phrase 计生 k-cat-family
phrase 卫健 k-cat-health
phrase 残联 k-cat-disabled
phrase 综合受理 k-cat-general
phrase 统一出证 k-cat-certs
# Letters as Chinese speakers say them (the cmn voice's letter names).
for l in {A..Z}; do clip "$l" "letter-$l" cmn "$l"; done

# Chime: a two-tone ding-dong, synthesised (no recording).
sox -n -r 16000 -b 16 -c 1 "$tmp/ding.wav" synth 0.45 sine 988 fade q 0.01 0.45 0.4 vol 0.5
sox -n -r 16000 -b 16 -c 1 "$tmp/dong.wav" synth 0.7 sine 784 fade q 0.01 0.7 0.65 vol 0.5
sox "$tmp/ding.wav" "$tmp/dong.wav" chime.wav
chime_ms=$(soxi -D chime.wav | awk '{printf "%d", $1 * 1000 + 0.5}')

{
  echo '{'
  echo '  "generator": "kiosk/tools/make-voice-clips.sh (espeak-ng cmn / cmn-latn-pinyin, sox)",'
  echo "  \"chime\": { \"file\": \"chime.wav\", \"ms\": $chime_ms },"
  echo '  "clips": {'
  (IFS=$'\n'; echo "${entries[*]}" | sed '$!s/$/,/')
  echo '  }'
  echo '}'
} > manifest.json
echo "wrote $(ls ./*.wav | wc -l) clips, $(du -sh . | cut -f1) in $(pwd)"
