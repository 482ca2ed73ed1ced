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
	// MaxDocumentBytes is the maximum size of one Document.text
	// (AnalyzeDocument, stancetag analyze --format text). Default 1048576
	// (1 MiB), some 150 news articles. A document must also fit the wire
	// limit, RecvMsgBytes. It also bounds the statement text of one Analyze
	// request that asks for include_syntax (whose parse is some six times
	// the text).
	MaxDocumentBytes int
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
	// (grpc.MaxRecvMsgSize); larger ones are refused by gRPC from their
	// length prefix, before they are read. Default 0: derived from the other
	// limits by RecvMsgBytes, so that a full batch of maximal texts with ids
	// fits (about 63 MiB with the defaults) and nothing much larger does. If
	// set, at least MaxTextBytes.
	MaxRecvMsgBytes int
	// MaxBytesInFlight is the maximum of the wire sizes of the requests (and
	// stream messages) being decoded and analysed at once across all RPCs.
	// Decoding costs a few times the wire size, so this bounds the memory
	// that requests take; a request that would go past it fails at once with
	// RESOURCE_EXHAUSTED and a RetryInfo. Default 0: 2 × RecvMsgBytes(). If
	// set, at least RecvMsgBytes().
	MaxBytesInFlight int
	// MaxConnBytesInFlight is MaxBytesInFlight for the requests of one
	// connection, so that one client cannot take the whole budget. Default
	// 0: RecvMsgBytes(). If set, at least RecvMsgBytes() and at most
	// BytesInFlight().
	MaxConnBytesInFlight int
	// MaxConcurrentStreams is the maximum number of concurrent RPCs on one
	// HTTP/2 connection (grpc.MaxConcurrentStreams). Default 256.
	MaxConcurrentStreams int
}

// DefaultLimits returns the documented defaults of every limit.
func DefaultLimits() Limits {
	return Limits{
		MaxBatch:             1000,
		MaxTextBytes:         64 << 10,
		MaxDocumentBytes:     1 << 20,
		MaxActors:            256,
		MaxAliases:           64,
		MaxAliasBytes:        256,
		MaxNameBytes:         256,
		MaxIDBytes:           256,
		MaxInFlight:          16384,
		MaxConcurrentStreams: 256,
	}
}

// Room on the wire, beyond the texts, that the derived RecvMsgBytes leaves:
// per statement its id, speaker id and framing, per request-level actor its
// id, name and framing, and some for options and framing.
const (
	recvStatementFraming = 32
	recvActorFraming     = 32
	recvRequestFraming   = 4 << 10
)

// RecvMsgBytes returns MaxRecvMsgBytes, or when it is 0 the size of the
// largest request within the other limits without per-statement actors:
// MaxBatch statements of MaxTextBytes with ids and speaker ids of MaxIDBytes,
// and MaxActors request-level actors with ids and names but no aliases. At
// most math.MaxInt32.
func (l Limits) RecvMsgBytes() int {
	if l.MaxRecvMsgBytes != 0 {
		return l.MaxRecvMsgBytes
	}
	n := int64(l.MaxBatch)*(int64(l.MaxTextBytes)+2*int64(l.MaxIDBytes)+recvStatementFraming) +
		int64(l.MaxActors)*(int64(l.MaxIDBytes)+int64(l.MaxNameBytes)+recvActorFraming) + recvRequestFraming
	return int(min(n, math.MaxInt32))
}

// BytesInFlight returns MaxBytesInFlight, or when it is 0 2 × RecvMsgBytes().
func (l Limits) BytesInFlight() int {
	if l.MaxBytesInFlight != 0 {
		return l.MaxBytesInFlight
	}
	return 2 * l.RecvMsgBytes()
}

// ConnBytesInFlight returns MaxConnBytesInFlight, or when it is 0
// RecvMsgBytes().
func (l Limits) ConnBytesInFlight() int {
	if l.MaxConnBytesInFlight != 0 {
		return l.MaxConnBytesInFlight
	}
	return l.RecvMsgBytes()
}

// Validate reports the first limit that is out of range, naming its field.
func (l Limits) Validate() error {
	positive := []struct {
		name string
		v    int
	}{
		{"MaxBatch", l.MaxBatch},
		{"MaxTextBytes", l.MaxTextBytes},
		{"MaxDocumentBytes", l.MaxDocumentBytes},
		{"MaxActors", l.MaxActors},
		{"MaxAliases", l.MaxAliases},
		{"MaxAliasBytes", l.MaxAliasBytes},
		{"MaxNameBytes", l.MaxNameBytes},
		{"MaxIDBytes", l.MaxIDBytes},
		{"MaxInFlight", l.MaxInFlight},
		{"MaxConcurrentStreams", l.MaxConcurrentStreams},
	}
	for _, f := range positive {
		if f.v <= 0 {
			return fmt.Errorf("server: Limits.%s must be > 0, got %d", f.name, f.v)
		}
	}
	derived := []struct {
		name string
		v    int
	}{
		{"MaxRecvMsgBytes", l.MaxRecvMsgBytes},
		{"MaxBytesInFlight", l.MaxBytesInFlight},
		{"MaxConnBytesInFlight", l.MaxConnBytesInFlight},
	}
	for _, f := range derived {
		if f.v < 0 {
			return fmt.Errorf("server: Limits.%s must be >= 0 (0: derived), got %d", f.name, f.v)
		}
	}
	switch {
	case l.MaxTextBytes > math.MaxInt32:
		// Spans in the API are int32.
		return fmt.Errorf("server: Limits.MaxTextBytes must be <= %d, got %d", math.MaxInt32, l.MaxTextBytes)
	case l.MaxDocumentBytes > math.MaxInt32:
		return fmt.Errorf("server: Limits.MaxDocumentBytes must be <= %d, got %d", math.MaxInt32, l.MaxDocumentBytes)
	case l.MaxRecvMsgBytes > math.MaxInt32:
		return fmt.Errorf("server: Limits.MaxRecvMsgBytes must be <= %d, got %d", math.MaxInt32, l.MaxRecvMsgBytes)
	case uint64(l.MaxConcurrentStreams) > math.MaxUint32:
		return fmt.Errorf("server: Limits.MaxConcurrentStreams must be <= %d, got %d", uint32(math.MaxUint32), l.MaxConcurrentStreams)
	case l.MaxInFlight < l.MaxBatch:
		// Otherwise a full batch could never be admitted.
		return fmt.Errorf("server: Limits.MaxInFlight (%d) must be >= MaxBatch (%d)", l.MaxInFlight, l.MaxBatch)
	case l.RecvMsgBytes() < l.MaxTextBytes:
		// Otherwise a statement within limits could not be sent.
		return fmt.Errorf("server: Limits.MaxRecvMsgBytes (%d) must be >= MaxTextBytes (%d)", l.RecvMsgBytes(), l.MaxTextBytes)
	case l.BytesInFlight() < l.RecvMsgBytes():
		// Otherwise a request of the largest size could never be decoded.
		return fmt.Errorf("server: Limits.MaxBytesInFlight (%d) must be >= MaxRecvMsgBytes (%d)", l.BytesInFlight(), l.RecvMsgBytes())
	case l.ConnBytesInFlight() < l.RecvMsgBytes():
		return fmt.Errorf("server: Limits.MaxConnBytesInFlight (%d) must be >= MaxRecvMsgBytes (%d)", l.ConnBytesInFlight(), l.RecvMsgBytes())
	case l.ConnBytesInFlight() > l.BytesInFlight():
		return fmt.Errorf("server: Limits.MaxConnBytesInFlight (%d) must be <= MaxBytesInFlight (%d)", l.ConnBytesInFlight(), l.BytesInFlight())
	}
	return nil
}
