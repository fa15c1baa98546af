#!/usr/bin/env bash
# check-file-sizes.sh fails when a Go file that is not a test has more than
# 450 lines: a file that long holds several jobs (issue 13), and is split by
# job instead.
set -euo pipefail
cd "$(dirname "$0")/.."
limit=450
status=0
while IFS= read -r -d '' f; do
	n=$(wc -l <"$f")
	if [ "$n" -gt "$limit" ]; then
		echo "$f: $n lines, more than $limit: split it by job" >&2
		status=1
	fi
done < <(git ls-files -z -- '*.go' ':!:*_test.go')
exit $status
