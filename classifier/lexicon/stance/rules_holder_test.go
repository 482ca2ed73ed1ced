package stance

import "testing"

// TestNegatedModal: a negated future or modal is a refusal; only a negated
// conditional states nothing.
func TestNegatedModal(t *testing.T) {
	t.Parallel()
	runRuleCases(t, []ruleCase{
		{
			name: "will not", speaker: -1,
			text:      "Portugal will not support the fisheries deal.",
			actors:    []actor{country("Portugal"), other("fisheries deal")},
			targets:   map[string]string{"fisheries deal": "oppose"},
			relations: []string{"Portugal -> fisheries deal: oppose"},
		},
		{
			name: "first person will not, with speaker", speaker: 0,
			text:      "We will not accept the fisheries deal.",
			actors:    []actor{country("Portugal"), other("fisheries deal")},
			targets:   map[string]string{"fisheries deal": "oppose"},
			relations: []string{"Portugal -> fisheries deal: oppose"},
		},
		{
			// "from X" right after the object's head is its source: like
			// "X's offer", strong enough for a relation under negation.
			name: "source of the object", speaker: -1,
			text:      "Portugal did not accept the offer from Spain.",
			actors:    []actor{country("Portugal"), country("Spain")},
			targets:   map[string]string{"Spain": "oppose"},
			relations: []string{"Portugal -> Spain: oppose"},
		},
		{
			// Must not fire: a negated counterfactual.
			name: "if had not", speaker: -1,
			text:    "If Portugal had not supported the fisheries deal, the talks would have gone on.",
			actors:  []actor{country("Portugal"), other("fisheries deal")},
			targets: map[string]string{"fisheries deal": "neutral"},
		},
	})
}

// TestHolderNotPortrayed: the explicit holder of a cue without an actor
// target is not portrayed by that cue's words; a subject still is.
func TestHolderNotPortrayed(t *testing.T) {
	t.Parallel()
	runRuleCases(t, []ruleCase{
		{
			name: "from-phrase holders", speaker: -1,
			text:    "The pipeline deal drew fierce criticism from Lithuania and Latvia.",
			actors:  []actor{country("Lithuania"), country("Latvia")},
			targets: map[string]string{"Lithuania": "neutral", "Latvia": "neutral"},
		},
		{
			// The target still receives the cue when it is an actor.
			name: "by-phrase holder with target", speaker: -1,
			text:      "Belarus was condemned by Lithuania.",
			actors:    []actor{country("Belarus"), country("Lithuania")},
			targets:   map[string]string{"Lithuania": "neutral", "Belarus": "oppose"},
			relations: []string{"Lithuania -> Belarus: oppose"},
		},
		{
			// The doer of a negative act keeps its portrayal.
			name: "according to, agent", speaker: -1,
			text:      "According to Minsk, Vilnius is provoking a border crisis.",
			actors:    []actor{country("Belarus", "Minsk"), country("Lithuania", "Vilnius")},
			targets:   map[string]string{"Lithuania": "oppose", "Belarus": "neutral"},
			relations: []string{"Belarus -> Lithuania: oppose"},
		},
	})
}
