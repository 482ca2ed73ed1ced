#!/usr/bin/env bash
# profile.sh: CPU profile of BenchmarkAnalyze25Words (classifier/lexicon),
# the whole analysis of one ~25-word statement, and the top of
# `go tool pprof -top`. Where that benchmark does not exist (yet), every
# benchmark of the packages under classifier/lexicon/ is profiled instead
# and the profiles are merged.
#
# Environment: BENCHTIME (go test -benchtime, default 2s), TOP (lines of
# pprof output, 25), PROFILE_BENCH (profile another benchmark of
# classifier/lexicon), BENCH_DIR (scratch directory, default
# $TMPDIR/stancetag-bench); the profiles stay there for
# `go tool pprof -http=: FILE`.
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

BENCHTIME="${BENCHTIME:-2s}"
TOP="${TOP:-25}"
bench="${PROFILE_BENCH:-BenchmarkAnalyze25Words}"
profiles=()

rm -f "$WORK"/cpu-*.pprof
if go test -list "^$bench\$" ./classifier/lexicon | grep -x "$bench" >/dev/null; then
	out="$WORK/cpu-lexicon.pprof"
	go test -run '^$' -bench "^$bench\$" -benchmem -benchtime "$BENCHTIME" \
		-cpuprofile "$out" -o "$WORK/lexicon.test" ./classifier/lexicon
	profiles+=("$out")
else
	echo "profile: no $bench in classifier/lexicon; profiling every benchmark under classifier/lexicon/ instead" >&2
	for pkg in $(go list ./classifier/lexicon/...); do
		if ! go test -list '^Benchmark' "$pkg" | grep '^Benchmark' >/dev/null; then
			continue
		fi
		out="$WORK/cpu-$(basename "$pkg").pprof"
		go test -run '^$' -bench . -benchmem -benchtime "$BENCHTIME" \
			-cpuprofile "$out" -o "$WORK/$(basename "$pkg").test" "$pkg"
		profiles+=("$out")
	done
fi
if [ "${#profiles[@]}" -eq 0 ]; then
	echo "profile: no benchmarks under classifier/lexicon/" >&2
	exit 1
fi
echo "# profiles: ${profiles[*]}"
go tool pprof -top -nodecount="$TOP" "${profiles[@]}"
