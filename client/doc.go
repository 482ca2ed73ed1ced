// Package client is a Go client for a fleet of stancetag servers
// (stance.v1.StanceService).
//
// Dial takes one address ("host:port"), a comma-separated list of addresses
// ("10.0.0.1:50051,10.0.0.2:50051") or any gRPC target name
// ("dns:///stancetag-headless.nlp.svc.cluster.local:50051"). Calls are spread
// over every address with round_robin; client-side health checking of
// stance.v1.StanceService takes a replica out of rotation as soon as it
// reports NOT_SERVING (a draining pod) and a replica whose connection fails
// drops out by itself. Calls failing with UNAVAILABLE or RESOURCE_EXHAUSTED
// are retried by gRPC (4 attempts, exponential backoff from 0.1 s to 2 s),
// as long as no response has been received.
//
// AnalyzeAll tags a corpus of any size on the fleet: it cuts the statements
// into batches, keeps several Analyze calls in flight at once and hands the
// analyses back in input order, each exactly once. A batch that still fails
// with UNAVAILABLE, or with RESOURCE_EXHAUSTED carrying a RetryInfo (the
// server shedding load), after gRPC's own retries is sent again, a bounded
// number of times, before AnalyzeAll gives up. Unary batches rather than
// AnalyzeStream: each batch is balanced and retried on its own, whereas a
// stream stays on one replica and, once cut, would have to be resumed at the
// right message. Replicas may serve different lexicons during a rollout:
// AnalyzeAllVersioned also hands back the lexicon_version behind each
// analysis.
//
// A name resolved through DNS is re-resolved when a connection fails, not on
// a timer: replicas added by an autoscaler are found once a connection is
// recycled (the server's MaxConnectionAge, 30 min by default) or fails.
//
// A Client is safe for concurrent use by multiple goroutines.
package client
