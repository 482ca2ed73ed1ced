package jsonl

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stancetag/stancetag/server"
)

// lockedBuffer is a bytes.Buffer safe to write and read from different
// goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestRunAnswersATrickleLineByLine(t *testing.T) {
	t.Parallel()
	// Lines arrive one at a time, as typed at a terminal: each one's
	// analysis must come out before the next line is sent, not wait for a
	// chunk to fill up.
	pr, pw := io.Pipe()
	var out lockedBuffer
	done := make(chan error, 1)
	go func() {
		_, err := Run(t.Context(), newFake(), pr, &out, io.Discard, config(2))
		done <- err
	}()
	for i := range 5 {
		_, err := fmt.Fprintf(pw, `{"id":"t%d","text":"France spoke."}`+"\n", i)
		require.NoError(t, err)
		require.Eventually(t, func() bool {
			return strings.Count(out.String(), "\n") == i+1
		}, 5*time.Second, time.Millisecond, "analysis of line %d", i+1)
	}
	// A line cut in two writes is answered once whole.
	_, err := io.WriteString(pw, `{"id":"half","text":`)
	require.NoError(t, err)
	_, err = io.WriteString(pw, `"Germany spoke."}`+"\n")
	require.NoError(t, err)
	require.Eventually(t, func() bool { return strings.Contains(out.String(), `"half"`) }, 5*time.Second, time.Millisecond)
	require.NoError(t, pw.Close())
	require.NoError(t, <-done)
}

func TestRunInterleavesMessagesWithOutput(t *testing.T) {
	t.Parallel()
	// With stdout and stderr on one terminal, each message sits between the
	// analyses of the lines around it, also inside a chunk.
	var in, want strings.Builder
	for i := range 300 {
		if i%7 == 3 {
			in.WriteString(`{"id":"bad","text":""}` + "\n")
			fmt.Fprintf(&want, "line %d: text: text is empty\n", i+1)
			continue
		}
		fmt.Fprintf(&in, `{"id":"s%d","text":"Nobody here."}`+"\n", i)
		fmt.Fprintf(&want, `{"statementId":"s%d","sentiment":{"label":"SENTIMENT_LABEL_NEUTRAL","score":0.5}}`+"\n", i)
	}
	for _, cfg := range []Config{config(1), config(2), {Workers: 2, Window: 6, Limits: server.DefaultLimits()}} {
		var both bytes.Buffer
		st, err := Run(t.Context(), newFake(), strings.NewReader(in.String()), &both, &both, cfg)
		require.NoError(t, err)
		assert.Equal(t, want.String(), both.String(), "workers %d window %d", cfg.Workers, cfg.Window)
		assert.Equal(t, Stats{Lines: 300, Written: 257, Bad: 43}, st)
	}
}

func TestReadChunksBounds(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("x", 10<<10)
	tests := []struct {
		name     string
		input    string
		perChunk int
		// want is the line numbers of each chunk.
		want [][]int
	}{
		{
			name:     "by lines, blank lines skipped but counted",
			input:    "a\nb\n\n  \nc\nd\ne\n",
			perChunk: 2,
			want:     [][]int{{1, 2}, {5, 6}, {7}},
		},
		{
			// A chunk ends once its lines reach chunkBytes (64 KiB): the
			// seventh 10 KiB line crosses it.
			name:     "by bytes",
			input:    strings.Repeat(long+"\n", 9),
			perChunk: 64,
			want:     [][]int{{1, 2, 3, 4, 5, 6, 7}, {8, 9}},
		},
		{
			// A last line without newline might go on: it is not waited
			// for, but read after handing on the chunk before it.
			name:     "last line without newline",
			input:    "a\r\nb",
			perChunk: 64,
			want:     [][]int{{1}, {2}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			const chunks = 4
			free := make(chan *chunk, chunks)
			work := make(chan *chunk, chunks)
			for range chunks {
				free <- new(chunk)
			}
			var got [][]int
			var data []string
			finished := make(chan struct{})
			go func() {
				defer close(finished)
				for ch := range work {
					var nums []int
					for i, l := range ch.lines {
						nums = append(nums, l.lineNo)
						data = append(data, string(ch.line(i)))
					}
					got = append(got, nums)
					free <- ch
				}
			}()
			// Read at once into a buffer big enough for all of it (which
			// readChunks then uses as it is), so that the next line is always
			// ready and only the bounds end a chunk.
			in := bufio.NewReaderSize(strings.NewReader(tt.input), 1<<20)
			n, err := readChunks(t.Context(), in, 1<<20, tt.perChunk, free, work)
			close(work)
			<-finished
			require.NoError(t, err)
			assert.Equal(t, strings.Count(tt.input, "\n")+btoi(!strings.HasSuffix(tt.input, "\n")), n)
			assert.Equal(t, tt.want, got)
			var wantData []string
			for line := range strings.Lines(tt.input) {
				if line = strings.TrimRight(line, "\r\n"); strings.TrimSpace(line) != "" {
					wantData = append(wantData, line)
				}
			}
			assert.Equal(t, wantData, data, "the lines themselves, without line ends")
		})
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestReadLineKeepsBufferOnLongLine(t *testing.T) {
	t.Parallel()
	// A line over the limit leaves what the buffer held before it intact.
	r := bufio.NewReaderSize(strings.NewReader(strings.Repeat("y", 100)+"\r\nok\n"), 16)
	buf, tooBig, eof, err := readLine(r, []byte("kept"), 50)
	require.NoError(t, err)
	assert.False(t, eof)
	assert.Equal(t, 101, tooBig, "the \\r counts, the \\n does not")
	assert.Equal(t, "kept", string(buf))
	buf, tooBig, eof, err = readLine(r, buf, 50)
	require.NoError(t, err)
	assert.False(t, eof)
	assert.Zero(t, tooBig)
	assert.Equal(t, "keptok", string(buf))
}
