package server

import (
	"fmt"
	"math"
)

// Limits bound what one request may ask of the server. Every field is a
// `stancetag serve` flag; the zero value is not usable, start from
// DefaultLimits. Sizes are in bytes of UTF-8.
type Limits struct {
	// MaxBatch is the maximum number of statements in one Analyze call.
	// Default 1000.
	MaxBatch int
	// MaxTextBytes is the maximum size of one Statement.text. Default 65536.
	MaxTextBytes int
	// MaxActors is the maximum number of caller actors that apply to one
	// statement: the request-level (or stream-level) actors plus the
	// statement's own. Default 256.
	MaxActors int
	// MaxAliases is the maximum number of aliases of one actor. Default 64.
	MaxAliases int
	// MaxAliasBytes is the maximum size of one alias. Default 256.
	MaxAliasBytes int
	// MaxNameBytes is the maximum size of an actor name. Default 256.
	MaxNameBytes int
	// MaxIDBytes is the maximum size of a statement id, actor id or speaker
	// id. Default 256.
	MaxIDBytes int
	// MaxInFlight is the maximum number of statements being analysed at once
	// across all RPCs. A call that would go past it fails at once with
	// RESOURCE_EXHAUSTED and a RetryInfo instead of queueing, so memory and
	// latency stay bounded under overload. An Analyze call takes as many
	// slots as it has statements, a stream one slot per message while it is
	// analysed. Must be at least MaxBatch. Default 16384: 16 full batches,
	// about 40 ms of queued work per core at 5 µs a statement.
	MaxInFlight int
	// MaxRecvMsgBytes is the maximum size of one request message on the wire
	// (grpc.MaxRecvMsgSize). Default 16 MiB: a full batch of maximal texts
	// (1000 × 64 KiB) would need 64 MiB, which is too much to buffer per
	// call, so callers with batches larger in bytes split them or use
	// AnalyzeStream. Must be at least MaxTextBytes.
	MaxRecvMsgBytes int
	// MaxConcurrentStreams is the maximum number of concurrent RPCs on one
	// HTTP/2 connection (grpc.MaxConcurrentStreams). Default 256.
	MaxConcurrentStreams int
}

// DefaultLimits returns the documented defaults of every limit.
func DefaultLimits() Limits {
	return Limits{
		MaxBatch:             1000,
		MaxTextBytes:         64 << 10,
		MaxActors:            256,
		MaxAliases:           64,
		MaxAliasBytes:        256,
		MaxNameBytes:         256,
		MaxIDBytes:           256,
		MaxInFlight:          16384,
		MaxRecvMsgBytes:      16 << 20,
		MaxConcurrentStreams: 256,
	}
}

// Validate reports the first limit that is out of range, naming its field.
func (l Limits) Validate() error {
	positive := []struct {
		name string
		v    int
	}{
		{"MaxBatch", l.MaxBatch},
		{"MaxTextBytes", l.MaxTextBytes},
		{"MaxActors", l.MaxActors},
		{"MaxAliases", l.MaxAliases},
		{"MaxAliasBytes", l.MaxAliasBytes},
		{"MaxNameBytes", l.MaxNameBytes},
		{"MaxIDBytes", l.MaxIDBytes},
		{"MaxInFlight", l.MaxInFlight},
		{"MaxRecvMsgBytes", l.MaxRecvMsgBytes},
		{"MaxConcurrentStreams", l.MaxConcurrentStreams},
	}
	for _, f := range positive {
		if f.v <= 0 {
			return fmt.Errorf("server: Limits.%s must be > 0, got %d", f.name, f.v)
		}
	}
	switch {
	case l.MaxTextBytes > math.MaxInt32:
		// Spans in the API are int32.
		return fmt.Errorf("server: Limits.MaxTextBytes must be <= %d, got %d", math.MaxInt32, l.MaxTextBytes)
	case l.MaxRecvMsgBytes > math.MaxInt32:
		return fmt.Errorf("server: Limits.MaxRecvMsgBytes must be <= %d, got %d", math.MaxInt32, l.MaxRecvMsgBytes)
	case uint64(l.MaxConcurrentStreams) > math.MaxUint32:
		return fmt.Errorf("server: Limits.MaxConcurrentStreams must be <= %d, got %d", uint32(math.MaxUint32), l.MaxConcurrentStreams)
	case l.MaxInFlight < l.MaxBatch:
		// Otherwise a full batch could never be admitted.
		return fmt.Errorf("server: Limits.MaxInFlight (%d) must be >= MaxBatch (%d)", l.MaxInFlight, l.MaxBatch)
	case l.MaxRecvMsgBytes < l.MaxTextBytes:
		// Otherwise a statement within limits could not be sent.
		return fmt.Errorf("server: Limits.MaxRecvMsgBytes (%d) must be >= MaxTextBytes (%d)", l.MaxRecvMsgBytes, l.MaxTextBytes)
	}
	return nil
}
