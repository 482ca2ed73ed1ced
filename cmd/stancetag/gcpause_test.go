package main

import (
	"errors"
	"runtime/debug"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Not parallel: the GC percent is the process's.
func TestWithoutGCRestoresPercent(t *testing.T) {
	old := debug.SetGCPercent(123)
	t.Cleanup(func() { debug.SetGCPercent(old) })

	// Overlapping pauses, some failing: the collector is off inside each,
	// and back at 123 once the last one ends.
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			<-start
			_, err := withoutGC(func() (int, error) {
				// Setting -1 while paused returns -1: it was off.
				assert.Equal(t, -1, debug.SetGCPercent(-1))
				if i%2 == 1 {
					return 0, errors.New("load failed")
				}
				return i, nil
			})
			assert.Equal(t, i%2 == 1, err != nil)
		})
	}
	close(start)
	wg.Wait()
	require.Equal(t, 123, debug.SetGCPercent(123))

	got, err := withoutGC(func() (string, error) { return "lexicon", nil })
	require.NoError(t, err)
	assert.Equal(t, "lexicon", got)
	assert.Equal(t, 123, debug.SetGCPercent(123))
}
