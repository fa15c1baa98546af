#!/bin/sh
# ensure-chromium.sh makes sure a Chromium that cookieaudit can drive is
# installed, and prints which one. It looks where cookieaudit looks:
# $CHROME_PATH, else chromium-headless-shell, chrome-headless-shell,
# chromium, chromium-browser, google-chrome, google-chrome-stable or chrome
# on PATH. When none is found it installs Debian's packages "chromium" and
# "chromium-headless-shell" if run as root, and the shell alone when only
# chromium is there (the shell is the same engine
# built for automation: scans and tests cost about a third of the CPU), and
# fails with instructions otherwise. Used by "make demo", "make test" and
# .ci/run.
set -eu

find_browser() {
	if [ -n "${CHROME_PATH:-}" ]; then
		command -v "$CHROME_PATH" 2>/dev/null
		return
	fi
	for b in chromium-headless-shell chrome-headless-shell chromium chromium-browser google-chrome google-chrome-stable chrome; do
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
		echo "cookieaudit needs Chromium: install Debian's packages 'chromium' and 'chromium-headless-shell' (sudo apt-get install chromium chromium-headless-shell)" >&2
		exit 1
	fi
	echo "Chromium not found: installing Debian's packages 'chromium' and 'chromium-headless-shell'" >&2
	apt-get update
	DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
	# The shell is optional: without it scans and tests use chromium.
	if ! DEBIAN_FRONTEND=noninteractive apt-get install -y chromium-headless-shell; then
		echo "warning: Debian's package 'chromium-headless-shell' could not be installed; using chromium (slower)" >&2
	fi
	browser=$(find_browser) || {
		echo "the chromium package is installed but no chromium executable is on PATH" >&2
		exit 1
	}
fi
# A Chromium found without its shell (a machine that had Debian's chromium
# already): as root, the shell is added too, for the same reason.
case "$browser" in
*headless-shell*) ;;
*) if [ -z "${CHROME_PATH:-}" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "Chromium's headless shell not found beside $browser: installing Debian's package 'chromium-headless-shell'" >&2
	if DEBIAN_FRONTEND=noninteractive apt-get install -y chromium-headless-shell >/dev/null 2>&1 ||
		{ apt-get update >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium-headless-shell; }; then
		browser=$(find_browser)
	else
		echo "warning: Debian's package 'chromium-headless-shell' could not be installed; using $browser (slower)" >&2
	fi
fi ;;
esac
case "$browser" in
*headless-shell*) ;;
*) if [ -z "${CHROME_PATH:-}" ]; then
	echo "note: Chromium's headless shell is not installed (Debian's package 'chromium-headless-shell'): $browser is used; scans and tests take about three times the CPU" >&2
fi ;;
esac
echo "browser: $browser ($("$browser" --version 2>/dev/null || echo "version unknown"))"
