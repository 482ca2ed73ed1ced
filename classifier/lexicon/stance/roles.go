package stance

import "github.com/stancetag/stancetag/classifier/lexicon/tokenize"

// Role finding: the subject of a cue is the nearest subject-like actor
// before it in its clause (skipping appositives, auxiliaries and actors
// inside prepositional phrases), the antecedent of a relative pronoun, or
// the main-clause subject for a non-finite verb ("while sidelining X"). The
// object is the first actor after the cue before a clause boundary.

// skippable reports whether token j may sit between a preposition or
// coordinator and its noun phrase: determiners, possessive pronouns,
// modifiers, numbers, adverbs.
func (e *engine) skippable(j int32) bool {
	c := e.info[j].class
	if c&(ClassDet|ClassPossPron|ClassMod) != 0 {
		return true
	}
	return e.toks[j].Kind == tokenize.Number
}

// governed reports whether mention mi sits inside a prepositional phrase
// ("talks with Moscow"), directly or through coordination ("between
// Washington and its partners").
func (e *engine) governed(mi int32) bool {
	for depth := 0; depth < maxCoordinated; depth++ {
		j := e.wordBefore(mi)
		if j < 0 {
			return false
		}
		inf := &e.info[j]
		switch {
		case inf.mention >= 0:
			return false
		case inf.class&ClassPrep != 0 && inf.class&ClassSub == 0:
			return true
		case inf.class&ClassCoord != 0 || e.punctIs(j, ',') && e.listItem(mi):
			k := j - 1
			for k >= 0 && e.info[k].mention < 0 && e.skippable(k) {
				k--
			}
			if k < 0 || e.info[k].mention < 0 {
				return false
			}
			mi = e.info[k].mention
		default:
			return false
		}
	}
	return false
}

// classAt is the class of token j, or 0 outside the text.
func (e *engine) classAt(j int32) Class {
	if j < 0 || int(j) >= len(e.info) {
		return 0
	}
	return e.info[j].class
}

// listItem reports whether mention mi is followed by a coordinator, directly
// or after a comma ("Paris, Berlin and Rome"), so that a comma before it
// joins a list rather than opening an appositive ("the envoy, Ellison,").
func (e *engine) listItem(mi int32) bool {
	j := e.in.Mentions[mi].End
	n := int32(len(e.toks))
	if j < n && e.punctIs(j, ',') {
		j++
	}
	return j < n && e.info[j].class&ClassCoord != 0
}

// verbAfter reports whether token j looks like a verb or auxiliary, so that
// a governed mention before it is still a subject ("with Trump seeking").
func (e *engine) verbAfter(j int32) bool {
	if j >= int32(len(e.toks)) || e.toks[j].Kind != tokenize.Word {
		return false
	}
	inf := &e.info[j]
	if inf.class&(ClassBe|ClassAux|ClassModal|ClassNeg|ClassGet|ClassAttrib) != 0 {
		return true
	}
	if inf.occ >= 0 {
		c := e.l.cues[e.s.occs[inf.occ].cue]
		return c.POS == POSVerb || c.POS == POSVPhrase
	}
	if inf.class != 0 {
		return false
	}
	return looksParticiple(e.lowerAt(j))
}

// subjectLike reports whether mention mi can be the subject of a clause.
func (e *engine) subjectLike(mi int32) bool {
	return !e.modifier(mi) && (!e.governed(mi) || e.verbAfter(e.in.Mentions[mi].End) || e.calledOn(mi))
}

// calledOn reports whether mention mi is the object of a verb of class
// causeprep and its preposition before an infinitive ("called on Hungary
// to stop"): the subject of that infinitive, though governed.
func (e *engine) calledOn(mi int32) bool {
	m := &e.in.Mentions[mi]
	return m.Start >= 2 && m.End < int32(len(e.toks)) && e.info[m.End].class&ClassInf != 0 &&
		e.info[m.Start-1].class&ClassPrep != 0 && e.info[m.Start-2].class&ClassCausePrep != 0
}

// modifier reports whether mention mi only modifies a mention after it,
// possibly across title words: "European Commission President Ursula von
// der Leyen", "Russian President Vladimir Putin".
func (e *engine) modifier(mi int32) bool {
	m := &e.in.Mentions[mi]
	if m.Possessive {
		return false
	}
	n := int32(len(e.toks))
	for j := m.End; j < n && j <= m.End+modifierReach; j++ {
		if e.info[j].mention >= 0 {
			return true
		}
		t := e.toks[j]
		if t.Kind != tokenize.Word || !t.Has(tokenize.Capitalized) || e.info[j].class != 0 {
			return false
		}
	}
	return false
}

// addMention appends mention mi and the mentions coordinated with it
// ("Egypt and Jordan") to dst. dir is +1 to collect coordinated mentions
// after mi, -1 before.
func (e *engine) addMention(dst []part, mi int32, w float32, rule Rule, dir int32) []part {
	dst = append(dst, part{actor: e.in.Mentions[mi].Actor, mention: mi, w: w, rule: rule})
	n := int32(len(e.toks))
	for k := 0; k < maxCoordinated; k++ {
		m := &e.in.Mentions[mi]
		var j int32
		if dir > 0 {
			j = m.End
			if j >= n || !(e.info[j].class&ClassCoord != 0 || e.punctIs(j, ',')) {
				return dst
			}
			j++
			if j < n && e.info[j].class&ClassCoord != 0 {
				j++ // ", and"
			}
			for j < n && e.info[j].mention < 0 && e.skippable(j) {
				j++
			}
			if j >= n || e.info[j].mention < 0 || e.in.Mentions[e.info[j].mention].Start != j {
				return dst
			}
			// "the plan, Tokyo would…" is a new clause, not a list.
			if next := e.info[j].mention; e.verbAfter(e.in.Mentions[next].End) ||
				e.classAt(m.End)&ClassCoord == 0 && e.classAt(m.End+1)&ClassCoord == 0 && !e.listItem(next) {
				return dst
			}
		} else {
			j = m.Start - 1
			// "India and the United Arab Emirates": an article before the
			// mention, when the first one opens its clause (in "India
			// praised Chile and the UAE criticised Peru", Chile is an
			// object).
			det := j > 0 && e.info[j].class&ClassDet != 0 && e.info[j].mention < 0
			if det {
				j--
			}
			if j < 0 || !(e.info[j].class&ClassCoord != 0 || e.punctIs(j, ',')) {
				return dst
			}
			link := j // the coordinator or comma
			j--
			for j >= 0 && e.info[j].mention < 0 && e.skippable(j) {
				j--
			}
			if j < 0 || e.info[j].mention < 0 {
				return dst
			}
			if det && !e.opensClause(e.in.Mentions[e.info[j].mention].Start) {
				return dst
			}
			// A comma before a subject is an appositive or a list; only
			// "X and Y" and "X, Y and Z" are taken as coordination.
			if e.info[link].class&ClassCoord == 0 && (m.End >= n || e.info[m.End].class&ClassCoord == 0) {
				return dst
			}
		}
		mi = e.info[j].mention
		dst = append(dst, part{actor: e.in.Mentions[mi].Actor, mention: mi, w: w, rule: RuleCoordination})
	}
	return dst
}

// opensClause reports whether token j starts its sentence or follows a
// clause boundary (punctuation, a quote mark, a subordinator or a
// relative pronoun), with at most an article between.
func (e *engine) opensClause(j int32) bool {
	st, _ := e.sentBounds(j)
	k := j - 1
	if k >= st && e.info[k].class&ClassDet != 0 {
		k--
	}
	return k < st || e.isPunct(k) || e.info[k].class&(ClassSub|ClassRel) != 0
}

// pronounPart resolves a pronoun at token j into dst; first-person pronouns
// stand for the speaker.
func (e *engine) pronounPart(dst []part, j int32, w float32) ([]part, bool) {
	return e.pronounPartAs(dst, j, w, false)
}

// pronounPartAs is pronounPart; possObject as in resolveAs.
func (e *engine) pronounPartAs(dst []part, j int32, w float32, possObject bool) ([]part, bool) {
	c := e.info[j].class
	if c&ClassPronFirst != 0 {
		return append(dst, part{actor: speakerActor, mention: -1, w: w, rule: RuleQuote}), true
	}
	if c&classPron == 0 {
		return dst, false
	}
	mi := e.resolveAs(j, possObject)
	if mi < 0 {
		return dst, true // a pronoun for something that is no actor
	}
	if c&ClassPossPron != 0 {
		w *= e.p.Possessive
	}
	if c&ClassPronPlural != 0 {
		// "France and Germany issued a statement. They accused Russia":
		// they are every actor of the antecedent's list.
		return e.listOf(dst, mi, w), true
	}
	dst = append(dst, part{actor: e.in.Mentions[mi].Actor, mention: mi, w: w, rule: RulePronoun})
	// "him and Ms. Pritzker"
	if k := j + 1; k+1 < int32(len(e.toks)) && e.info[k].class&ClassCoord != 0 {
		if m := e.info[k+1].mention; m >= 0 {
			dst = e.addMention(dst, m, w, RuleCoordination, 1)
		}
	}
	return dst, true
}

// listOf appends mention mi and the mentions listed with it ("Estonia,
// Latvia and Lithuania", "France and the UK"), before and after it, as
// pronoun parts: the referents of a plural pronoun whose antecedent is mi.
func (e *engine) listOf(dst []part, mi int32, w float32) []part {
	ms := e.in.Mentions
	first := mi
	// Back to the list's first mention.
	for k := 0; k < maxCoordinated; k++ {
		j := ms[first].Start - 1
		if j > 0 && e.info[j].class&ClassDet != 0 && e.info[j].mention < 0 {
			j--
		}
		if j < 1 || !(e.info[j].class&ClassCoord != 0 || e.punctIs(j, ',')) || e.info[j-1].mention < 0 {
			break
		}
		first = e.info[j-1].mention
	}
	for i, k := first, 0; i >= 0 && k <= 2*maxCoordinated; i, k = e.nextListed(i), k+1 {
		dst = append(dst, part{actor: ms[i].Actor, mention: i, w: w, rule: RulePronoun})
	}
	return dst
}

// nextListed is the mention listed right after mention mi ("X, Y", "X and
// Y", "X, and the Y"), or -1.
func (e *engine) nextListed(mi int32) int32 {
	ms := e.in.Mentions
	n := int32(len(e.toks))
	j := ms[mi].End
	if j >= n || !(e.info[j].class&ClassCoord != 0 || e.punctIs(j, ',')) {
		return -1
	}
	j++
	if j < n && e.info[j].class&ClassCoord != 0 {
		j++ // ", and"
	}
	if j < n && e.info[j].class&ClassDet != 0 && e.info[j].mention < 0 {
		j++
	}
	if j >= n || e.info[j].mention < 0 || ms[e.info[j].mention].Start != j {
		return -1
	}
	return e.info[j].mention
}

// subject appends the subject of the cue starting at token c to dst.
// nonFinite allows looking past a subordinator for the main-clause subject.
func (e *engine) subject(c int32, nonFinite bool, dst []part) []part {
	st, _ := e.sentBounds(c)
	st = max(st, c-maxReach)
	if q := e.info[c].quote; q >= 0 {
		for st < c && e.info[st].quote != q {
			st++
		}
	}
	if nonFinite && c > st+1 && e.punctIs(c-1, ',') && looksIng(e.lowerAt(c)) && e.verbObject(e.info[c-2].mention) {
		// "Norway recognised Palestine, angering Israel": a participle
		// after a comma and a verb's object has the main clause's
		// subject, not the object (which the participle would otherwise
		// make subject-like). After a phrase's noun ("a meeting between
		// Trump and Putin, raising concerns") the walk below decides.
		if first := e.firstSubject(st, c-1); first >= 0 {
			return e.addMention(dst, e.listEnd(first), 1, RuleActive, -1)
		}
	}
	// "X met Y and criticised Z": after a coordinator the subject is the
	// first subject-like actor of the clause.
	j := c - 1
	for j >= st && e.info[j].class&(ClassAux|ClassNeg|ClassModal|ClassBe) != 0 {
		j--
	}
	coordVP := j >= st && e.info[j].class&ClassCoord != 0 && e.info[j].mention < 0
	commas := 0
	crossed := false
	for j := c - 1; j >= st; j-- {
		inf := &e.info[j]
		if inf.mention >= 0 {
			mi := inf.mention
			j = e.in.Mentions[mi].Start
			if coordVP {
				// "a resolution that condemned X and demanded Y": inside a
				// relative clause the coordinated verb's subject is the
				// antecedent (none when it is no actor), not the sentence's.
				if ante, ok := e.relativeAntecedent(st, j); ok {
					if ante >= 0 {
						return e.addMention(dst, ante, 1, RuleActive, -1)
					}
					return dst
				}
				if first := e.firstSubject(st, j); first >= 0 {
					return e.addMention(dst, e.listEnd(first), 1, RuleActive, -1)
				}
			}
			if e.followedBy(mi) {
				// "Hale's allies rallied behind Becker": the allies act.
				return dst
			}
			if e.nounCueTarget(mi) {
				// "Britain's support for Ukraine angered Moscow": the
				// target of a noun cue in the subject's phrase is not the
				// subject; its holder may be.
				continue
			}
			if e.infinitiveObject(mi) {
				// "Ankara's decision to buy Russian missiles angered
				// Washington": the object of an infinitive inside the
				// subject's phrase is not the subject.
				continue
			}
			if e.possessedAdjunct(mi) {
				// "Iran's offer to Moscow angered Baku": an actor in a
				// phrase after a possessed noun modifies the noun; the
				// possessor, which the walk goes on to find, heads the
				// subject.
				continue
			}
			if e.subjectLike(mi) {
				return e.addMention(dst, mi, 1, RuleActive, -1)
			}
			if e.ledBy(mi) {
				// "European nations, led by France, amended …": the leader
				// holds with the group, which the walk goes on to find.
				dst = e.addMention(dst, mi, 1, RuleLedBy, -1)
			}
			continue
		}
		if inf.class&(ClassPronFirst|classPron) != 0 && inf.class&ClassPossPron == 0 {
			if j == 0 || e.info[j-1].class&ClassPrep == 0 {
				dst, _ = e.pronounPart(dst, j, 1)
				return dst
			}
		}
		complementizer := inf.class&ClassRel != 0 && j > st && e.info[j-1].class&ClassAttrib != 0
		switch {
		case inf.class&ClassRel != 0 && !complementizer:
			// Relative clause: the antecedent just before the pronoun.
			k := j - 1
			if k >= st && e.punctIs(k, ',') {
				k--
			}
			if k >= st && e.info[k].mention >= 0 {
				return e.addMention(dst, e.info[k].mention, 1, RuleActive, -1)
			}
			return dst // the antecedent is no actor
		case inf.class&ClassAttrib != 0 && e.info[c].class&ClassAttrib == 0:
			return dst
		case inf.class&ClassSub != 0 && e.commasBetween(j, c)%2 == 1:
			// "Finland, a member of NATO since 2023, criticised X": an odd
			// count of commas closes a phrase the subordinator sits in, so
			// it is not in the cue's clause; the walk goes on to the
			// appositive's actor. An even count is a phrase set off inside
			// the subordinate clause ("after European nations, led by
			// France, amended").
		case inf.class&ClassSub != 0 || complementizer || e.punctIs(j, ';') || e.punctIs(j, ':') || e.toks[j].Kind == tokenize.Quote:
			if !nonFinite || crossed {
				return dst
			}
			crossed = true
			if inf.class&ClassSub != 0 || complementizer {
				if inf.class&ClassContrast == 0 && !e.opensNonFinite(j, c) {
					// "abstained after the delegates criticised X": the
					// clause after the subordinator has a subject of its
					// own, no actor, and the -ed form is finite. A
					// contrast word is as often a coordinator ("not only
					// X but also Y have the right") and keeps the walk.
					return dst
				}
				// "while sidelining X", "by voting against Y": the subject of
				// the main clause.
				if first := e.firstSubject(st, j); first >= 0 {
					return e.addMention(dst, e.listEnd(first), 1, RuleActive, -1)
				}
				return dst
			}
		case e.punctIs(j, ','):
			if k := e.relativeClauseBefore(st, j); k >= 0 {
				// "Germany, which criticised France last week, praised
				// Italy": the subject is before the relative clause.
				j = k
				continue
			}
			commas++
			if commas > maxSubjectCommas {
				return dst
			}
		}
	}
	return dst
}

// followedBy reports whether possessive mention mi owns a noun of class
// follower, across modifiers: "Hale's allies", "Trump's most vocal critics".
func (e *engine) followedBy(mi int32) bool {
	m := &e.in.Mentions[mi]
	if !m.Possessive {
		return false
	}
	j := e.pastModifiers(m.End, 1, 0)
	return j >= 0 && e.info[j].mention < 0 && e.info[j].class&ClassFollower != 0
}

// ledBy reports whether mention mi is the agent of a leading participle
// set off after a noun, ", led by X", or a co-holder, ", along with X"
// (class lead before a preposition).
func (e *engine) ledBy(mi int32) bool {
	j := e.in.Mentions[mi].Start
	return j >= 3 && e.info[j-1].class&ClassPrep != 0 && e.info[j-2].class&ClassLead != 0 && e.punctIs(j-3, ',')
}

// opensNonFinite reports whether the subordinator at token j opens the
// non-finite clause of the cue at token c: only auxiliaries, negators and
// adverbs stand between them ("by voting", "while repeatedly sidelining",
// "after having criticised"). A noun between them is the clause's own
// subject ("after the delegates criticised", "after European nations
// amended the text to name").
func (e *engine) opensNonFinite(j, c int32) bool {
	if e.info[j].class&ClassAs != 0 && e.nounCueAt(c) {
		// "freed 20 fishermen as a gesture toward India", "as a show of
		// support for": a role phrase of the main clause, not a clause
		// of its own, so the main clause's subject holds it.
		for k := j + 1; k < c; k++ {
			if e.info[k].mention >= 0 {
				return false
			}
		}
		return true
	}
	for k := j + 1; k < c; k++ {
		if e.info[k].class&(ClassAux|ClassNeg|ClassBe) == 0 && !isAdverb(e.lowerAt(k)) {
			return false
		}
	}
	return true
}

// nounCueAt reports whether a noun cue starts at token c.
func (e *engine) nounCueAt(c int32) bool {
	oi := e.info[c].occ
	return oi >= 0 && e.l.cues[e.s.occs[oi].cue].POS == POSNoun
}

// commasBetween counts the commas between tokens j and c.
func (e *engine) commasBetween(j, c int32) int {
	n := 0
	for k := j + 1; k < c; k++ {
		if e.punctIs(k, ',') {
			n++
		}
	}
	return n
}

// relativeAntecedent finds the relative pronoun that opens the clause of
// token j (walking back to st, stopping at a stop, a colon, a quote or a
// subordinator) and reports it with the mention just before it (across a
// comma), the antecedent, or -1 when that is no actor. A "that" after a
// reporting verb ("said that") is a complementizer, not a relative.
func (e *engine) relativeAntecedent(st, j int32) (int32, bool) {
	for k := j - 1; k >= st && k > j-maxReach; k-- {
		inf := &e.info[k]
		if e.toks[k].Kind == tokenize.Quote || e.isPunct(k) && !e.punctIs(k, ',') || inf.class&ClassSub != 0 {
			return -1, false
		}
		if inf.class&ClassRel == 0 || inf.mention >= 0 {
			continue
		}
		if k > st && e.info[k-1].class&ClassAttrib != 0 {
			return -1, false
		}
		a := k - 1
		if a >= st && e.punctIs(a, ',') {
			a--
		}
		if a >= st && e.info[a].mention >= 0 {
			return e.info[a].mention, true
		}
		return -1, true
	}
	return -1, false
}

// relativeClauseBefore returns the comma that opens a relative clause
// closed by the comma at token j (", which criticised France last week,"),
// or -1: the nearest comma before j, at or after st, directly followed by
// a relative pronoun, with no comma, quote or stop between.
func (e *engine) relativeClauseBefore(st, j int32) int32 {
	for k := j - 1; k > st && k > j-maxReach; k-- {
		if e.isPunct(k) || e.toks[k].Kind == tokenize.Quote {
			if e.punctIs(k, ',') && e.info[k+1].class&ClassRel != 0 && k+1 < j {
				return k
			}
			return -1
		}
	}
	return -1
}

// verbObject reports whether mention mi (-1: none) follows a word that may
// be its verb, across an article: no preposition, coordinator, punctuation
// or mention ("recognised Palestine", "criticised the UN").
func (e *engine) verbObject(mi int32) bool {
	if mi < 0 {
		return false
	}
	j := e.in.Mentions[mi].Start - 1
	if j >= 0 && e.info[j].class&ClassDet != 0 && e.info[j].mention < 0 {
		j--
	}
	return j >= 0 && e.toks[j].Kind == tokenize.Word && e.info[j].mention < 0 && e.info[j].class&(ClassPrep|ClassCoord|ClassDet) == 0
}

// wordBefore returns the token before mention mi across articles,
// possessive pronouns, modifiers and numbers (skippable), or -1: where its
// verb, preposition or naming word stands.
func (e *engine) wordBefore(mi int32) int32 {
	j := e.in.Mentions[mi].Start - 1
	for j >= 0 && e.info[j].mention < 0 && e.skippable(j) {
		j--
	}
	return j
}

// nounCueTarget reports whether mention mi stands in the prepositional
// phrase right after a noun cue ("support for Ukraine", "sanctions against
// Russia"), across an article or modifiers.
func (e *engine) nounCueTarget(mi int32) bool {
	j := e.wordBefore(mi)
	if j < 1 || e.info[j].class&ClassPrep == 0 || e.info[j].mention >= 0 {
		return false
	}
	oi := e.info[j-1].inOcc
	return oi >= 0 && e.l.cues[e.s.occs[oi].cue].POS == POSNoun
}

// infinitiveObject reports whether mention mi is the object of an
// infinitive: right after "to" and a word that is no function word, across
// an article or modifiers ("to buy Russian missiles", "to isolate Iran").
func (e *engine) infinitiveObject(mi int32) bool {
	j := e.wordBefore(mi)
	return j >= 1 && e.toks[j].Kind == tokenize.Word && e.info[j].mention < 0 && e.info[j].class == 0 &&
		e.info[j-1].class&ClassInf != 0 && e.info[j-1].mention < 0
}

// possessedAdjunct reports whether mention mi is the object of a
// preposition after a possessed noun ("Iran's offer to Moscow", "Ankara's
// new deal with Moscow"): up to modifierReach words of no function class
// between the preposition and a possessive mention.
func (e *engine) possessedAdjunct(mi int32) bool {
	j := e.wordBefore(mi)
	if j < 1 || e.info[j].class&ClassPrep == 0 || e.info[j].class&ClassSub != 0 {
		return false
	}
	for k, n := j-1, 0; k >= 0 && n < modifierReach; k, n = k-1, n+1 {
		inf := &e.info[k]
		if inf.mention >= 0 {
			return n > 0 && e.in.Mentions[inf.mention].Possessive
		}
		if e.toks[k].Kind != tokenize.Word || inf.class != 0 || inf.inOcc >= 0 {
			return false
		}
	}
	return false
}

// listEnd is the last mention of the list that mention mi opens ("India
// and Bangladesh", "France, Germany and the UK"), or mi: the subject list
// a coordinated verb shares, which addMention then collects backwards.
func (e *engine) listEnd(mi int32) int32 {
	for k := 0; k < maxCoordinated; k++ {
		next := e.nextListed(mi)
		if next < 0 {
			break
		}
		mi = next
	}
	return mi
}

// firstSubject is the first subject-like mention in tokens [from, to).
func (e *engine) firstSubject(from, to int32) int32 {
	for j := from; j < to; j++ {
		if mi := e.info[j].mention; mi >= 0 {
			if e.subjectLike(mi) {
				return mi
			}
			j = e.in.Mentions[mi].End - 1
		}
	}
	return -1
}

// objects appends the object of a cue ending at token from: the first actor
// after it before a clause boundary, with the actors coordinated with it.
func (e *engine) objects(from int32, dst []part) []part {
	_, en := e.sentBounds(max(from-1, 0))
	limit := min(en, from+objectWindow)
	w := float32(1)
	prep := false // a preposition came between the cue and token j
	var act *Cue  // a negative act heading the object (OpposedAct)
	for j := from; j < limit; j++ {
		inf := &e.info[j]
		if inf.mention >= 0 {
			return e.objectMention(dst, inf.mention, w)
		}
		if e.isPunct(j) {
			if mi := e.listedAfter(j, from, prep); mi >= 0 {
				// "blamed the committee, Facebook and Infowars": the
				// actors listed after a first object that is none.
				return e.objectMention(dst, mi, w)
			}
			return dst
		}
		c := inf.class
		if c&ClassPrep == 0 && c&(ClassSub|ClassRel|ClassAttrib) != 0 {
			return dst
		}
		if c&(classPron|ClassPronFirst) != 0 && !e.possBeforeMention(j) {
			var ok bool
			if dst, ok = e.pronounPartAs(dst, j, w, true); ok {
				return dst
			}
		}
		if c&ClassEventNoun != 0 && !prep && j > 0 && e.info[j-1].class&ClassDefinite != 0 {
			if d := e.eventParts(dst, j, w); len(d) > len(dst) {
				return d
			}
		}
		if c&ClassPair != 0 {
			return dst // "the deal between X and Y": the deal's parties
		}
		if c&ClassNear != 0 && j > from {
			return dst // "a ban on fishing near Peru": a place, no target
		}
		if c&ClassPrep != 0 && j > from {
			if act != nil && !prep && act.TargetPreps&(1<<uint(inf.prep)) != 0 {
				w *= -e.p.OpposedAct
			}
			switch {
			case c&ClassChain != 0:
				w *= e.p.OfChain
			case !prep && j <= from+modifierReach && c&ClassSource != 0:
				// "rejected the ultimatum from X": the source of the
				// object right after it counts like its possessor.
				w *= e.p.Possessive
			default:
				w *= e.p.Adjunct
			}
			prep = true
		}
		if inf.occ >= 0 {
			cc := &e.l.cues[e.s.occs[inf.occ].cue]
			if j > from && isVerbCue(cc) {
				return dst
			}
			if cc.Frame == FramePrep && cc.POS == POSNoun && cc.Weight < 0 && !prep {
				// "condemned the bombing of Syria": the object is an act
				// against a target of its own (its frame finds it); to
				// condemn it is weak support of its victim, not opposition
				// (and to welcome it weak opposition), applied at the
				// act's target preposition below. Its doer ("the attack
				// by Russia") keeps the sign, and so does the target of
				// an act for it: "vetoed the aid for Ukraine".
				act = cc
			}
		}
	}
	return dst
}

// listedAfter returns the mention that continues a list of objects at the
// comma j, or -1: the verb's object began at from with a phrase that is no
// mention (no preposition came between), and the comma is followed by a
// mention and another comma or a coordinator, in a list that closes, within listReach tokens, at a
// preposition or a punctuation mark other than a comma, or at the
// sentence's end ("blamed the committee, Facebook, and conspiracy site
// Infowars for her defeat"). Between, only commas, "and", "or", mentions
// and, after a comma or a coordinator, the words of a noun phrase may
// stand. A word right after a listed mention is a verb of a new clause, and
// the list its subjects ("praised the deal, France and Germany welcomed
// it", "condemned the attack, Germany and France said").
func (e *engine) listedAfter(j, from int32, prep bool) int32 {
	n := int32(len(e.toks))
	if prep || j <= from || !e.punctIs(j, ',') || j+1 >= n {
		return -1
	}
	first := e.info[j+1].mention
	if first < 0 || e.in.Mentions[first].Start != j+1 {
		return -1
	}
	k := e.in.Mentions[first].End
	if k >= n || !(e.punctIs(k, ',') || e.info[k].class&ClassCoord != 0) {
		return -1 // one mention is no list
	}
	_, sentEnd := e.sentBounds(j)
	afterMention := true
	for ; k < sentEnd && k < j+1+listReach; k++ {
		inf := &e.info[k]
		switch {
		case inf.mention >= 0:
			afterMention = true
			k = e.in.Mentions[inf.mention].End - 1
		case e.punctIs(k, ',') || inf.class&ClassCoord != 0:
			afterMention = false
		case e.isPunct(k) || inf.class&ClassPrep != 0:
			return first
		case afterMention || inf.class&(ClassAttrib|ClassRel|ClassSub|classPron) != 0:
			return -1
		case inf.occ >= 0 && isVerbCue(&e.l.cues[e.s.occs[inf.occ].cue]):
			return -1
		}
	}
	if k >= sentEnd {
		return first
	}
	return -1
}

// isVerbCue reports whether cue c is a verb or a verb phrase.
func isVerbCue(c *Cue) bool { return c.POS == POSVerb || c.POS == POSVPhrase }

// eventParts appends the doer and the target of the act that "the move"
// or "the criticism" at token j takes up: the last cue contribution with
// both, in an earlier sentence of the statement and at most maxReach
// tokens back. The doer counts with weight Anaphor, the target with the
// act's sign times Anaphor ("Britain imposed sanctions on Iran. The US
// welcomed the move": the US -> Britain support, -> Iran oppose).
func (e *engine) eventParts(dst []part, j int32, w float32) []part {
	sent := e.info[j].sent
	if sent == 0 {
		return dst
	}
	lo := e.toks[max(0, j-maxReach)].Start
	sentStart, _ := e.in.Sentences[sent].Span(e.toks)
	cs := e.s.contribs
	for i := len(cs) - 1; i >= 0; i-- {
		c := &cs[i]
		if c.Begin < lo {
			break
		}
		if c.Cue < 0 || c.Doer || c.RelationOnly || c.TargetOnly || c.Holder < 0 || c.Target < 0 {
			continue
		}
		if c.Begin >= sentStart {
			continue // this sentence's own act
		}
		sign := float32(1)
		if c.Weight < 0 {
			sign = -1
		}
		a := e.p.Anaphor * w
		return append(dst,
			part{actor: c.Holder, mention: -1, w: a, rule: RuleAnaphor},
			part{actor: c.Target, mention: -1, w: sign * a, rule: RuleAnaphor})
	}
	return dst
}

// possWeight weakens a possessive mention that is not itself the object
// ("condemned Russia's invasion").
func (e *engine) possWeight(mi int32) float32 {
	m := &e.in.Mentions[mi]
	if m.Possessive {
		return e.p.Possessive
	}
	return 1
}

// possBeforeMention reports whether token j is a possessive pronoun that
// determines a mention right after it ("its European allies"): the mention,
// not the pronoun, is the head of the phrase.
func (e *engine) possBeforeMention(j int32) bool {
	if e.info[j].class&ClassPossPron == 0 {
		return false
	}
	n := int32(len(e.toks))
	for k := j + 1; k < n && k <= j+modifierReach; k++ {
		if e.info[k].mention >= 0 {
			return true
		}
		if e.info[k].class&ClassMod == 0 && !isAdverb(e.lowerAt(k)) {
			return false
		}
	}
	return false
}

// objectMention appends mention mi found as an object: a possessor with its
// head ("Germany's proposal": the proposal fully, Germany weaker), or the
// mention with its coordinated mentions.
func (e *engine) objectMention(dst []part, mi int32, w float32) []part {
	m := &e.in.Mentions[mi]
	if m.Possessive {
		if e.followedBy(mi) {
			// "congratulated Taipei's opponents": the object is the
			// opponents, not Taipei.
			return dst
		}
		n := int32(len(e.toks))
		for j := m.End; j < n && j <= m.End+2; j++ {
			if h := e.info[j].mention; h >= 0 {
				if !e.compoundModifier(h) {
					dst = e.addMention(dst, h, w, RuleActive, 1)
				}
				return append(dst, part{actor: m.Actor, mention: mi, w: w * e.p.Possessive, rule: RulePossessive})
			}
			if e.info[j].class&ClassMod == 0 && !isAdverb(e.lowerAt(j)) {
				break
			}
		}
	}
	return e.addMention(dst, mi, w*e.possWeight(mi), e.possRule(mi), 1)
}

// compoundModifier reports whether mention mi modifies a common noun right
// after it ("Sweden's NATO membership", "the EU plan"): a lower-case word
// that is no function word, cue or mention. The noun, not the mention, is
// the head of the phrase.
func (e *engine) compoundModifier(mi int32) bool {
	m := &e.in.Mentions[mi]
	if m.Possessive || int(m.End) >= len(e.toks) {
		return false
	}
	t, inf := e.toks[m.End], &e.info[m.End]
	return t.Kind == tokenize.Word && !t.Has(tokenize.Capitalized) && inf.class == 0 && inf.mention < 0 && inf.occ < 0 && inf.inOcc < 0
}

// possRule is RulePossessive for a possessive mention, else RuleActive.
func (e *engine) possRule(mi int32) Rule {
	if e.in.Mentions[mi].Possessive {
		return RulePossessive
	}
	return RuleActive
}

// npAfter appends the actor of the noun phrase starting at token j (after a
// preposition): determiners and modifiers may come first.
func (e *engine) npAfter(j int32, dst []part) []part { return e.npAfterLimit(j, dst, false) }

// targetAfter is npAfter for a target: it may also reach through another
// preposition, weaker ("frustration at being excluded from the talks").
func (e *engine) targetAfter(j int32, dst []part) []part { return e.npAfterLimit(j, dst, true) }

func (e *engine) npAfterLimit(j int32, dst []part, through bool) []part {
	n := int32(len(e.toks))
	w := float32(1)
	limit := 5
	if through {
		limit = 7
	}
	noun := false // a content word came before token j
	for k := 0; j < n && k < limit; j, k = j+1, k+1 {
		inf := &e.info[j]
		if inf.mention >= 0 {
			return e.objectMention(dst, inf.mention, w)
		}
		if inf.class&(classPron|ClassPronFirst) != 0 && !e.possBeforeMention(j) {
			dst, _ = e.pronounPart(dst, j, w)
			return dst
		}
		if e.isPunct(j) || inf.class&(ClassSub|ClassRel|ClassAttrib) != 0 && inf.class&ClassPrep == 0 {
			return dst
		}
		if inf.class&ClassPrep != 0 {
			switch {
			case inf.class&ClassChain != 0:
				w *= e.p.OfChain
			case through && noun:
				// "the bombing of a market in Syria": the phrase belongs
				// to the market.
				return dst
			case through:
				w *= e.p.Adjunct
			default:
				return dst
			}
		}
		// A participle is no noun: "frustration at being excluded from
		// the talks" reaches the talks.
		noun = noun || inf.class == 0 && e.toks[j].Kind == tokenize.Word && !isAdverb(e.lowerAt(j)) && !looksParticiple(e.lowerAt(j))
	}
	return dst
}

// byPhrase appends the actor of a "by X" phrase within a few tokens after
// token from (the agent of a passive).
func (e *engine) byPhrase(from int32, dst []part) []part {
	_, en := e.sentBounds(max(from-1, 0))
	for j := from; j < en && j < from+agentReach; j++ {
		if e.isPunct(j) || e.info[j].class&(ClassSub|ClassRel) != 0 && e.info[j].class&ClassPrep == 0 {
			return dst
		}
		if e.info[j].class&ClassAgent != 0 {
			if j > from && e.info[j-1].class == 0 && e.info[j-1].occ < 0 && looksParticiple(e.lowerAt(j-1)) {
				// "criticised in a report written by X", "at a meeting
				// chaired by X": the agent of another participle.
				return dst
			}
			return e.npAfter(j+1, dst)
		}
	}
	return dst
}
