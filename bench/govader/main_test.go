package main

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// input is three statements written for this test, a blank line (skipped)
// and a bad line.
const input = `{"id":"a","text":"France warmly welcomed the agreement and praised Germany for its generous support."}
{"id":"b","text":"Russia condemned the brutal attack and accused Ukraine of reckless escalation."}

{"id":"c","text":"Ministers met in Geneva on Tuesday."}
{"id":"d","text":
`

func TestRun(t *testing.T) {
	t.Parallel()
	var out, errOut bytes.Buffer
	code := run(nil, strings.NewReader(input), &out, &errOut)
	assert.Equal(t, 1, code, "a bad line makes the exit status 1")
	assert.Contains(t, errOut.String(), "line 5:")
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	require.Len(t, lines, 3, out.String())
	// Positive, negative, neutral, in input order.
	for i, want := range []string{"a\t0.", "b\t-0.", "c\t0.0000"} {
		assert.True(t, strings.HasPrefix(lines[i], want), "line %d = %q, want prefix %q", i+1, lines[i], want)
	}
}

func TestWorkersKeepOrder(t *testing.T) {
	t.Parallel()
	// More lines than two chunks, so several chunks and all workers are
	// used; the output must not depend on -workers.
	const n = 2*chunkLines + 17
	texts := []string{"Japan strongly supports the new trade pact.", "Iran rejected the terrible proposal.", "Talks resume Monday."}
	var in strings.Builder
	for i := range n {
		in.WriteString(`{"id":"s` + strconv.Itoa(i) + `","text":"` + texts[i%len(texts)] + `"}` + "\n")
	}
	var one, four bytes.Buffer
	require.Equal(t, 0, run([]string{"-workers", "1"}, strings.NewReader(in.String()), &one, new(bytes.Buffer)))
	require.Equal(t, 0, run([]string{"-workers", "4"}, strings.NewReader(in.String()), &four, new(bytes.Buffer)))
	assert.Equal(t, one.String(), four.String(), "output differs between -workers 1 and -workers 4")
	assert.Equal(t, n, strings.Count(one.String(), "\n"))
	assert.True(t, strings.HasPrefix(one.String(), "s0\t"))
}

func TestBadUsage(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{"-workers", "0"}, {"file.jsonl"}, {"-nope"}} {
		assert.Equal(t, 2, run(args, strings.NewReader(""), new(bytes.Buffer), new(bytes.Buffer)), args)
	}
}
