package stance

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/stancetag/stancetag/classifier/lexicon/syntax"
)

// The relation classes of the attach rule, pinned: which relations carry a
// mention up its own phrase, which detach it from a cue.
func TestGrammarClasses(t *testing.T) {
	t.Parallel()
	rels := []string{"acl", "acl:relcl", "appos", "case", "compound", "conj", "flat", "nmod", "nmod:desc", "nmod:poss", "nmod:tmod", "nsubj", "obj", "obl", "obl:agent", "obl:tmod"}
	g := NewGrammar(&syntax.Model{Relations: rels})
	want := map[string]relClass{
		"acl": relACL, "acl:relcl": relACL, "appos": relPassOn, "case": relCase, "compound": relPassOn,
		"conj": relPassOn, "flat": relPassOn, "nmod": relNmod, "nmod:desc": relOther, "nmod:poss": relPassOn,
		"nmod:tmod": relOther, "nsubj": relOther, "obj": relObj, "obl": relObl, "obl:agent": relOther, "obl:tmod": relOther,
	}
	for i, r := range rels {
		assert.Equal(t, want[r], g.class[i], r)
	}
	// Only a prepositional nmod off another noun detaches a mention.
	for c := relOther; c <= relPassOn; c++ {
		blocks := int(c) < len(attachBlocks) && attachBlocks[c]
		assert.Equal(t, c == relNmod, blocks, "class %d", c)
	}
}
