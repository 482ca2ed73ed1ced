package main

import (
	"runtime"
	"runtime/debug"
	"sync"
)

// gcPause pauses the garbage collector while start-up work runs. Loading
// the lexicon makes many allocations, most of which stay live, and the heap
// starts small (4 MB goal), so the collector would run four or five times
// during the load for little garbage: 30% of analyze's start-up
// instructions. One collection when the last pause ends frees the load's
// garbage before the statements come. Measured with callgrind: start-up
// about 140M -> 106M instructions; peak RSS 29.8 -> 30.0 MiB over 1M
// statements (make rss), about +0.9 MiB over 100,000.
//
// Pauses may overlap (tests run commands in parallel): the first saves the
// GC percent and the last restores it.
var gcPause struct {
	mu      sync.Mutex
	n       int // pauses running
	percent int // GC percent before the first
}

// withoutGC runs f with the garbage collector paused.
func withoutGC[T any](f func() (T, error)) (T, error) {
	gcPause.mu.Lock()
	if gcPause.n == 0 {
		gcPause.percent = debug.SetGCPercent(-1)
	}
	gcPause.n++
	gcPause.mu.Unlock()
	defer func() {
		gcPause.mu.Lock()
		gcPause.n--
		last := gcPause.n == 0
		if last {
			debug.SetGCPercent(gcPause.percent)
		}
		gcPause.mu.Unlock()
		if last {
			runtime.GC()
		}
	}()
	return f()
}
