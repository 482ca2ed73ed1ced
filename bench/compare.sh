#!/usr/bin/env bash
# compare.sh: whole-process speed of `stancetag analyze` against govader (the
# Go port of VADER, sentence sentiment only) over the same generated corpus,
# read from a file, output to /dev/null.
#
# The two run alternately (stancetag, govader, stancetag, govader, …) so that
# both see the same machine noise; the result is the median rate of each and
# the median of the per-round ratios stancetag/govader. Quote the ratio and
# medians, never one run (shared/MEASURING.md).
#
# Environment: ROUNDS (5), N statements (100000), SEED (1), MIX (default, or
# actors3: at least 3 caller actors per statement, see bench/corpus), GOVADER_WORKERS
# (1: govader as usually run; stancetag analyze uses every CPU by default),
# ANALYZE_FLAGS (extra flags for stancetag analyze), BENCH_DIR (scratch
# directory, default $TMPDIR/stancetag-bench), MEASURE_PROC=1 (peak RSS from
# /proc even when /usr/bin/time exists).
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"

ROUNDS="${ROUNDS:-5}"
N="${N:-100000}"
SEED="${SEED:-1}"
MIX="${MIX:-default}"
GOVADER_WORKERS="${GOVADER_WORKERS:-1}"
read -r -a analyze_flags <<<"${ANALYZE_FLAGS:-}"

build_tools stancetag govader corpus
corpus="$WORK/corpus-n$N-seed$SEED-$MIX.jsonl"
"$WORK/corpus" -n "$N" -seed "$SEED" -mix "$MIX" -stats >"$corpus"

stancetag_cmd=("$WORK/stancetag" analyze "${analyze_flags[@]}")
govader_cmd=("$WORK/govader" -workers "$GOVADER_WORKERS")

# Both must answer every line; checked once, on the first 1000, untimed
# (this also warms the page cache and the binaries).
for name in stancetag govader; do
	declare -n cmd="${name}_cmd"
	got=$(head -n 1000 "$corpus" | "${cmd[@]}" | wc -l)
	want=$(head -n 1000 "$corpus" | wc -l)
	if [ "$got" != "$want" ]; then
		echo "compare: $name wrote $got lines for $want statements" >&2
		exit 1
	fi
done

context_line
echo "# $N statements ($corpus, mix $MIX), $ROUNDS rounds, govader -workers $GOVADER_WORKERS, stancetag analyze ${analyze_flags[*]}"
printf '%-6s %-10s %9s %14s %12s\n' round program seconds statements/s "peak RSS"
: >"$WORK/compare-rates"
for round in $(seq 1 "$ROUNDS"); do
	declare -A rate=()
	for name in stancetag govader; do
		declare -n cmd="${name}_cmd"
		measure "$WORK/compare-run" "${cmd[@]}" <"$corpus" >/dev/null
		read -r ns kb <"$WORK/compare-run"
		rate[$name]=$(awk -v n="$N" -v ns="$ns" 'BEGIN { printf "%.0f", n * 1e9 / ns }')
		awk -v r="$round" -v p="$name" -v ns="$ns" -v rate="${rate[$name]}" -v kb="$kb" \
			'BEGIN { printf "%-6s %-10s %9.3f %14d %9.1f MiB\n", r, p, ns / 1e9, rate, kb / 1024 }'
	done
	echo "${rate[stancetag]} ${rate[govader]}" >>"$WORK/compare-rates"
done

st=$(awk '{ print $1 }' "$WORK/compare-rates" | median)
gv=$(awk '{ print $2 }' "$WORK/compare-rates" | median)
ratio=$(awk '{ print $1 / $2 }' "$WORK/compare-rates" | median)
printf 'median statements/s: stancetag %.0f, govader %.0f; median ratio stancetag/govader %.2f (per round: %s)\n' \
	"$st" "$gv" "$ratio" "$(awk '{ printf "%s%.2f", (NR > 1 ? " " : ""), $1 / $2 }' "$WORK/compare-rates")"
