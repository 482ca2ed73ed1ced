package server

import "sync/atomic"

// inflight counts statements being analysed across all RPCs against a fixed
// bound. Acquiring never blocks: past the bound the caller is told to retry,
// so neither goroutines nor request memory pile up under overload.
type inflight struct {
	limit int64
	n     atomic.Int64
}

// tryAcquire takes k slots if all k are free.
func (f *inflight) tryAcquire(k int) bool {
	for {
		cur := f.n.Load()
		if cur+int64(k) > f.limit {
			return false
		}
		if f.n.CompareAndSwap(cur, cur+int64(k)) {
			return true
		}
	}
}

// release returns k slots taken by tryAcquire.
func (f *inflight) release(k int) { f.n.Add(-int64(k)) }
