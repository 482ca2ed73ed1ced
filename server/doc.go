// Package server implements the stance.v1.StanceService gRPC API over a
// classifier.Classifier.
//
// It owns everything at the API edge and nothing of the analysis itself:
//   - receiving requests as bytes and refusing them before they cost memory:
//     the Authorizer first, then counts of repeated fields taken on the wire
//     bytes, then a bound on request bytes being decoded at once, and only
//     then decoding; bytes that are no message are INVALID_ARGUMENT
//     (request.go, wire.go, budget.go);
//   - validation of requests against Limits, reported as INVALID_ARGUMENT with
//     google.rpc.BadRequest field violations and a google.rpc.ErrorInfo reason
//     (validate.go, errors.go);
//   - conversion between the generated protobuf types and the classifier's
//     domain types, including UTF-8 byte offsets to the UTF-16 or code point
//     offsets a client asks for (convert.go, offsets.go);
//   - load shedding: a bound on statements analysed at once across all RPCs,
//     past which calls fail fast with RESOURCE_EXHAUSTED and a RetryInfo
//     (inflight.go), and the same for request bytes (budget.go);
//   - AIP-158 paging over the gazetteer (paging.go);
//   - wiring of the *grpc.Server: health, reflection, keepalive, message size
//     limits, panic recovery and one log line per RPC (server.go,
//     interceptors.go);
//   - the same services over HTTP, the Connect protocol and gRPC-Web,
//     translated into gRPC for that *grpc.Server, with body limits,
//     timeouts and CORS (http.go).
//
// Domain errors become gRPC status codes in exactly one place, statusOf in
// errors.go. A Server is safe for concurrent use; its classifier can be swapped
// atomically (SetClassifier) while RPCs run: each RPC, and each message of a
// stream, uses one classifier from start to end.
package server
