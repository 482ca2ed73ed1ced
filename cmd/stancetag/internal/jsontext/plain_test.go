package jsontext

import (
	"bytes"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPlainRun(t *testing.T) {
	t.Parallel()
	// Every byte value at every position of texts up to 20 bytes, from every
	// start: the word-at-a-time scan stops where the byte loop does, for
	// byte slices and strings alike.
	slow := func(data []byte, i int) int {
		for i < len(data) && IsPlain(data[i]) {
			i++
		}
		return i
	}
	for n := 1; n <= 20; n++ {
		for pos := range n {
			for c := range 256 {
				data := bytes.Repeat([]byte{'a'}, n)
				data[pos] = byte(c)
				for start := 0; start <= n; start++ {
					want := slow(data, start)
					if got := PlainRunBytes(data, start); got != want {
						t.Fatalf("PlainRunBytes(%q, %d) = %d, want %d", data, start, got, want)
					}
					if got := PlainRun(string(data), start); got != want {
						t.Fatalf("PlainRun(string %q, %d) = %d, want %d", data, start, got, want)
					}
				}
			}
		}
	}
	// Two special bytes in one word: the first one counts.
	data := `abc"de\fghijklmnop`
	assert.Equal(t, 3, PlainRun(data, 0))
	assert.Equal(t, 6, PlainRunBytes([]byte(data), 4))
}

func TestPlainRunMixed(t *testing.T) {
	t.Parallel()
	// Random texts of plain and special bytes, several specials to a word:
	// the first special byte counts whatever follows it.
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []byte("ab \"\\\x00\x1f\x7f\x80\xc3\xa9\xff")
	for range 20000 {
		data := make([]byte, rng.IntN(40))
		for i := range data {
			data[i] = alphabet[rng.IntN(len(alphabet))]
		}
		for start := 0; start <= len(data); start++ {
			want := start
			for want < len(data) && IsPlain(data[want]) {
				want++
			}
			require.Equal(t, want, PlainRunBytes(data, start), "%q from %d", data, start)
			require.Equal(t, want, PlainRun(string(data), start), "%q from %d", data, start)
		}
	}
}

func TestIsPlain(t *testing.T) {
	t.Parallel()
	for c := range 256 {
		want := c >= 0x20 && c < 0x80 && c != '"' && c != '\\'
		assert.Equal(t, want, IsPlain(byte(c)), "byte %#x", c)
	}
}
