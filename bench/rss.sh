#!/usr/bin/env bash
# rss.sh [N]: peak resident memory of `stancetag analyze` over N generated
# statements (default 1,000,000), streamed from the generator through a pipe
# (no temporary file), output counted and discarded. analyze streams, so the
# peak should not grow with N.
#
# Peak RSS from /usr/bin/time when installed, else from polling VmHWM in
# /proc (MEASURE_PROC=1 forces that). Environment: SEED (1), ANALYZE_FLAGS,
# BENCH_DIR (scratch directory, default $TMPDIR/stancetag-bench).
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"

N="${1:-1000000}"
SEED="${SEED:-1}"
read -r -a analyze_flags <<<"${ANALYZE_FLAGS:-}"
case "$N" in
'' | *[!0-9]*) echo "usage: rss.sh [N]   (N statements, default 1000000)" >&2; exit 2 ;;
esac

build_tools stancetag corpus
context_line
lines=$("$WORK/corpus" -n "$N" -seed "$SEED" |
	measure "$WORK/rss-run" "$WORK/stancetag" analyze "${analyze_flags[@]}" | wc -l)
read -r ns kb <"$WORK/rss-run"
if [ "$lines" != "$N" ]; then
	echo "rss: $lines analyses for $N statements" >&2
	exit 1
fi
awk -v n="$N" -v ns="$ns" -v kb="$kb" 'BEGIN {
	printf "stancetag analyze: %d statements piped in %.2fs (%.0f statements/s), peak RSS %.1f MiB\n",
		n, ns / 1e9, n * 1e9 / ns, kb / 1024 }'
