#!/usr/bin/env bash
# Produces the recorded clips the display composes its announcements from
# ("Mời công dân có số thứ tự A012 đến quầy số 3"). Run once; the .ogg files are committed.
# Needs Debian's espeak-ng (Southern Vietnamese voice, as spoken in Cần Thơ) and sox.
set -euo pipefail
out="$(cd "$(dirname "$0")/.." && pwd)/resources/sounds"
voice="vi-vn-x-south"
rate=135
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out/vi"

clip() { # clip <name> <text>
  espeak-ng -v "$voice" -s "$rate" -w "$tmp/raw.wav" "$2"
  # Trim leading/trailing silence so clips join without gaps; mono 22.05 kHz Vorbis.
  sox "$tmp/raw.wav" -r 22050 -c 1 "$out/vi/$1.ogg" \
    silence 1 0.02 0.5% reverse silence 1 0.02 0.5% reverse pad 0 0.08
}

clip moi-cong-dan "Mời công dân có số thứ tự"
clip den-quay-so "đến quầy số"
clip nhan-phieu "Xin mời quý khách nhận phiếu"
clip khong-in-duoc "Máy chưa in được phiếu. Xin quý khách ghi nhớ số thứ tự trên màn hình"
clip dat-the "Xin mời đặt thẻ căn cước lên đầu đọc"
for d in 0 1 2 3 4 5 6 7 8 9; do clip "digit-$d" "$d"; done
for n in $(seq 1 40); do clip "number-$n" "$n"; done
for l in A B C D E F G H I K L M N P Q R S T U V X Y; do clip "letter-$l" "$l"; done

# Two-tone chime before every call (E6 then C6), soft attack and decay.
sox -n -r 22050 -c 1 "$tmp/a.wav" synth 0.45 sine 1318.5 fade q 0.01 0.45 0.35 vol 0.5
sox -n -r 22050 -c 1 "$tmp/b.wav" synth 0.7 sine 1046.5 fade q 0.01 0.7 0.6 vol 0.5
sox "$tmp/a.wav" "$tmp/b.wav" "$out/chime.ogg"

cat > "$out/README.md" <<TXT
# Sounds

Produced by \`scripts/make-voice-clips.sh\` with espeak-ng (voice \`$voice\`, rate $rate) and sox.
\`chime.ogg\` plays before every call; \`vi/\` holds the clips an announcement is composed of:
\`moi-cong-dan\` ("Mời công dân có số thứ tự"), \`letter-X\`, \`digit-N\` (ticket numbers are read
digit by digit), \`den-quay-so\` ("đến quầy số"), \`number-N\` (counter numbers 1–40), and
the kiosk's lines \`nhan-phieu\`, \`khong-in-duoc\`, \`dat-the\`.
TXT
echo "clips written to $out"
