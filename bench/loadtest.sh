#!/usr/bin/env bash
# loadtest.sh: serves stancetag on a loopback port and loads it.
#
# Default mode, in order:
#   1. ghz, unary Analyze of 1 statement, concurrency UNARY_C (16), UNARY_N
#      calls (50000): latency and errors as a generic client sees them;
#   2. ghz, Analyze batches of BATCH (100), concurrency BATCH_C (4), BATCH_N
#      calls (2000): ghz decodes replies dynamically and caps this
#      throughput near 35–49k statements/s (shared/MEASURING.md), so
#   3. grpcload, the same batches from a Go client on the generated code;
#   4. grpcload, one AnalyzeStream of STREAM_N statements (200000);
#   then the server's RSS (now and peak).
# Every ghz run ends by count (-n), never by duration: at the end of a -z
# run ghz cancels in-flight calls and counts them as errors.
#
# Soak mode (SOAK=60s, or `make soak`): instead of the above, SOAK of mixed
# unary, batch and stream load from grpcload (bounded also by SOAK_MAX
# statements), sampling the server's VmRSS every SAMPLE (5s).
#
# Exit status non-zero on any failed call, wrong reply or ghz run not ended
# by count. Loopback only. The server logs at INFO, as deployed: one
# access-log line per RPC, to $BENCH_DIR/serve.log (a higher level would also
# hide the "serving" line that carries its address). Other environment:
# SEED, BENCH_DIR (scratch directory, default $TMPDIR/stancetag-bench).
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"

UNARY_N="${UNARY_N:-50000}"
UNARY_C="${UNARY_C:-16}"
BATCH="${BATCH:-100}"
BATCH_N="${BATCH_N:-2000}"
BATCH_C="${BATCH_C:-4}"
STREAM_N="${STREAM_N:-200000}"
SOAK="${SOAK:-}"
SOAK_MAX="${SOAK_MAX:-50000000}"
SOAK_C="${SOAK_C:-4}"
SAMPLE="${SAMPLE:-5s}"
SEED="${SEED:-1}"
GHZ=(go tool -modfile="$ROOT/tools/go.mod" ghz)

build_tools stancetag grpcload ghzsummary corpus

log="$WORK/serve.log"
"$WORK/stancetag" serve --listen 127.0.0.1:0 2>"$log" &
server=$!
stop_server() {
	if kill -0 "$server" 2>/dev/null; then
		kill -TERM "$server"
		wait "$server" || echo "loadtest: server exited with status $? (log: $log)" >&2
	fi
}
trap stop_server EXIT

# The "serving" log line carries the address actually listened on.
addr=""
for _ in $(seq 1 300); do
	addr=$(sed -n 's/.*"msg":"serving".*"addr":"\([^"]*\)".*/\1/p' "$log" | head -n 1)
	if [ -n "$addr" ]; then break; fi
	if ! kill -0 "$server" 2>/dev/null; then
		echo "loadtest: server exited before serving; log:" >&2
		cat "$log" >&2
		exit 1
	fi
	sleep 0.1
done
if [ -z "$addr" ]; then
	echo "loadtest: no \"serving\" log line within 30s; log:" >&2
	cat "$log" >&2
	exit 1
fi
case "$addr" in
127.0.0.1:*) ;;
*) echo "loadtest: server listens on $addr, not loopback" >&2; exit 1 ;;
esac
"$WORK/grpcload" health -addr "$addr" -timeout 30s

context_line
echo "# server pid $server on $addr"

rss() {
	awk '/^VmRSS:|^VmHWM:/ { printf "%s %.1f MiB  ", $1, $2 / 1024 } END { print "" }' "/proc/$server/status"
}

if [ -n "$SOAK" ]; then
	echo "# soak: $SOAK or $SOAK_MAX statements, concurrency $SOAK_C, batches and streams of $BATCH, RSS every $SAMPLE"
	"$WORK/grpcload" soak -addr "$addr" -seed "$SEED" -duration "$SOAK" -max-statements "$SOAK_MAX" \
		-concurrency "$SOAK_C" -batch "$BATCH" -pid "$server" -sample "$SAMPLE"
	echo "server after soak: $(rss)"
	exit 0
fi

status=0
# ghz sends the requests of a -D array round-robin: 1000 distinct single
# statements, and 20 distinct batches.
"$WORK/corpus" -format ghz -n 1000 -batch 1 -seed "$SEED" >"$WORK/ghz-unary.json"
"$WORK/corpus" -format ghz -n $((BATCH * 20)) -batch "$BATCH" -seed "$SEED" >"$WORK/ghz-batch.json"

ghz_run() { # NAME STATEMENTS_PER_CALL DATA N C
	local name="$1" per="$2" data="$3" n="$4" c="$5"
	"${GHZ[@]}" --insecure --proto "$ROOT/proto/stance/v1/stance.proto" \
		--call stance.v1.StanceService.Analyze -D "$data" -n "$n" -c "$c" \
		-O json -o "$WORK/ghz-$name.report.json" "$addr" || status=1
	"$WORK/ghzsummary" -name "ghz $name c=$c" -batch "$per" "$WORK/ghz-$name.report.json" || status=1
}
ghz_run unary-1 1 "$WORK/ghz-unary.json" "$UNARY_N" "$UNARY_C"
ghz_run "batch-$BATCH" "$BATCH" "$WORK/ghz-batch.json" "$BATCH_N" "$BATCH_C"
"$WORK/grpcload" batch -addr "$addr" -seed "$SEED" -batches "$BATCH_N" -batch "$BATCH" -concurrency "$BATCH_C" || status=1
"$WORK/grpcload" stream -addr "$addr" -seed "$SEED" -n "$STREAM_N" || status=1
echo "server: $(rss)"
exit "$status"
