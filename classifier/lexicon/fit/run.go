package fit

import (
	"fmt"
	"io/fs"

	"github.com/stancetag/stancetag/classifier/lexicon"
	"github.com/stancetag/stancetag/eval"
)

// Run fits the layer for the lexicon data tree data (its own FittedFile
// ignored) to items.
func Run(data fs.FS, items []eval.Item, o Options) (*Result, error) {
	plain, err := ProbeData(data, nil)
	if err != nil {
		return nil, err
	}
	base, err := lexicon.New(plain)
	if err != nil {
		return nil, fmt.Errorf("fit: %w", err)
	}
	var cands []string
	if o.MinCandidateItems > 0 {
		cands = Candidates(base, items, o.MinCandidateItems)
	}
	probeData, err := ProbeData(data, cands)
	if err != nil {
		return nil, err
	}
	probe, err := lexicon.New(probeData)
	if err != nil {
		return nil, fmt.Errorf("fit: probe lexicon: %w", err)
	}
	exs := Extract(probe, items)
	return Train(exs, probe.CueKey, cands, o), nil
}
