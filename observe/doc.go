// Package observe makes a stancetag server observable: Prometheus metrics
// (metrics.go, statements.go), an HTTP handler for /metrics, /healthz and
// /readyz (http.go) and OpenTelemetry tracing exported over OTLP/gRPC when the
// standard OTEL_EXPORTER_OTLP_* environment asks for it (tracing.go).
//
// Everything here plugs into server.New through server.WithGRPCOptions: the
// package never imports server/ and needs no change to it. Metrics and the
// handler are safe for concurrent use; nothing in this package logs.
//
// Metrics exported (besides what the caller registers itself):
//   - grpc_server_started_total, grpc_server_handled_total,
//     grpc_server_msg_received_total, grpc_server_msg_sent_total and the
//     grpc_server_handling_seconds histogram, labelled grpc_type,
//     grpc_service, grpc_method (and grpc_code), from go-grpc-middleware;
//   - stancetag_statements_analyzed_total{method}: statements analysed
//     successfully, i.e. analyses sent back, by "Analyze" or "AnalyzeStream";
//   - stancetag_lexicon_entries{part}: entries in each part of the loaded
//     lexicon ("sentiment", "gazetteer", "stance");
//   - stancetag_lexicon_load_seconds: how long the last lexicon load took;
//   - stancetag_build_info{version, goversion, lexicon_version}: always 1.
package observe
