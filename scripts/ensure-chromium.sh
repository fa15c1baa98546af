#!/bin/sh
# ensure-chromium.sh makes sure a Chromium that cookieaudit can drive is
# installed, and prints which one. It looks where cookieaudit looks:
# $CHROME_PATH, else chromium, chromium-browser, google-chrome,
# google-chrome-stable or chrome on PATH. When none is found it installs
# Debian's package "chromium" if run as root, and fails with instructions
# otherwise. Used by "make demo", "make test" and .ci/run.
set -eu

find_browser() {
	if [ -n "${CHROME_PATH:-}" ]; then
		command -v "$CHROME_PATH" 2>/dev/null
		return
	fi
	for b in chromium chromium-browser google-chrome google-chrome-stable chrome; do
		if command -v "$b" 2>/dev/null; then
			return 0
		fi
	done
	return 1
}

if ! browser=$(find_browser); then
	if [ -n "${CHROME_PATH:-}" ]; then
		echo "CHROME_PATH=$CHROME_PATH is not an executable; unset it or point it at Chromium" >&2
		exit 1
	fi
	if [ "$(id -u)" != 0 ]; then
		echo "cookieaudit needs Chromium: install Debian's package 'chromium' (sudo apt-get install chromium)" >&2
		exit 1
	fi
	echo "Chromium not found: installing Debian's package 'chromium'" >&2
	apt-get update
	DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
	browser=$(find_browser) || {
		echo "the chromium package is installed but no chromium executable is on PATH" >&2
		exit 1
	}
fi
echo "browser: $browser ($("$browser" --version 2>/dev/null || echo "version unknown"))"
