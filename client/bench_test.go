package client

import (
	"testing"

	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
)

// BenchmarkAnalyzeAll measures a corpus run per statement: generating it,
// batching, both ends of gRPC and reassembly, against one in-process replica
// whose classifier does next to nothing. ns/op and allocs/op are per
// statement.
func BenchmarkAnalyzeAll(b *testing.B) {
	r := startReplica(b)
	c := dial(b, r.addr, WithConcurrency(4))
	n := 0
	b.ReportAllocs()
	b.ResetTimer()
	err := c.AnalyzeAll(b.Context(), Corpus{Statements: statements(b.N)}, func(*stancev1.Analysis) error {
		n++
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	if n != b.N {
		b.Fatalf("%d analyses for %d statements", n, b.N)
	}
}
