package server

import (
	"context"
	"strconv"
	"sync"

	"google.golang.org/grpc/peer"
)

// BytesOverloadError is a request refused because decoding it would take
// the request bytes being decoded and analysed past Limits.MaxBytesInFlight,
// or those of its connection past Limits.MaxConnBytesInFlight. It becomes
// RESOURCE_EXHAUSTED with a RetryInfo, as OverloadError does.
type BytesOverloadError struct {
	// Bytes is the size of the request on the wire.
	Bytes int
	// Limit is the limit it would have gone past.
	Limit int
	// PerConnection tells which: MaxConnBytesInFlight when true.
	PerConnection bool
}

func (e *BytesOverloadError) Error() string {
	where := "the server"
	if e.PerConnection {
		where = "this connection"
	}
	return "server overloaded: " + strconv.Itoa(e.Limit) + " request bytes in flight on " + where + "; retry later"
}

// byteBudget bounds the wire bytes of the requests being decoded and
// analysed at once, over the whole server and per connection. Decoding
// costs a few times a request's wire size, so bounding the bytes bounds the
// memory. Like inflight it never blocks: past a bound the caller is told to
// retry.
type byteBudget struct {
	limit, perConn int

	mu    sync.Mutex
	total int
	conns map[string]int // by the peer's address; entries at 0 are deleted
}

func newByteBudget(limit, perConn int) *byteBudget {
	return &byteBudget{limit: limit, perConn: perConn, conns: make(map[string]int)}
}

// acquire takes n bytes for the connection of ctx, or fails with a
// *BytesOverloadError. The returned function gives them back; it must be
// called exactly once.
func (b *byteBudget) acquire(ctx context.Context, n int) (release func(), err error) {
	conn := ""
	if p, ok := peer.FromContext(ctx); ok && p.Addr != nil {
		conn = p.Addr.String()
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	switch {
	case b.total+n > b.limit:
		return nil, &BytesOverloadError{Bytes: n, Limit: b.limit}
	case b.conns[conn]+n > b.perConn:
		return nil, &BytesOverloadError{Bytes: n, Limit: b.perConn, PerConnection: true}
	}
	b.total += n
	b.conns[conn] += n
	return func() {
		b.mu.Lock()
		defer b.mu.Unlock()
		b.total -= n
		if b.conns[conn] -= n; b.conns[conn] == 0 {
			delete(b.conns, conn)
		}
	}, nil
}
