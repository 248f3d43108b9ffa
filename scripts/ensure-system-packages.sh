#!/usr/bin/env bash
# The Debian packages the test suite needs beside Node.js: installs the missing ones when it can
# (root with apt-get, as on CI), otherwise names the one command that does and stops.
#   chromium, fonts-noto-cjk: the HTML report's browser test (Chinese glyphs in screenshots)
#   qpdf: encrypted-PDF cases; poppler-utils: pdftoppm/pdftotext for the scan fixtures and the bench
#   redis-server: the queue tests and bench (jixiao worker / check --redis) start their own instance
set -euo pipefail
packages=(chromium fonts-noto-cjk qpdf poppler-utils redis-server)
missing=()
for pkg in "${packages[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "安装测试所需的系统软件包 / installing system packages: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  exit 0
fi
echo "测试需要以下系统软件包 / the tests need: ${missing[*]}" >&2
echo "请运行 / run: sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
exit 1
