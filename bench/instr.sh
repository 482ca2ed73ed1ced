#!/usr/bin/env bash
# instr.sh: instructions per op of classifier benchmarks, counted by
# valgrind's callgrind. Unlike ns/op, an instruction count does not move with
# what else the shared machine is doing, so it is the figure to compare two
# commits by (shared/MEASURING.md); ns/op stays the figure to quote.
#
# Each benchmark runs twice, N and 2N iterations, and the result is
# (Ir(2N) - Ir(N)) / N: the set-up (loading the lexicon) cancels out. The
# runs use GOMAXPROCS=1 and GOGC=off, so that garbage collection, whose share
# depends on timing, is left out: the count is the classifier's own work plus
# allocation, not the collector's.
#
# Environment: BENCHES (space-separated benchmark names of classifier/lexicon,
# default "Analyze1Word Analyze25Words Analyze300Words"), N (2000).
# Needs valgrind (Debian package valgrind); exits 2 without it.
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"

BENCHES="${BENCHES:-Analyze1Word Analyze25Words Analyze300Words}"
N="${N:-2000}"
if ! command -v valgrind >/dev/null; then
	echo "instr: valgrind is not installed (apt-get install valgrind)" >&2
	exit 2
fi
(cd "$ROOT" && go test -c -trimpath -o "$WORK/lexicon.test" ./classifier/lexicon)

# ir B ITERS: instructions of one run of benchmark B for ITERS iterations.
# valgrind 3.19 does not decode rdtscp, which the Go runtime uses when
# threads contend for a lock, and dies without a count: GODEBUG turns it off.
# A run that still prints no count is tried again.
ir() {
	local try n
	for try in 1 2 3; do
		# Go's asynchronous preemption signals trip callgrind; the count of
		# a single-threaded run does not need them.
		n=$(GOGC=off GOMAXPROCS=1 GODEBUG=asyncpreemptoff=1,cpu.rdtscp=off \
			valgrind --tool=callgrind --callgrind-out-file=/dev/null \
			"$WORK/lexicon.test" -test.run '^$' -test.bench "^Benchmark$1\$" -test.benchtime "${2}x" 2>&1 |
			sed -n 's/^==[0-9]*== Collected : \([0-9]*\)$/\1/p')
		if [ -n "$n" ]; then
			echo "$n"
			return
		fi
		echo "instr: no count from callgrind for $1 (try $try)" >&2
	done
}

context_line
printf '%-28s %16s\n' benchmark instructions/op
for b in $BENCHES; do
	lo=$(ir "$b" "$N")
	hi=$(ir "$b" $((2 * N)))
	if [ -z "$lo" ] || [ -z "$hi" ]; then
		echo "instr: callgrind printed no count for $b" >&2
		exit 1
	fi
	printf '%-28s %16d\n' "Benchmark$b" $(((hi - lo) / N))
done
