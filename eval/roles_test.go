package eval_test

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stancetag/stancetag/classifier/lexicon"
	"github.com/stancetag/stancetag/eval"
)

// sets/roles-dev.jsonl (described in sets/README.md) reads with the
// embedded gazetteer, and every construction group has positive items and
// near misses ("-nm-" ids).
func TestRolesDevSet(t *testing.T) {
	t.Parallel()
	c, err := lexicon.Default()
	require.NoError(t, err)
	known := make(map[string]bool)
	for _, a := range c.Gazetteer() {
		known[a.ID] = true
	}
	f, err := os.Open(filepath.Join("sets", "roles-dev.jsonl"))
	require.NoError(t, err)
	defer f.Close()
	rd := eval.NewReader(f, "roles-dev.jsonl")
	rd.Known = func(id string) bool { return known[id] }

	groups := []string{"svo", "pass", "pp", "poss", "appos", "relcl", "conj", "ctrl", "comp", "quote", "chain", "coref", "event"}
	pos, nearMiss := map[string]int{}, map[string]int{}
	items, withCaller := 0, 0
	for {
		it, err := rd.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err)
		items++
		if len(it.Actors) > 0 {
			withCaller++
		}
		require.True(t, it.HasRelations, it.ID)
		g, _, _ := strings.Cut(it.ID, "-")
		require.Contains(t, groups, g, "id %q names no construction group", it.ID)
		if strings.Contains(it.ID, "-nm-") {
			nearMiss[g]++
			// A near miss says what a naive rule must not find: a gold
			// neutral pair, or a label opposite to the naive one.
			assert.NotEmpty(t, it.Relations, "near miss %s has no gold relation", it.ID)
		} else {
			pos[g]++
		}
	}
	assert.GreaterOrEqual(t, items, 160)
	assert.Greater(t, withCaller, items/4, "items with caller actors")
	assert.Less(t, withCaller, items/2, "items with caller actors")
	for _, g := range groups {
		assert.GreaterOrEqual(t, pos[g], 3, "positive %s items", g)
		assert.GreaterOrEqual(t, nearMiss[g], 3, "near-miss %s items", g)
	}
}
