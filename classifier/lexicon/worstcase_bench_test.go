package lexicon

import (
	"context"
	"testing"

	"github.com/stancetag/stancetag/classifier"
)

// BenchmarkWorstCase analyses each adversarial input of worstCases at 4, 16
// and 64 KiB, with evidence. SetBytes makes the time per byte visible: it
// must stay flat as the size grows (linear cost).
func BenchmarkWorstCase(b *testing.B) {
	c, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	opts := classifier.Options{IncludeEvidence: true}
	for _, wc := range worstCases {
		var actors []classifier.Actor
		if wc.actors != nil {
			actors = wc.actors()
		}
		for _, sz := range worstSizes {
			b.Run(wc.name+"/"+sz.name, func(b *testing.B) {
				st := classifier.Statement{ID: "w", Text: wc.text(sz.size), Actors: actors}
				b.SetBytes(int64(len(st.Text)))
				b.ReportAllocs()
				for b.Loop() {
					if _, err := c.Analyze(ctx, st, opts); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
