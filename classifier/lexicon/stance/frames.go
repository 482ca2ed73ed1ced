package stance

import (
	"cmp"
	"slices"
	"sort"

	"github.com/stancetag/stancetag/classifier"
	"github.com/stancetag/stancetag/classifier/lexicon/tokenize"
)

// apply finds holder and target of occurrence oi by its cue's frame and
// records the contributions.
func (e *engine) apply(oi int32) {
	o := &e.s.occs[oi]
	c := &e.l.cues[o.cue]
	if c.Frame.modifier() || o.factor == 0 {
		// Its words carry no stance and no portrayal either ("without the
		// support of", "neither endorsed nor condemned").
		o.used = true
		return
	}
	s := e.s
	w := c.Weight * o.factor
	holders, targets := s.partsA[:0], s.partsB[:0]
	rule := RuleActive
	// A cue inside a mention describes that actor ("the autocrats").
	if mi := e.info[o.start].mention; mi >= 0 {
		if c.Frame == FrameDescriptor {
			targets = append(targets, part{actor: e.in.Mentions[mi].Actor, mention: mi, w: 1, rule: RuleDescriptor})
			e.emit(o, holders, targets, w, RuleDescriptor)
		}
		s.partsA, s.partsB = holders, targets
		return
	}
	switch c.Frame {
	case FrameSVO, FrameInverse:
		passive := c.POS == POSVerb && o.form.participle() && e.passive(o)
		var subj []part
		if prev := e.actBefore(o); prev >= 0 {
			// "Norway expelled two Russian diplomats, infuriating
			// Moscow": the participle's subject is the subject of the
			// act before the comma (or the "by"), not the nearest actor
			// (Russian).
			subj = e.subject(e.s.occs[prev].start, false, holders)
		} else {
			subj = e.subject(o.start, o.form.nonFinite(), holders)
		}
		subj = e.causer(o, subj)
		var obj []part
		switch {
		case passive && c.Frame == FrameInverse:
			// "X was angered by / impressed with / alarmed at Y"
			if o.end < int32(len(e.toks)) && e.info[o.end].prep >= 0 && c.TargetPreps&(1<<uint(e.info[o.end].prep)) != 0 {
				obj = e.npAfter(o.end+1, targets)
			}
			rule = RulePassive
		case passive:
			obj = e.byPhrase(o.end, targets)
			rule = RulePassive
		case c.Frame == FrameInverse && o.end < int32(len(e.toks)) && e.info[o.end].prep >= 0 && c.HolderPreps&(1<<uint(e.info[o.end].prep)) != 0:
			obj = e.npAfter(o.end+1, targets)
		default:
			obj = e.objects(o.end, targets)
		}
		if len(obj) == 0 && !passive {
			// "the reform, which the government defended": the object is
			// the antecedent of the relative pronoun before the subject.
			obj = e.relativeObject(o, subj, obj)
		}
		if len(obj) == 0 && !passive && c.Reaction {
			obj = e.reactedTo(o, obj)
		}
		if c.Guest && !passive {
			obj = e.dropGuests(o, subj, obj)
		}
		// Active SVO: subject holds, object receives. Passive SVO and active
		// inverse swap; passive inverse swaps back.
		if (c.Frame == FrameInverse) != passive {
			holders, targets = obj, subj
			if c.Frame == FrameInverse {
				rule = RuleInverse
			}
		} else {
			holders, targets = subj, obj
		}
		targets = e.keepAttached(o, targets)
		if (c.Reciprocal || e.eachOther(o.end)) && !passive && c.Frame == FrameSVO && e.reciprocal(o, holders, w) {
			// Any actor after the cue is an adjunct ("signed a peace
			// declaration at the White House"), not a third side.
			targets = targets[:0]
		}
		if !passive && c.Frame == FrameSVO && len(targets) > 0 {
			if ph, ok := e.parseHolders(o, holders, s.partsC[:0]); ok {
				s.partsC = ph[:0]
				holders = append(holders[:0], ph...)
			}
		}
		if c.RecipientPreps != 0 && rule == RuleActive {
			targets = e.recipients(o, c, holders, targets)
		}
		e.emit(o, holders, targets, w, rule)
		if w > 0 && rule == RuleActive && c.Frame == FrameSVO {
			e.againstSide(o, holders, targets, w)
		}
		if len(targets) == 0 && passive && c.Frame == FrameSVO && len(obj) == 0 {
			// "the move was welcomed in Kyiv": Kyiv welcomed it.
			holders = e.inPhrase(o.end, holders)
		}
		e.holdCue(o, holders, targets, rule != RuleActive)
		if c.Agent != 0 && c.Frame == FrameSVO && o.factor > 0 {
			// A flipped act did not happen ("will never betray X", "refused
			// to invade"): it portrays no agent.
			e.emit(o, nil, holders, c.Agent*abs32(o.factor), RuleAgent)
		}
	case FramePrep:
		if w > 0 && e.objectOfOpposingCue(o) {
			// "Estonia vetoed the aid for Latvia": the aid did not come,
			// and the veto's stance toward Latvia is the verb's own
			// (objects, OpposedAct).
			break
		}
		holders, targets = e.prepRoles(o, c, holders, targets)
		targets = e.keepAttached(o, targets)
		if c.Reciprocal {
			// "a deal between Ukraine and Moldova": the parties hold it
			// toward each other; whoever welcomed the deal is no party.
			e.reciprocal(o, targets, w)
			break
		}
		e.emit(o, holders, targets, w, RulePrep)
		e.holdCue(o, holders, targets, true)
	case FramePossessed:
		if o.start > 0 {
			if mi := e.info[o.start-1].mention; mi >= 0 && e.in.Mentions[mi].Possessive {
				targets = e.addMention(targets, mi, 1, RulePossessive, -1)
			}
		}
		if len(targets) == 0 && e.classAt(o.end)&ClassChain != 0 {
			targets = e.npAfter(o.end+1, targets)
		}
		holders = e.subject(o.start, true, holders)
		targets = e.keepAttached(o, targets)
		e.emit(o, holders, targets, w, RulePossessive)
	case FrameDescriptor:
		holders, targets = e.descRoles(o, holders, targets)
		targets = e.keepAttached(o, targets)
		e.emit(o, holders, targets, w, RuleDescriptor)
	case FrameSubject:
		targets = e.keepAttached(o, e.subject(o.start, o.form.nonFinite(), targets))
		rule := RuleSubject
		if c.Urged {
			var ok bool
			if holders, ok = e.urger(o, targets, holders); !ok {
				break
			}
			if len(holders) > 0 {
				rule = RuleControl
			}
		}
		e.emit(o, holders, targets, w, rule)
	}
	s.partsA, s.partsB = holders[:0], targets[:0]
}

// dropGuests removes from the objects of cue o, of option guest, the people
// named without a possessive: a visitor welcomed is received, not
// supported ("welcomed Carney to Downing Street"), while "welcomed
// Carney's decision" stays. The cue's words then portray neither the guest
// nor the host (subj).
func (e *engine) dropGuests(o *occ, subj, obj []part) []part {
	kept := obj[:0]
	for _, p := range obj {
		if p.mention >= 0 {
			if m := &e.in.Mentions[p.mention]; m.Kind == classifier.KindPerson && !m.Possessive {
				e.s.heldCue = append(e.s.heldCue, span{p.mention, o.start, o.end})
				for _, h := range subj {
					if h.mention >= 0 {
						e.s.heldCue = append(e.s.heldCue, span{h.mention, o.start, o.end})
					}
				}
				continue
			}
		}
		kept = append(kept, p)
	}
	return kept
}

// reactedTo appends the doer a cue of option reaction reacts to: the first
// subject-like mention of the clause that a word of class reaction opens
// right after the cue and its adverbs ("protested after a Philippine
// vessel entered its waters", "protested strongly when Israel …").
func (e *engine) reactedTo(o *occ, dst []part) []part {
	j := o.end
	for n := 0; j < int32(len(e.toks)) && n < modifierReach && e.info[j].mention < 0 && (e.info[j].class&ClassMod != 0 || isAdverb(e.lowerAt(j))); n++ {
		j++
	}
	if j >= int32(len(e.toks)) || e.info[j].class&ClassReaction == 0 {
		return dst
	}
	_, en := e.sentBounds(j)
	if mi := e.firstSubject(j+1, min(en, j+1+objectWindow)); mi >= 0 {
		return e.addMention(dst, mi, 1, RuleActive, 1)
	}
	return dst
}

// actBefore returns, for a cue in -ing form right after a comma (a
// participle clause: "…, angering Israel") or after the "by" of a means
// ("Hungary defied the EU by backing Russia"), the occurrence of the verb
// cue before it in its sentence (in any form but -ing), the act whose
// subject the participle shares, or -1.
func (e *engine) actBefore(o *occ) int32 {
	if o.form != FormIng || o.start < 2 || !e.punctIs(o.start-1, ',') && e.info[o.start-1].class&ClassAgent == 0 {
		return -1
	}
	st, _ := e.sentBounds(o.start)
	for k := o.start - 2; k >= st; k-- {
		oi := e.info[k].inOcc
		if oi < 0 {
			continue
		}
		p := &e.s.occs[oi]
		if c := &e.l.cues[p.cue]; (c.POS == POSVerb || c.POS == POSVPhrase) && p.form != FormIng {
			return oi
		}
		return -1 // another act, not a verb's: leave the walk to subject
	}
	return -1
}

// causer appends to subj, the subject of the infinitive cue o, the actor
// that got it to act: in "Britain persuaded Canada to sanction Belarus"
// subj is Canada, right after a verb of class cause and before the
// infinitive marker, and Britain holds the stance too, weaker
// (Params.Causer, rule xcomp).
//
// The same with a verb of class join and "in" before a gerund: in "Canada
// joined Britain in imposing sanctions on Iran" subj is Britain and Canada
// holds the act too, as fully.
func (e *engine) causer(o *occ, subj []part) []part {
	if len(subj) != 1 || subj[0].mention < 0 || o.start < 2 {
		return subj
	}
	verb, w := ClassCause, e.p.Causer
	switch {
	case e.info[o.start-1].class&ClassInf != 0:
	case e.info[o.start-1].class&ClassPlace != 0 && o.form == FormIng:
		verb, w = ClassJoin, 1
	default:
		return subj
	}
	m := &e.in.Mentions[subj[0].mention]
	if m.End != o.start-1 {
		return subj
	}
	v := e.verbBefore(m, verb)
	if v < 0 {
		return subj
	}
	n := len(subj)
	subj = e.subject(v, false, subj)
	for i := n; i < len(subj); i++ {
		if subj[i].actor == subj[0].actor {
			return subj[:n]
		}
		subj[i].w *= w
		subj[i].rule = RuleControl
	}
	return subj
}

// verbBefore returns the token of the verb of class verb whose object is
// mention m: the word right before it ("urged Maduro"), or, for a cause,
// a verb of class causeprep before a preposition before it ("called on
// Hungary"); -1 when there is none.
func (e *engine) verbBefore(m *Mention, verb Class) int32 {
	k := m.Start - 1
	if k < 0 {
		return -1
	}
	if e.info[k].class&verb != 0 {
		return k
	}
	if verb == ClassCause && k >= 1 && e.info[k].class&ClassPrep != 0 && e.info[k-1].class&ClassCausePrep != 0 {
		return k - 1
	}
	return -1
}

// againstSide records the second side of a supportive act: in "France
// sided with Cyprus against Turkey" France opposes Turkey as it supports
// Cyprus (rule against). The phrase must follow an actor target known to
// be a party, a person, country, organisation or group (not a thing of
// kind other, nor a caller actor of no kind, which may be one: praising
// "a ruling against the league" states the ruling's stance).
func (e *engine) againstSide(o *occ, holders, targets []part, w float32) {
	if len(targets) == 0 {
		return
	}
	last := targets[len(targets)-1]
	if last.mention < 0 {
		return
	}
	m := &e.in.Mentions[last.mention]
	if m.Kind == classifier.KindOther || m.Kind == classifier.KindUnspecified || m.End >= int32(len(e.toks)) || m.End < o.end {
		return
	}
	if e.info[m.End].class&ClassAgainst == 0 {
		return
	}
	side := e.npAfter(m.End+1, e.s.partsD[:0])
	e.s.partsD = side[:0]
	for i := range side {
		side[i].rule = RuleAgainst
	}
	e.emit(o, holders, side, -w, RuleAgainst)
}

// urger finds who calls for the act of the urged cue o (Cue.Urged), whose
// subject is subj: in "Germany urged Maduro to step down" Maduro is right
// after a verb of class cause and before the infinitive marker, and that
// verb's subject (Germany) is appended to holders, weighed by
// Params.Causer; after a modal of obligation ("Maduro must resign") the
// holder is left to attribution or the speaker. ok is false when nobody
// calls for it ("Maduro resigned"): the cue then says nothing.
func (e *engine) urger(o *occ, subj, holders []part) (_ []part, ok bool) {
	for j := o.start - 1; j >= 0 && j >= o.start-modifierReach; j-- {
		cl := e.info[j].class
		if cl&ClassOblige != 0 {
			return holders, true
		}
		if cl&(ClassAux|ClassModal|ClassNeg) == 0 && !isAdverb(e.lowerAt(j)) {
			break
		}
	}
	if len(subj) != 1 || subj[0].mention < 0 || o.start < 2 || e.info[o.start-1].class&ClassInf == 0 {
		return holders, false
	}
	m := &e.in.Mentions[subj[0].mention]
	if m.End != o.start-1 {
		return holders, false
	}
	v := e.verbBefore(m, ClassCause)
	if v < 0 || e.info[v].class&ClassAsk != 0 {
		// "China asked Russia to stop its attacks" is a request, not a
		// call against Russia.
		return holders, false
	}
	n := len(holders)
	holders = e.subject(v, false, holders)
	for i := n; i < len(holders); i++ {
		holders[i].w *= e.p.Causer
		holders[i].rule = RuleControl
	}
	return holders, true
}

// objectOfOpposingCue reports whether the noun cue o heads the object of
// a verb cue that opposes it ("condemned the deadly bombing of", "vetoed
// the sanctions on"): an article, modifiers and adjectives may stand
// between them.
func (e *engine) objectOfOpposingCue(o *occ) bool {
	k := o.start - 1
	for n := 0; k >= 0 && n <= modifierReach; k, n = k-1, n+1 {
		inf := &e.info[k]
		if inf.mention >= 0 || inf.inOcc >= 0 || e.toks[k].Kind != tokenize.Word {
			break
		}
		if inf.class&(ClassDet|ClassMod) == 0 && inf.class != 0 {
			return false
		}
	}
	if k < 0 || e.info[k].inOcc < 0 {
		return false
	}
	v := &e.s.occs[e.info[k].inOcc]
	c := &e.l.cues[v.cue]
	return (c.POS == POSVerb || c.POS == POSVPhrase) && c.Weight*v.factor < 0
}

// reciprocal records the contributions of a reciprocal cue
// (Cue.Reciprocal) with coordinated holders: each holder toward each
// other one, both ways ("India and Chile signed a trade agreement": India
// -> Chile and Chile -> India), with rule reciprocal, and reports whether
// it did. A single holder gives nothing: the cue then reads as any svo
// cue.
func (e *engine) reciprocal(o *occ, holders []part, w float32) bool {
	n := 0
	for _, h := range holders {
		if h.mention >= 0 {
			n++
		}
	}
	if n < 2 {
		return false
	}
	for i := range holders {
		if holders[i].mention < 0 {
			continue
		}
		for j := range holders {
			if j == i || holders[j].mention < 0 || holders[j].actor == holders[i].actor {
				continue
			}
			// The parts' own rules (coordination) yield to reciprocal.
			h, t := [1]part{holders[i]}, [1]part{holders[j]}
			h[0].rule, t[0].rule = 0, 0
			e.emit(o, h[:], t[:], w, RuleReciprocal)
		}
	}
	return true
}

// recipients emits the targets of cue o that stand in a "to" phrase, with
// those coordinated after them ("deported them to Laos and Thailand"), with
// the cue's to= weight (Cue.Recipient), and returns the other targets.
func (e *engine) recipients(o *occ, c *Cue, holders, targets []part) []part {
	n, in := 0, false
	for _, t := range targets {
		if t.mention >= 0 {
			k := e.in.Mentions[t.mention].Start - 1
			if k > o.end && e.info[k].class&ClassDet != 0 {
				k--
			}
			switch {
			case k >= o.end && e.info[k].prep >= 0 && c.RecipientPreps&(1<<uint(e.info[k].prep)) != 0:
				in = true
			case t.rule != RuleCoordination:
				in = false
			}
		}
		if in {
			one := [1]part{t}
			e.emit(o, holders, one[:], c.Recipient*o.factor, RuleActive)
			continue
		}
		targets[n] = t
		n++
	}
	return targets[:n]
}

// eachOther reports whether the reciprocal pronoun ("each other", "one
// another", "each other's") starts at token j, a cue's object.
func (e *engine) eachOther(j int32) bool {
	return j+1 < int32(len(e.toks)) && e.info[j].class&ClassEach != 0 && e.info[j+1].class&ClassOther != 0
}

// holdCue keeps a cue's own words from portraying its holders when the cue
// found no target ("the plan drew sharp criticism from Poland": Poland is
// the critic, not the criticised): the cue and the modifiers just before it
// do not count toward them. explicit is false for holders found as the
// active subject; those are left alone, since news often portrays the doer
// of a negative act ("X lied").
func (e *engine) holdCue(o *occ, holders, targets []part, explicit bool) {
	if len(targets) > 0 || !explicit {
		return
	}
	from := o.start
	for k := 0; k < maxGap && from > 0 && e.info[from-1].mention < 0 && (e.info[from-1].class&ClassMod != 0 || isAdverb(e.lowerAt(from-1))); k++ {
		from--
	}
	for _, h := range holders {
		if h.mention >= 0 {
			e.s.heldCue = append(e.s.heldCue, span{h.mention, from, o.end})
			o.held = true
		}
	}
}

// inPhrase appends the actor of an "in X" phrase right after token from,
// the holder of a passive cue without a by-phrase ("was welcomed in Kyiv").
func (e *engine) inPhrase(from int32, dst []part) []part {
	if e.classAt(from)&ClassPlace != 0 {
		return e.npAfter(from+1, dst)
	}
	return dst
}

// relativeObject returns the antecedent of an object relative clause: REL
// SUBJECT [aux] CUE, as in "the plan that Berlin backed".
func (e *engine) relativeObject(o *occ, subj, dst []part) []part {
	if len(subj) == 0 || subj[0].mention < 0 {
		return dst
	}
	r := e.in.Mentions[subj[0].mention].Start - 1
	for r > 0 && e.info[r].class&ClassDet != 0 && e.info[r].class&ClassRel == 0 {
		r--
	}
	if r < 1 || e.info[r].class&ClassRel == 0 || e.info[r].class&ClassWho != 0 {
		return dst
	}
	for j := e.in.Mentions[subj[0].mention].End; j < o.start; j++ {
		if e.info[j].class&(ClassAux|ClassModal|ClassNeg|ClassBe) == 0 && !isAdverb(e.lowerAt(j)) {
			return dst
		}
	}
	k := r - 1
	if e.punctIs(k, ',') {
		k--
	}
	if k >= 0 && e.info[k].mention >= 0 {
		return e.addMention(dst, e.info[k].mention, 1, RuleActive, -1)
	}
	return dst
}

func abs32(f float32) float32 {
	if f < 0 {
		return -f
	}
	return f
}

// passive reports whether a participle cue is passive: after a form of "be"
// or "get" ("was criticised", "got sanctioned"), or a reduced relative
// directly followed by "by" ("the plan, backed by France").
func (e *engine) passive(o *occ) bool {
	j := o.start - 1
	for j >= 0 && (e.info[j].class&(ClassNeg|ClassAux) != 0 && e.info[j].class&(ClassBe|ClassGet) == 0 || isAdverb(e.lowerAt(j))) {
		if e.info[j].class&ClassPerfect != 0 && j == o.start-1 {
			return false // "has criticised"
		}
		j--
	}
	if j >= 0 && e.info[j].class&(ClassBe|ClassGet) != 0 {
		return true
	}
	return e.classAt(o.end)&ClassAgent != 0
}

// prepRoles finds holder and target of a noun or adjective cue: target after
// a target preposition, holder after a holder preposition, the possessor
// before the cue or the clause subject.
func (e *engine) prepRoles(o *occ, c *Cue, holders, targets []part) ([]part, []part) {
	n := int32(len(e.toks))
	j := o.end
	for round := 0; round < 2 && j < n; round++ {
		p := e.info[j].prep
		if p < 0 {
			break
		}
		bit := uint64(1) << uint(p)
		before := len(targets) + len(holders)
		switch {
		case c.TargetPreps&bit != 0 && e.gerundAt(j+1):
			// "his commitment to ending the war and strengthening
			// U.S.-Russia ties": the target is an act, not the actors
			// inside it.
		case c.TargetPreps&bit != 0:
			targets = e.targetAfter(j+1, targets)
		case c.HolderPreps&bit != 0 && len(holders) == 0:
			holders = e.npAfter(j+1, holders)
		}
		if len(targets)+len(holders) == before {
			break
		}
		// Continue after the mention just found ("support from X for Y").
		last := targets
		if len(holders) > 0 && (len(targets) == 0 || holders[len(holders)-1].mention > targets[len(targets)-1].mention) {
			last = holders
		}
		mi := last[len(last)-1].mention
		if mi < 0 {
			break
		}
		j = e.in.Mentions[mi].End
	}
	if len(targets) == 0 && len(holders) == 0 {
		// "despite EU objections", "despite the EU's objections": the
		// mention before the cue holds it.
		if k := e.ownerBefore(o); k >= 0 && e.info[k].mention >= 0 && e.conceded(o.start) {
			holders = append(holders, part{actor: e.in.Mentions[e.info[k].mention].Actor, mention: e.info[k].mention, w: 1, rule: RulePossessive})
		}
	}
	if len(targets) == 0 && len(holders) > 0 && holders[len(holders)-1].rule != RulePronoun && e.conceded(o.start) {
		// "India supplied wheat to Afghanistan despite objections from
		// Pakistan": the objection is to the conceding clause's subject;
		// in "Despite objections from Pakistan, India supplied …", the
		// subject after the objection's phrase. A pronoun holder is most
		// often a possessive ("despite pressure from its neighbours": the
		// neighbours object, not "it"), so it takes none.
		st, en := e.sentBounds(o.start)
		h := holders[len(holders)-1].mention
		lim := o.start
		if h >= 0 {
			// Not the holder itself ("Despite EU objections, Hungary …").
			lim = min(lim, e.in.Mentions[h].Start)
		}
		first := e.firstSubject(st, lim)
		if first < 0 && h >= 0 {
			first = e.firstSubject(e.in.Mentions[h].End, en)
		}
		if first >= 0 {
			targets = e.addMention(targets, e.listEnd(first), 1, RuleActive, -1)
		}
		return holders, targets
	}
	if len(targets) == 0 {
		return holders, targets
	}
	if len(holders) == 0 {
		// "Germany's strong support for", "U.S. support for".
		k := e.ownerBefore(o)
		switch {
		case k >= 0 && e.info[k].mention >= 0:
			holders = append(holders, part{actor: e.in.Mentions[e.info[k].mention].Actor, mention: e.info[k].mention, w: 1, rule: RulePossessive})
		case k >= 0 && e.info[k].class&ClassPossPron != 0:
			holders, _ = e.pronounPart(holders, k, 1)
		case e.objectOfOpposingCue(o):
			// "Germany condemned the bombing of Syria": whoever bombed,
			// it was not Germany (the condemnation's own stance toward
			// Syria is objects' OpposedAct). "Germany backed sanctions
			// on X" keeps Germany: to back an act is to share it.
		default:
			holders = e.subject(o.start, true, holders)
		}
	}
	return holders, targets
}

// ownerBefore returns the token before noun cue o across modifiers and
// adverbs, where its owner stands ("Germany's strong support", "EU
// objections"), or -1.
func (e *engine) ownerBefore(o *occ) int32 {
	k := o.start - 1
	for k >= 0 && k >= o.start-modifierReach && e.info[k].mention < 0 && (e.info[k].class&ClassMod != 0 || isAdverb(e.lowerAt(k))) {
		k--
	}
	return k
}

// conceded reports whether a concessive word (class despite) stands right
// before the noun cue at token k, across an article and modifiers
// ("despite the strong objections") and a mention holding the cue
// ("despite EU objections").
func (e *engine) conceded(k int32) bool {
	j := e.pastModifiers(k-1, -1, ClassDet)
	if j >= 0 && e.info[j].mention >= 0 {
		j = e.pastModifiers(e.in.Mentions[e.info[j].mention].Start-1, -1, ClassDet)
	}
	return j >= 0 && e.info[j].mention < 0 && e.info[j].class&ClassDespite != 0
}

// pastModifiers walks from token j in direction dir (+1 or -1) past at most
// modifierReach modifiers, adverbs and words of the classes also (an
// article), and returns the first other token, or -1 at the text's edge or
// when the reach runs out. A mention stops the walk.
func (e *engine) pastModifiers(j, dir int32, also Class) int32 {
	n := int32(len(e.toks))
	for k := 0; j >= 0 && j < n && k <= modifierReach; j, k = j+dir, k+1 {
		if e.info[j].mention >= 0 || e.info[j].class&(ClassMod|also) == 0 && !isAdverb(e.lowerAt(j)) {
			return j
		}
	}
	return -1
}

// gerundAt reports whether token j is a word in -ing that is no mention
// ("ending", "strengthening"): the head of a clause, not of a noun phrase.
// "a meeting", "the building" have an article before them, so they do not
// stand right after the preposition.
func (e *engine) gerundAt(j int32) bool {
	if j >= int32(len(e.toks)) || e.toks[j].Kind != tokenize.Word || e.info[j].mention >= 0 {
		return false
	}
	// "being shut out of the talks" is a passive: its phrase names who
	// acts on the holder, a target.
	return e.info[j].class&(ClassBe|ClassGet) == 0 && looksIng(e.lowerAt(j))
}

// descRoles finds the actor a descriptor describes: the actor right after it
// ("the corrupt X"), or before it across "is", "as", a comma or an article
// ("X, a war criminal", "name X as the aggressor", "X's failed policy").
func (e *engine) descRoles(o *occ, holders, targets []part) ([]part, []part) {
	n := int32(len(e.toks))
	// Directly before the actor: "the brutal militia".
	if o.end < n {
		if mi := e.info[o.end].mention; mi >= 0 {
			return holders, e.addMention(targets, mi, 1, RuleDescriptor, 1)
		}
	}
	// Before: X [,|is|as|was|a|the|very]* desc.
	j := o.start - 1
	as := false
	for k := 0; j >= 0 && k < descriptorReach; j, k = j-1, k+1 {
		inf := &e.info[j]
		if inf.mention >= 0 {
			mi := inf.mention
			w := float32(1)
			if e.in.Mentions[mi].Possessive {
				w = e.p.Possessive
			}
			targets = e.addMention(targets, mi, w, RuleDescriptor, -1)
			if as || !e.subjectLike(mi) || e.namedObject(mi) {
				// "name Russia as the aggressor": the namer holds it.
				holders = e.subject(e.in.Mentions[mi].Start, true, holders)
			}
			return holders, targets
		}
		as = as || inf.class&ClassAs != 0
		if inf.class&(ClassPronPerson|ClassPronThing|ClassPronPlural) != 0 && inf.class&ClassPossPron == 0 {
			// "He is a good guy"
			targets, _ = e.pronounPart(targets, j, 1)
			return holders, targets
		}
		if inf.class&(ClassDet|ClassBe|ClassMod|ClassAux) != 0 || e.punctIs(j, ',') || isAdverb(e.lowerAt(j)) || inf.class&ClassAs != 0 {
			continue
		}
		break
	}
	// After: desc [word]{0,2} X.
	j = o.end
	for k := 0; j < n && k < 3; j, k = j+1, k+1 {
		inf := &e.info[j]
		if inf.mention >= 0 {
			targets = e.addMention(targets, inf.mention, 1, RuleDescriptor, 1)
			return holders, targets
		}
		if e.isPunct(j) || inf.class&(ClassPrep|ClassSub|ClassRel|ClassBe|ClassAux|ClassAttrib) != 0 || inf.occ >= 0 {
			break
		}
	}
	return holders, targets
}

// possessedNoun are the classes a possessed object's noun may have besides
// none: an event noun ("remarks", "visit") whose form may also be a
// reporting verb's.
const possessedNoun = ClassEventNoun | ClassAttrib

// namedObject reports whether mention mi is the object of a verb of naming
// (ClassName), right after it across articles and modifiers: "called
// Macron a liar", "labelled the ministry a failure".
func (e *engine) namedObject(mi int32) bool {
	j := e.wordBefore(mi)
	return j >= 0 && e.info[j].mention < 0 && e.info[j].class&ClassName != 0
}

// emit records one contribution per holder-target pair, or one per target
// without a holder.
func (e *engine) emit(o *occ, holders, targets []part, w float32, rule Rule) {
	if len(targets) == 0 && w != 0 && rule == RuleActive {
		if c := &e.l.cues[o.cue]; c.Frame == FrameSVO && (c.POS == POSVerb || c.POS == POSVPhrase) {
			for _, h := range holders {
				if h.actor >= 0 {
					e.s.acts = append(e.s.acts, act{actor: h.actor, begin: e.toks[o.start].Start, end: e.toks[o.end-1].End})
				}
			}
		}
	}
	if w == 0 || len(targets) == 0 {
		return
	}
	for _, h := range holders {
		if h.mention >= 0 {
			// The words after the cue describe its target, not its holder.
			e.s.heldFrom = append(e.s.heldFrom, span{h.mention, o.end, o.end + objectWindow})
		}
	}
	begin, end := e.toks[o.start].Start, e.toks[o.end-1].End
	def := e.info[o.start].holder
	// Support withheld is no opposition stated ("did not back X",
	// "refused to endorse X"), unless refusing the act is itself a stance
	// (neg=: "refused to sign the agreement with X", "will not abandon X").
	withheld := (o.rule == RuleRefused || o.rule == RuleNegated) && e.l.cues[o.cue].Negated == 0 || o.tentative
	if rule == RuleAgent && e.info[o.start].attrib != RuleQuote && !e.grievance(o.start) {
		// A portrayal of the doer is no stance of whoever reports the act
		// ("Sweden said that Russia had threatened Finland": Sweden holds
		// nothing toward Russia; "accused Russia of …" would be one), as a
		// sentiment word is none; a quoted speaker's own words are one
		// (`"Canada has betrayed us," a Chinese official said`).
		def = -1
	}
	var none [1]part
	if len(holders) == 0 {
		none[0] = part{actor: -1, mention: -1, w: 1}
		holders = none[:]
	}
	for _, t := range targets {
		if t.actor == speakerActor {
			t.actor = def
		}
		if t.actor < 0 {
			continue
		}
		if rule == RuleAgent && def < 0 && t.mention >= 0 && actsAsBody(e.in.Mentions[t.mention].Kind) {
			// Nobody holds the portrayal of a state or body by its own
			// act, and it is no stance toward it ("North Korea fired
			// missiles toward Japan"), as the sentiment of its act is
			// none (sentiment); a speaker's words are ("Canada has
			// betrayed us," a Chinese official said).
			continue
		}
		for hi, h := range holders {
			if dupHolder(holders[:hi], h) {
				// "Viktor Orban, the Hungarian prime minister, met X": one
				// holder named twice acts once.
				continue
			}
			r := rule
			ha := h.actor
			if ha == speakerActor || ha < 0 {
				ha = def
				if a := e.info[o.start].attrib; a != 0 && (rule == RuleDescriptor || rule == RuleSubject || rule == RulePrep) {
					r = a
				}
			}
			if ha == t.actor {
				ha = -1
			}
			r = reportedRule(r, o.rule, t.rule, h.rule)
			o.used = true
			c := Contribution{
				Holder: ha, Target: t.actor, Weight: clamp1(w * t.w * h.w),
				Cue: o.cue, Begin: begin, End: end, Rule: r, Doer: rule == RuleAgent,
				TargetOnly: withheld,
			}
			e.s.contribs = append(e.s.contribs, c)
			if sp := e.speakerOf(o.start); ha >= 0 && sp >= 0 && sp != ha && sp != t.actor && e.in.Affiliation != nil && e.in.Affiliation[sp] == ha {
				// `"Germany will not abandon Ukraine," Merz said`, "Merz
				// said Germany would not abandon Ukraine": the leader who
				// speaks holds what he says his country holds.
				c.Holder, c.Rule, c.RelationOnly = sp, e.info[o.start].attrib, true
				e.s.contribs = append(e.s.contribs, c)
			}
		}
	}
}

// grievance reports whether the reporting verb nearest to token k in its
// sentence, outside quotes, voices a grievance (ClassGrievance): "Lebanon
// complained that Israel had violated its airspace" opposes Israel.
func (e *engine) grievance(k int32) bool {
	if e.info[k].attrib != RuleAttribution || e.classes&ClassGrievance == 0 {
		return false
	}
	st, en := e.sentBounds(k)
	for d := int32(1); d < maxReach; d++ {
		for _, j := range [2]int32{k - d, k + d} {
			if j >= st && j < en && e.info[j].quote < 0 && e.info[j].class&ClassAttrib != 0 {
				return e.info[j].class&ClassGrievance != 0
			}
		}
	}
	return false
}

// speakerOf is the actor who speaks the quote token k is in, or who
// reports the clause it is in ("Merz said Germany would …"), or -1.
func (e *engine) speakerOf(k int32) int32 {
	if a := e.info[k].attrib; a != RuleQuote && a != RuleAttribution {
		return -1
	}
	return e.info[k].holder
}

// dupHolder reports whether an earlier holder part names h's actor.
func dupHolder(earlier []part, h part) bool {
	for _, p := range earlier {
		if p.actor == h.actor && h.actor >= 0 {
			return true
		}
	}
	return false
}

func clamp1(f float32) float32 {
	switch {
	case f > 1:
		return 1
	case f < -1:
		return -1
	}
	return f
}

// prefixes applies prefix cues to one-token mentions: "anti-Trump" opposes
// and "pro-Kremlin" supports the actor inside the word.
func (e *engine) prefixes() {
	if len(e.l.prefixes) == 0 {
		return
	}
	ms := e.in.Mentions
	for mi := range ms {
		m := &ms[mi]
		if m.End != m.Start+1 {
			continue
		}
		low := e.lowerAt(m.Start)
		if len(low) == 0 || !e.l.prefixBy[low[0]] || !hasHyphen(low) {
			continue // every prefix cue ends in "-"; most words start unlike any
		}
		for _, ci := range e.l.prefixes {
			c := &e.l.cues[ci]
			if len(low) > len(c.Text) && string(low[:len(c.Text)]) == c.Text {
				o := occ{start: m.Start, end: m.End, cue: ci, factor: 1}
				t := [1]part{{actor: m.Actor, mention: int32(mi), w: 1, rule: RuleDescriptor}}
				e.emit(&o, nil, t[:], c.Weight, RuleDescriptor)
				break
			}
		}
	}
}

// suffixes applies suffix cues to mentions inside a hyphenated word
// before the actor right after it: in "Iran-backed Houthis" Iran backs the
// Houthis (frame svo, rule active). Without an actor right after the word
// ("Russian-backed separatists" with no actor for them) there is no target.
func (e *engine) suffixes() {
	if len(e.l.suffixes) == 0 {
		return
	}
	ms := e.in.Mentions
	for mi := 0; mi+1 < len(ms); mi++ {
		m, next := &ms[mi], &ms[mi+1]
		if m.End != m.Start+1 || next.Start != m.End || next.Actor == m.Actor {
			continue // a one-token mention, another actor right after the word
		}
		low := e.lowerAt(m.Start)
		if !hasHyphen(low) {
			continue
		}
		for _, ci := range e.l.suffixes {
			c := &e.l.cues[ci]
			if len(low) > len(c.Text) && string(low[len(low)-len(c.Text):]) == c.Text {
				o := occ{start: m.Start, end: m.End, cue: ci, factor: 1}
				h := [1]part{{actor: m.Actor, mention: int32(mi), w: 1, rule: RuleActive}}
				t := [1]part{{actor: next.Actor, mention: int32(mi + 1), w: 1, rule: RuleActive}}
				e.emit(&o, h[:], t[:], c.Weight, RuleActive)
				break
			}
		}
	}
}

// hasHyphen reports whether w holds a '-'.
func hasHyphen(w []byte) bool {
	for _, c := range w {
		if c == '-' {
			return true
		}
	}
	return false
}

// evidence merges the sentiment hits and the portrayal words into one
// list of valenced tokens, skipping the words of cues that already
// contributed, and applying negation to portrayal words. Only hit tokens and
// portrayal words (listed by prepare) can have a valence, so it visits just
// those, in token order.
func (e *engine) evidence() []Hit {
	p := e.p
	ev := e.s.evid[:0]
	hits, port := e.in.Hits, e.s.port
	n := int32(len(e.info))
	k, pk := 0, 0
	for from := int32(0); ; {
		// The next token that has a hit or a portrayal weight. A hit counts
		// only if it is the first one at or after from, as when walking all
		// tokens.
		for k < len(hits) && hits[k].Tok < from {
			k++
		}
		i := n
		if k < len(hits) {
			i = min(i, hits[k].Tok)
		}
		if pk < len(port) {
			i = min(i, port[pk])
		}
		if i >= n {
			break
		}
		from = i + 1
		var v float32
		if k < len(hits) && hits[k].Tok == i {
			v = hits[k].Valence * p.SentimentWeight
		}
		inf := &e.info[i]
		if inf.pset && inf.pv == 0 {
			v = 0
		}
		if inf.pv != 0 {
			pk++
			v += e.portrayal(i)
		}
		if v == 0 || (inf.inOcc >= 0 && e.s.occs[inf.inOcc].used) {
			continue
		}
		if inf.fm != 0 {
			v *= 1 + inf.fm // fitted.tsv "word"
		}
		ev = append(ev, Hit{Tok: i, Valence: v})
	}
	e.s.evid = ev
	return ev
}

// portrayal is the weighted portrayal value of token i, negated or cancelled
// by a negation up to three words before it.
func (e *engine) portrayal(i int32) float32 {
	p := e.p
	pv := e.info[i].pv * p.PortrayalWeight
	for j := i - 1; j >= 0 && j >= i-modifierReach && !e.isPunct(j); j-- {
		if c := e.info[j].class; c&ClassNeg0 != 0 {
			return 0
		} else if c&ClassNeg != 0 {
			return pv * p.NegatePositive
		}
	}
	return pv
}

// sentiment adds the sentiment words near each mention as weak evidence of
// how the statement portrays that actor: words in the mention's own clause
// count fully, others in the sentence less, all decaying with distance, up
// to sentimentReach tokens away. Words that are part of a stance cue are
// already counted by the cue.
func (e *engine) sentiment() {
	if len(e.in.Mentions) == 0 {
		return
	}
	p, fit := e.p, e.l.fit
	hits := e.evidence()
	if len(hits) == 0 {
		return
	}
	e.s.heldFrom = mergeSpans(e.s.heldFrom)
	e.s.heldCue = mergeSpans(e.s.heldCue)
	indexed := false // indexActs runs once, for the first state or body
	held, hc := e.s.heldFrom, e.s.heldCue
	lo, hl, cl := 0, 0, 0
	for mi, m := range e.in.Mentions {
		st, en := e.sentBounds(m.Start)
		st, en = max(st, m.Start-sentimentReach), min(en, max(m.End, m.Start+sentimentReach+1))
		// Mentions come in text order, so the first hit in reach only
		// moves forward.
		for lo < len(hits) && hits[lo].Tok < st {
			lo++
		}
		if lo == len(hits) || hits[lo].Tok >= en {
			continue // no word in reach
		}
		predFrom, predTo, speakerF, dirFrom, dirTo := e.predicate(m, en)
		// "Ankara branded Stockholm a haven for terrorists": the words of
		// the noun phrase after the object of a verb of naming (it starts
		// with an article) are the namer's stance; "called Kenya after
		// the floods" names nothing. So are the words after a possessed
		// object ("called Alvarez's remarks reckless"): what X's deed is
		// named is said of X.
		namer, nameFrom, nameTo := int32(-1), int32(-1), int32(-1)
		from := int32(-1)
		switch {
		case m.End >= en || e.info[m.End].mention >= 0:
		case !m.Possessive && e.info[m.End].class&ClassDet != 0:
			from = m.End
		case m.Possessive && e.info[m.End].class&^possessedNoun == 0 && e.info[m.End].inOcc < 0 && e.toks[m.End].Kind == tokenize.Word && m.End+1 < en:
			from = m.End + 1
		}
		if from >= 0 && e.namedObject(int32(mi)) {
			subj := e.subject(e.wordBefore(int32(mi)), true, e.s.partsC[:0])
			if len(subj) > 0 && subj[0].actor >= 0 && subj[0].actor != m.Actor {
				namer, nameFrom, nameTo = subj[0].actor, from, min(en, from+predicateReach)
			}
			e.s.partsC = subj[:0]
		}
		// The spans this mention holds a cue's object in, sorted.
		for hl < len(held) && held[hl].mention < int32(mi) {
			hl++
		}
		hEnd := hl
		for hEnd < len(held) && held[hEnd].mention == int32(mi) {
			hEnd++
		}
		hk := hl
		for cl < len(hc) && hc[cl].mention < int32(mi) {
			cl++
		}
		ck := cl
		holds := cl < len(hc) && hc[cl].mention == int32(mi)
		if actsAsBody(m.Kind) && !indexed {
			e.indexActs()
			indexed = true
		}
		if actsAsBody(m.Kind) && e.holdsCueIn(m.Actor, st, en) {
			// A state or body that acts takes no sentiment from the words
			// around its act: in "Egypt condemned the brutal attack" Egypt
			// is neither good nor bad; only cues aimed at it say how it is
			// seen. (People are portrayed by what they do, as NewsMTSC
			// labels them.)
			continue
		}
		for _, h := range hits[lo:] {
			if h.Tok >= en {
				break
			}
			if hm := e.info[h.Tok].mention; hm >= 0 && hm != int32(mi) {
				continue
			}
			d := h.Tok - m.Start
			if d < 0 {
				d = m.Start - h.Tok
			}
			if h.Tok >= m.Start && h.Tok < m.End {
				d = 0
			}
			f := speakerF / (1 + p.SentimentDecay*float32(d))
			otherClause := e.info[h.Tok].clause != e.info[m.Start].clause
			if otherClause {
				f *= p.OtherClause
			}
			otherQuote := e.info[h.Tok].quote != e.info[m.Start].quote
			if otherQuote {
				f *= p.OtherQuote
			}
			if e.info[h.Tok].attrib != 0 && e.info[h.Tok].holder == m.Actor {
				// The speaker's own words do not portray the speaker.
				f *= p.SelfAttributed
			}
			for ck < len(hc) && hc[ck].mention == int32(mi) && hc[ck].to <= h.Tok {
				ck++
			}
			if ck < len(hc) && hc[ck].mention == int32(mi) && hc[ck].from <= h.Tok {
				continue // the words of a cue the actor holds
			}
			if holds && e.info[h.Tok].inOcc >= 0 && e.s.occs[e.info[h.Tok].inOcc].held {
				// Nor those of another actor's: "welcomed by Egypt but
				// rejected by Israel" says nothing of Egypt in "rejected".
				continue
			}
			for hk < hEnd && held[hk].to <= h.Tok {
				hk++
			}
			if hk < hEnd && held[hk].from <= h.Tok {
				f *= p.HolderObject
			}
			pred := h.Tok >= predFrom && h.Tok < predTo && e.info[h.Tok].clause == e.info[predFrom-1].clause
			holder, rule := int32(-1), RuleSentiment
			switch {
			case pred:
				f *= p.Predicate
				holder, rule = e.quotedPredicate(m, h.Tok)
			case h.Valence < 0 && h.Tok >= dirFrom && h.Tok < dirTo && e.info[h.Tok].clause == e.info[dirFrom].clause:
				// A bad thing the subject must answer for: held by a
				// quote's speaker, weighed as any word of the clause.
				holder, rule = e.quotedPredicate(m, h.Tok)
			case h.Tok >= nameFrom && h.Tok < nameTo && e.info[h.Tok].clause == e.info[nameFrom-1].clause:
				holder, rule = namer, RuleDescriptor
			}
			via := MakeVia(d, otherClause, otherQuote, pred)
			if fit != nil {
				f *= fit.via[via]
			}
			t := e.toks[h.Tok]
			e.s.contribs = append(e.s.contribs, Contribution{
				Holder: holder, Target: m.Actor, Weight: clamp1(h.Valence * f),
				Cue: -1, Begin: t.Start, End: t.End, Rule: rule, Via: via,
			})
		}
	}
}

// act is an actor that holds a cue, and the cue's byte range.
type act struct {
	actor      int32
	begin, end int32
}

// indexActs adds to e.s.acts the holders of the cue contributions toward
// another actor and sorts them all by position, for holdsCueIn: a search
// per mention instead of a pass over every contribution, which would cost
// mentions × contributions on a long text.
func (e *engine) indexActs() {
	for i := range e.s.contribs {
		c := &e.s.contribs[i]
		if c.Cue >= 0 && c.Holder >= 0 && c.Target != c.Holder {
			e.s.acts = append(e.s.acts, act{actor: c.Holder, begin: c.Begin, end: c.End})
		}
	}
	slices.SortFunc(e.s.acts, func(x, y act) int { return cmp.Compare(x.begin, y.begin) })
}

// holdsCueIn reports whether actor a holds a cue, toward another actor or
// toward none, with the cue inside tokens [st, en) (after indexActs).
func (e *engine) holdsCueIn(a, st, en int32) bool {
	from, to := e.toks[st].Start, e.toks[en-1].End
	acts := e.s.acts
	i := sort.Search(len(acts), func(i int) bool { return acts[i].begin >= from })
	for ; i < len(acts) && acts[i].begin < to; i++ {
		if acts[i].actor == a && acts[i].end <= to {
			return true
		}
	}
	return false
}

// actsAsBody reports whether an actor of kind k acts as a body, a state or
// an organisation, rather than a person or thing.
func actsAsBody(k classifier.ActorKind) bool {
	return k == classifier.KindCountry || k == classifier.KindOrganization
}

// question reports whether the sentence of token i is a question: it ends
// in "?", or in "?" and a closing quote mark.
func (e *engine) question(i int32) bool {
	st, en := e.sentBounds(i)
	if en > st && e.toks[en-1].Kind == tokenize.Quote {
		en--
	}
	return en > st && e.punctIs(en-1, '?')
}

// quotedPredicate returns the holder and rule of a sentiment word at token
// i predicated of mention m ("X is dangerous"): inside a quote whose
// speaker is known and is not X, the speaker holds it (`"Tehran is playing
// a dangerous game," the minister said`: the minister opposes Tehran), with
// rule quote; elsewhere nobody does, with rule sentiment. A word of the
// narrator's ("Tehran is playing a dangerous game, analysts fear") or one
// outside the quote of its subject holds no relation. Nor does a
// participle, which tells what X does or suffers rather than what the
// speaker thinks of X ("The cartels are winning": bad news to the speaker,
// no support).
func (e *engine) quotedPredicate(m Mention, i int32) (int32, Rule) {
	inf := &e.info[i]
	if inf.quote < 0 || inf.attrib != RuleQuote || inf.holder < 0 || inf.holder == m.Actor {
		return -1, RuleSentiment
	}
	if inf.quote != e.info[m.Start].quote {
		// Only a quote said of m ("…," X said of m) speaks of m from
		// outside it.
		if from, to := e.saidOf(m); i < from || i >= to {
			return -1, RuleSentiment
		}
	}
	if looksParticiple(e.lowerAt(i)) {
		return -1, RuleSentiment
	}
	// A question asserts nothing ("Will America be the leader of the free
	// world?").
	if e.question(i) {
		return -1, RuleSentiment
	}
	return inf.holder, RuleQuote
}

// predicate finds what follows mention m: the tokens [predFrom, predTo) of
// a predicate ("X is (not) corrupt", "X would be a phenomenal president"),
// whose words weigh more, or -1, -1; speakerF, the factor for the subject
// of a reporting verb ("X said …"), which is mostly just reporting: the
// words around it say less about X; and the tokens [dirFrom, dirTo) of
// what a modal of obligation says X must do ("X must pay for its crimes"),
// or -1, -1. en ends the mention's reach.
func (e *engine) predicate(m Mention, en int32) (predFrom, predTo int32, speakerF float32, dirFrom, dirTo int32) {
	dirFrom, dirTo = -1, -1
	if from, to := e.saidOf(m); from >= 0 {
		return from, to, 1, dirFrom, dirTo
	}
	n := int32(len(e.toks))
	predFrom, predTo = -1, -1
	j := m.End
	oblige := false
	for j < n && j < m.End+modifierReach && (e.info[j].class&(ClassAux|ClassModal|ClassNeg) != 0 && e.info[j].class&ClassBe == 0 || isAdverb(e.lowerAt(j))) {
		oblige = oblige || e.info[j].class&ClassOblige != 0
		j++
	}
	if j < n && e.info[j].class&ClassBe != 0 {
		predFrom, predTo = j+1, min(en, j+1+predicateReach)
	} else if oblige && j < n && e.toks[j].Kind == tokenize.Word && e.info[j].mention < 0 {
		dirFrom, dirTo = j, min(en, j+predicateReach)
	}
	speakerF = 1
	if j < n && !m.Possessive && e.info[j].class&ClassAttrib != 0 && string(e.lowerAt(j)) != "according" {
		// "X said …" (but "X's remarks" is a noun of X's, not X
		// remarking).
		speakerF = e.p.Speaker
	}
	return predFrom, predTo, speakerF, dirFrom, dirTo
}

// saidOf returns the token range [from, to) of the quote that a reporting
// verb right before "of" and mention m reports (`"This is a betrayal," an
// Armenian official said of Russia's failure`): the quote is said of m, so
// its words are predicated of m. It returns -1, -1 otherwise.
func (e *engine) saidOf(m Mention) (from, to int32) {
	j := m.Start - 1
	if j >= 0 && e.info[j].class&ClassDet != 0 && e.info[j].mention < 0 {
		j--
	}
	if j < 1 || e.info[j].class&ClassChain == 0 || e.info[j-1].class&ClassAttrib == 0 {
		return -1, -1
	}
	for k := j - 2; k >= 0 && k >= j-1-quoteSpeakerReach; k-- {
		q := e.info[k].quote
		if q < 0 {
			continue
		}
		if e.info[k].attrib != RuleQuote || e.info[k].holder < 0 {
			return -1, -1
		}
		from = k
		for from > 0 && e.info[from-1].quote == q {
			from--
		}
		return from, k + 1
	}
	return -1, -1
}

// mergeSpans sorts hf by mention and start and merges the overlapping
// spans of each mention in place, so that sentiment can test hits against
// them in one forward pass.
func mergeSpans(hf []span) []span {
	less := func(a, b span) int {
		if a.mention != b.mention {
			return cmp.Compare(a.mention, b.mention)
		}
		return cmp.Compare(a.from, b.from)
	}
	for i := 1; i < len(hf); i++ {
		if less(hf[i-1], hf[i]) > 0 {
			slices.SortFunc(hf, less) // usually already in order
			break
		}
	}
	out := hf[:0]
	for _, x := range hf {
		if k := len(out) - 1; k >= 0 && out[k].mention == x.mention && x.from <= out[k].to {
			out[k].to = max(out[k].to, x.to)
			continue
		}
		out = append(out, x)
	}
	return out
}
