# Shared by the bench/ scripts; sourced, not run. Sets ROOT (the repository)
# and WORK (scratch directory: binaries, corpora, reports), and defines the
# helpers below. Nothing here starts a process that outlives its caller.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${BENCH_DIR:-${TMPDIR:-/tmp}/stancetag-bench}"
mkdir -p "$WORK"

# build_tools NAME...: builds each of stancetag, corpus, grpcload,
# ghzsummary and govader (its own module) into $WORK.
build_tools() {
	local t
	for t in "$@"; do
		case "$t" in
		stancetag) (cd "$ROOT" && go build -trimpath -o "$WORK/stancetag" ./cmd/stancetag) ;;
		govader) (cd "$ROOT/bench/govader" && go build -trimpath -o "$WORK/govader" .) ;;
		*) (cd "$ROOT" && go build -trimpath -o "$WORK/$t" "./bench/$t") ;;
		esac
	done
}

# context_line: what the figures were measured on and under, for the record.
context_line() {
	local rev
	rev="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
	if [ -n "$(git -C "$ROOT" status --porcelain 2>/dev/null | head -n 1)" ]; then
		rev="$rev+dirty"
	fi
	echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) commit $rev, $(go env GOVERSION), $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
}

# measure OUT CMD [ARGS...]: runs CMD with the caller's stdin and stdout and
# writes "ELAPSED_NS PEAK_RSS_KB" to the file OUT. The peak RSS comes from
# /usr/bin/time when it is installed (and MEASURE_PROC=1 is not set), else
# from polling the process' VmHWM in /proc every 50 ms (which may miss a
# peak reached in its last 50 ms). Returns CMD's exit status.
measure() {
	local out="$1" t0 t1="" kb status=0
	shift
	t0=$(date +%s%N)
	if [ -x /usr/bin/time ] && [ "${MEASURE_PROC:-0}" != 1 ]; then
		/usr/bin/time -f '%M' -o "$out.time" "$@" || status=$?
		kb=$(tail -n 1 "$out.time")
	else
		# <&0: a background command would otherwise read /dev/null.
		"$@" <&0 &
		local pid=$! poller
		echo 0 >"$out.hwm"
		# The poller keeps the last VmHWM (peak RSS so far) in $out.hwm,
		# while this shell waits for CMD, so the time is taken as it ends.
		(
			while kill -0 "$pid" 2>/dev/null; do
				v=$(sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\) kB$/\1/p' "/proc/$pid/status" 2>/dev/null || true)
				if [ -n "$v" ]; then echo "$v" >"$out.hwm"; fi
				sleep 0.05
			done
		) &
		poller=$!
		wait "$pid" || status=$?
		t1=$(date +%s%N)
		# It ends by itself within 50 ms of CMD.
		wait "$poller" || true
		kb=$(cat "$out.hwm")
	fi
	t1="${t1:-$(date +%s%N)}"
	echo "$((t1 - t0)) $kb" >"$out"
	return "$status"
}

# median: the median of the numbers on stdin, one per line.
median() {
	sort -g | awk '{ v[NR] = $1 } END {
		if (NR == 0) { print "nan"; exit }
		if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
