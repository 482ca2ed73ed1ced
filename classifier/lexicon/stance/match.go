package stance

import (
	"bytes"

	"github.com/stancetag/stancetag/classifier/lexicon/tokenize"
)

// matchCues finds the cue occurrences, longest match first, left to right.
func (e *engine) matchCues() {
	s := e.s
	s.occs = s.occs[:0]
	// Only words with an edge from the trie root can start a cue; prepare
	// listed them in order.
	next := int32(0) // the first token not inside a cue found so far
	for _, i := range s.starts {
		if i < next {
			continue
		}
		end, nd := e.longest(i)
		if end <= i {
			continue
		}
		ref, ok := e.choose(i, end, e.l.nodes[nd].refs)
		if !ok {
			continue // only guarded base forms, outside a verb's context
		}
		e.info[i].occ = int32(len(s.occs))
		for j := i; j < end; j++ {
			e.info[j].inOcc = int32(len(s.occs))
		}
		s.occs = append(s.occs, occ{start: i, end: end, cue: ref.cue, form: ref.form, factor: 1})
		next = end
	}
}

// nounsBefore reports whether, from token j on, at most n words of no
// class or of class mod (noun modifiers) come before a word that continues
// node nx.
func (e *engine) nounsBefore(nx *node, j int32, n int) bool {
	for k := j + 1; k < int32(len(e.toks)) && k <= j+int32(n); k++ {
		if e.toks[k].Kind != tokenize.Word || e.info[k].mention >= 0 {
			return false
		}
		if nx.hasChild(e.ents[k]) {
			return true
		}
		if e.info[k].class&^ClassMod != 0 {
			return false
		}
	}
	return false
}

// longest walks the phrase trie from token i and returns the end of the
// longest cue found and its trie node; end == i when there is none.
func (e *engine) longest(i int32) (end, nd int32) {
	nodes, toks, info, ents := e.l.nodes, e.toks, e.info, e.ents
	// matchCues starts only at words with an edge from the root.
	cur, end, gap, det, num := info[i].root, i, 0, false, false
	if len(nodes[cur].refs) > 0 {
		end, nd = i+1, cur
	}
	for j := i + 1; j < int32(len(toks)) && (toks[j].Kind == tokenize.Word || toks[j].Kind == tokenize.Number && !num); j++ {
		nx := &nodes[cur]
		c := info[j].class
		next, ok := nx.child(ents[j])
		switch {
		case ok:
		case nx.poss != 0 && c&ClassPossPron != 0:
			next = nx.poss
		case nx.refl != 0 && c&ClassRefl != 0:
			next = nx.refl
		case gap < maxGap && info[j].mention < 0 && (c&ClassMod != 0 || isAdverb(e.lowerAt(j))):
			gap++
			continue
		case gap < maxGap && info[j].mention < 0 && c&^ClassQuant == 0 && e.nounsBefore(nx, j, maxGap-gap):
			// A noun modifying the phrase's next word ("signed a supply
			// deal with", "restored trade ties with", "signed a border
			// security deal"): skipped only when that word follows the
			// run of such nouns.
			gap++
			continue
		case !num && info[j].mention < 0 && (toks[j].Kind == tokenize.Number || c&ClassNum != 0 || c&ClassQuant != 0 && e.ofAfter(j)):
			// One numeral or noun of quantity, after the article if there
			// is one: "fired two missiles at", "signed the 12 agreements
			// with", with the "of" after it: "signed a series of deals
			// with", "fired dozens of drones at".
			num = true
			if e.ofAfter(j) {
				j++
			}
			continue
		case !det && !num && c&ClassDet != 0 && info[j].mention < 0:
			// One article, demonstrative or possessive pronoun inside a
			// phrase, besides the modifiers: "sign agreement with" reads
			// "signed an agreement with", "signed a new agreement with",
			// and "lift embargo on" reads "lifted its embargo on".
			det = true
			continue
		default:
			return end, nd
		}
		cur = next
		if len(nodes[cur].refs) > 0 {
			end, nd = j+1, cur
		}
	}
	return end, nd
}

// ofAfter reports whether the word after token j is the "of" of a chain of
// nouns ("a series of deals").
func (e *engine) ofAfter(j int32) bool {
	return j+1 < int32(len(e.toks)) && e.toks[j+1].Kind == tokenize.Word && e.info[j+1].class&ClassChain != 0
}

// isAdverb reports whether a lower-case word looks like a manner adverb
// ("sharply", "publicly").
func isAdverb(w []byte) bool { return len(w) > 4 && bytes.HasSuffix(w, []byte("ly")) }

// choose picks one reading of a surface form that several cues share
// ("support" verb or noun, "threat" in a prep frame or as a descriptor).
//
// A guarded reading (the base form of a verb marked nobase: "back", "ban")
// is taken only in a verb's context (verbContext); ok is false when no
// reading is left.
func (e *engine) choose(i, end int32, refs []cueRef) (ref cueRef, ok bool) {
	if len(refs) == 1 {
		if refs[0].guarded && !e.verbContext(i, end) {
			return cueRef{}, false
		}
		return refs[0], true
	}
	nounCtx, verbCtx := false, false
	if i > 0 {
		p := &e.info[i-1]
		switch {
		case p.class&ClassInf != 0 || p.class&(ClassAux|ClassModal|ClassNeg|ClassPronFirst|ClassPronPerson|ClassPronPlural|ClassRel) != 0 && p.class&ClassPossPron == 0:
			verbCtx = true
		case p.class&(ClassDet|ClassPossPron|ClassPrep|ClassMod) != 0 || e.toks[i-1].Has(tokenize.Possessive):
			nounCtx = true
		case p.mention >= 0:
			verbCtx = true
		}
	}
	var nextPrep uint64
	if end < int32(len(e.toks)) && e.info[end].prep >= 0 {
		nextPrep = 1 << uint(e.info[end].prep)
	}
	best, bestScore := cueRef{}, -1
	guardOK := -1 // verbContext, found on first need
	for _, r := range refs {
		if r.guarded {
			if guardOK < 0 {
				guardOK = 0
				if e.verbContext(i, end) {
					guardOK = 1
				}
			}
			if guardOK == 0 {
				continue
			}
		}
		c := &e.l.cues[r.cue]
		score := 0
		verb := c.POS == POSVerb || c.POS == POSVPhrase
		switch {
		case verb && r.form != FormBase && r.form != FormS:
			score += 3 // -ed, -ing: only verbs have these forms
		case verb && verbCtx:
			score += 2
		case !verb && nounCtx:
			score += 2
		}
		if !verb && nextPrep != 0 && (c.Frame == FramePrep && (c.TargetPreps|c.HolderPreps)&nextPrep != 0) {
			score += 2
		}
		if !verb && !verbCtx && c.Frame != FrameDescriptor && nextPrep == 0 && !nounCtx {
			score-- // a bare noun reading with nothing around it
		}
		if !ok || score > bestScore {
			best, bestScore, ok = r, score, true
		}
	}
	return best, ok
}

// verbContext reports whether the word at token i, the base form of an
// ambiguous verb ("back", "ban", "arrest") ending its cue at end, is used as
// a verb: after a subject pronoun ("we back"), the infinitive marker ("to
// back"), a modal or a negation ("will back", "do not back"), a relative
// pronoun ("countries that back"), or a mention when a mention or a
// determiner follows ("Paris and Berlin back Kyiv"). Adverbs and
// non-modal auxiliaries in between are skipped ("we also strongly back").
// Elsewhere it is a noun, adverb or particle: "came back", "back in
// March", "the ban".
func (e *engine) verbContext(i, end int32) bool {
	st, _ := e.sentBounds(i)
	j := i - 1
	for k := 0; k < maxVerbSkip && j >= st && e.info[j].mention < 0; k++ {
		c := e.info[j].class
		if !(c&ClassAux != 0 && c&(ClassModal|ClassNeg|ClassBe) == 0) && !isAdverb(e.lowerAt(j)) {
			break
		}
		j--
	}
	if j < st || e.toks[j].Kind != tokenize.Word {
		return false
	}
	p := &e.info[j]
	switch {
	case p.mention >= 0:
		if end >= int32(len(e.toks)) {
			return false
		}
		n := &e.info[end]
		return n.mention >= 0 || n.class&ClassDet != 0
	case p.class&(ClassSubj|ClassInf|ClassModal|ClassNeg|ClassRel) != 0:
		return true
	}
	return false
}

// conditionAfter reports whether a conditional subordinator ("if",
// "unless": classes cond and sub) follows the cue o in its sentence.
func (e *engine) conditionAfter(o *occ) bool {
	_, en := e.sentBounds(o.start)
	for j := o.end; j < en && j < o.end+maxReach; j++ {
		if c := e.info[j].class; c&ClassCond != 0 && c&ClassSub != 0 {
			return true
		}
	}
	return false
}

// scope sets each occurrence's factor from negation, refusal, modality and
// past-attitude markers before it in its clause, and from questions.
func (e *engine) scope() {
	p := e.p
	info, occs, cues := e.info, e.s.occs, e.l.cues
	for oi := range occs {
		o := &occs[oi]
		c := &cues[o.cue]
		if c.Frame.modifier() {
			continue
		}
		st, _ := e.sentBounds(o.start)
		var rule Rule
		modal := false
		possible := false // a modal of possibility scopes over the cue
		would := false    // a modal scopes over the cue ("would back")
		coord := false    // a coordinator lies between j and the cue
		lo := max(st, o.start-scopeReach)
		for j := o.start - 1; j >= lo; j-- {
			inf := &info[j]
			if inf.class&scopeClasses == 0 && inf.inOcc < 0 {
				// Most words: only punctuation matters.
				if e.isPunct(j) {
					break
				}
				continue
			}
			if inf.class&ClassPast != 0 {
				rule = maxRule(rule, RulePast) // "once a critic", "formerly opposed"
			}
			if e.isPunct(j) || (inf.class&ClassSub != 0 && inf.class&ClassCond == 0) {
				break
			}
			if inf.inOcc >= 0 {
				// Another cue: skip to its start.
				mo := &occs[inf.inOcc]
				if mo.end >= o.start-1 || e.joinsAct(mo.end, o.start) {
					switch cues[mo.cue].Frame {
					case FrameFlip:
						rule = maxRule(rule, RuleRefused)
					case FrameNeutral:
						rule = maxRule(rule, RuleNeutralised)
					}
				}
				j = mo.start
				continue
			}
			switch {
			case inf.class&ClassCoord != 0:
				coord = true
			case inf.class&ClassDeny != 0:
				if !coord {
					rule = maxRule(rule, RuleNeutralised)
				}
			case inf.class&ClassAsk != 0:
				if modal && !coord {
					// "asked Putin if he would accept X": a question.
					rule = maxRule(rule, RuleNeutralised)
				}
			case inf.class&ClassNeg0 != 0:
				rule = maxRule(rule, RuleNeutralised)
			case inf.class&ClassNeg != 0:
				rule = maxRule(rule, RuleNegated)
			case inf.class&(ClassModal|ClassCond) != 0:
				rule = maxRule(rule, RuleModal)
				possible = possible || inf.class&ClassPossible != 0 && !coord
				would = would || inf.class&ClassModal != 0 && !coord
				// "will not accept" is a refusal, not a counterfactual.
				modal = modal || inf.class&ClassCond != 0
			case inf.class&ClassPast != 0:
				rule = maxRule(rule, RulePast)
			}
		}
		// A conditional anywhere earlier in the clause, or a question.
		if (rule == 0 || rule == RuleNegated) && e.classes&ClassCond != 0 {
			clause, lo := e.info[o.start].clause, max(st, o.start-maxReach)
			for j := o.start - 1; j >= lo && e.info[j].clause == clause; j-- {
				if e.info[j].class&ClassCond != 0 {
					rule = maxRule(rule, RuleModal)
					modal = true
					break
				}
			}
		}
		if rule == RuleNegated && modal {
			// A negated counterfactual ("if X had not backed …") states
			// no stance either way.
			rule = RuleNeutralised
		}
		if rule == 0 && e.question(o.start) {
			rule = RuleModal
		}
		f := float32(1)
		switch rule {
		case RuleNegated:
			f = p.NegatePositive
			if c.Weight < 0 {
				f = p.NegateNegative
			}
			if c.Negated != 0 && c.Weight != 0 {
				// A factor, since o.factor scales c.Weight everywhere; a
				// cue of weight 0 (allowed) has none to scale.
				f = c.Negated / c.Weight
			}
		case RuleRefused:
			f = p.RefusePositive
			if c.Weight < 0 {
				f = p.RefuseNegative
			}
			if c.Negated != 0 && c.Weight != 0 {
				// "refused to abandon X" as "will not abandon X".
				f = c.Negated / c.Weight
			}
		case RuleNeutralised:
			f = 0
		case RuleModal:
			f = p.Modal
		case RulePast:
			f = p.Past
		}
		// "would support Ortiz if she dropped the plan": a condition after
		// the cue makes its modal a possibility too.
		possible = possible || would && rule == RuleModal && e.conditionAfter(o)
		o.factor, o.rule, o.tentative = f, rule, rule == RuleModal && possible
	}
}

// joinsAct reports whether the tokens from..to-1, between a refusal or
// neutraliser and a noun cue, are a verb of joining and the noun's
// premodifiers: "refused to join the new Western sanctions against X"
// refuses the sanctions as "refused to impose sanctions on X" does, where
// "refused to wait and joined the sanctions" refuses no sanctions. A
// premodifier is a determiner ("the", "its") or any word that is no
// mention, cue or function word other than a modifier or a numeral, at
// most modifierReach of them.
func (e *engine) joinsAct(from, to int32) bool {
	if from >= to || to-from > 1+modifierReach || e.info[from].class&ClassJoin == 0 || e.info[from].mention >= 0 {
		return false
	}
	for j := from + 1; j < to; j++ {
		inf := &e.info[j]
		if inf.mention >= 0 || inf.inOcc >= 0 || e.toks[j].Kind != tokenize.Word || inf.class&ClassDet == 0 && inf.class&^(ClassMod|ClassNum) != 0 {
			return false
		}
	}
	return true
}

// scopeClasses are the classes scope looks for before a cue.
const scopeClasses = ClassPast | ClassSub | ClassNeg0 | ClassNeg | ClassModal | ClassCond | ClassDeny | ClassAsk | ClassCoord
