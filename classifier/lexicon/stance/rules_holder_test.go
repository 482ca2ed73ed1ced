package stance

import "testing"

// TestNegatedModal: a negated future or modal is a refusal; only a negated
// conditional states nothing.
func TestNegatedModal(t *testing.T) {
	t.Parallel()
	runRuleCases(t, []ruleCase{
		{
			// Support withheld colours the target but is no relation.
			name: "will not", speaker: -1,
			text:      "Portugal will not support the fisheries deal.",
			actors:    []actor{country("Portugal"), other("fisheries deal")},
			targets:   map[string]string{"fisheries deal": "oppose"},
			relations: []string{},
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
			// The doer of a negative act keeps its portrayal; the source
			// who reports the act holds no stance by it (TestAgentHolder).
			name: "according to, agent", speaker: -1,
			text:   "According to Minsk, Vilnius is provoking a border crisis.",
			actors: []actor{country("Belarus", "Minsk"), country("Lithuania", "Vilnius")},
			// Nor is the state whose reported act it is (as in
			// events-dev e5-06).
			targets: map[string]string{"Lithuania": "neutral", "Belarus": "neutral"},
		},
	})
}

// TestAgentHolder: an act's portrayal of its doer (cue option agent=) is a
// relation only in a quoted speaker's own words, not of whoever reports
// the act in indirect speech or by attribution.
func TestAgentHolder(t *testing.T) {
	t.Parallel()
	runRuleCases(t, []ruleCase{
		{
			name: "quoted accusation", speaker: -1,
			text:      `"Chile has betrayed us," a Peruvian trade official said.`,
			actors:    []actor{country("Chile"), country("Peru", "Peruvian")},
			targets:   map[string]string{"Chile": "oppose", "Peru": "oppose"},
			relations: []string{"Chile -> Peru: oppose", "Peru -> Chile: oppose"},
		},
		{
			// Must not fire: the reporter of the threat holds nothing.
			name: "said that", speaker: -1,
			text:   "Estonia said that Belarus had threatened Latvia with reprisals.",
			actors: []actor{country("Estonia"), country("Belarus"), country("Latvia")},
			// A state's reported act portrays it to nobody (Belarus neutral).
			targets:   map[string]string{"Estonia": "neutral", "Belarus": "neutral", "Latvia": "oppose"},
			relations: []string{"Belarus -> Latvia: oppose"},
		},
		{
			// Must not fire: "recalled the diplomat" reports no speech
			// (recall is no reporting verb of function.tsv).
			name: "recalled", speaker: -1,
			text:      "Estonia recalled the diplomat who had praised Latvia.",
			actors:    []actor{country("Estonia"), country("Latvia")},
			targets:   map[string]string{"Latvia": "support"},
			relations: []string{},
		},
		{
			// Must not fire: officials who report an attack hold nothing
			// toward its doer (Latvia -> Belarus).
			name: "trailing attribution", speaker: -1,
			text:      "Belarus shelled Latvian border posts overnight, officials in Riga said.",
			actors:    []actor{country("Belarus"), country("Latvia", "Riga", "Latvian")},
			targets:   map[string]string{"Belarus": "neutral", "Latvia": "oppose"},
			relations: []string{"Belarus -> Latvia: oppose"},
		},
	})
}

// TestPossessiveObject: a possessive pronoun in a cue's object stands for
// the subject of its clause, except in a reported clause, where the
// reporter is the likelier owner ("said Y had insulted its members").
func TestPossessiveObject(t *testing.T) {
	t.Parallel()
	runRuleCases(t, []ruleCase{
		{
			name: "reported clause", speaker: -1,
			text:      "The Dock Workers Union said Mara Kell had insulted its members.",
			actors:    []actor{other("Dock Workers Union"), other("Mara Kell")},
			targets:   map[string]string{"Dock Workers Union": "oppose", "Mara Kell": "neutral"},
			relations: []string{"Mara Kell -> Dock Workers Union: oppose"},
		},
		{
			name: "reported clause with that", speaker: -1,
			text:      "Estonia said that Belarus had attacked its border guards.",
			actors:    []actor{country("Estonia"), country("Belarus")},
			targets:   map[string]string{"Estonia": "oppose"},
			relations: []string{"Belarus -> Estonia: oppose"},
		},
		{
			// Must not fire: outside reported speech the owner is the
			// subject, and a stance toward oneself is no relation.
			name: "own clause", speaker: -1,
			text:      "Estonia met Belarus on Monday, and Latvia criticised its border guards.",
			actors:    []actor{country("Estonia"), country("Belarus"), country("Latvia")},
			targets:   map[string]string{"Estonia": "neutral", "Belarus": "neutral"},
			relations: []string{},
		},
	})
}

// TestLedBy: the actor that leads a group (", led by X,") holds the
// group's stances with it; a by-phrase of another participle does not.
func TestLedBy(t *testing.T) {
	t.Parallel()
	runRuleCases(t, []ruleCase{
		{
			name: "leader of an unnamed group", speaker: -1,
			text:      "Gulf states, led by Qatar, condemned Israel on Sunday.",
			actors:    []actor{country("Qatar"), country("Israel")},
			targets:   map[string]string{"Israel": "oppose", "Qatar": "neutral"},
			relations: []string{"Qatar -> Israel: oppose"},
		},
		{
			name: "leader and group both actors", speaker: -1,
			text:      "The Arab League, headed by Egypt, welcomed the ceasefire plan.",
			actors:    []actor{org("Arab League"), country("Egypt"), other("ceasefire plan")},
			targets:   map[string]string{"ceasefire plan": "support"},
			relations: []string{"Arab League -> ceasefire plan: support", "Egypt -> ceasefire plan: support"},
		},
		{
			// Must not fire: "hosted by X" names no leader.
			name: "other participle", speaker: -1,
			text:      "Delegates, hosted by Qatar, condemned Israel on Sunday.",
			actors:    []actor{country("Qatar"), country("Israel")},
			targets:   map[string]string{"Israel": "oppose", "Qatar": "neutral"},
			relations: []string{},
		},
	})
}

// TestIndirectQuestion: a cue in an if/whether clause after a verb of
// asking states no stance; a request ("asked X to") and a plain
// conditional keep theirs.
func TestIndirectQuestion(t *testing.T) {
	t.Parallel()
	runRuleCases(t, []ruleCase{
		{
			name: "asked if", speaker: -1,
			text:    "Reporters asked Austria if it would back Hungary's plan.",
			actors:  []actor{country("Austria"), country("Hungary")},
			targets: map[string]string{"Hungary": "neutral"},
		},
		{
			name: "wondered whether", speaker: -1,
			text:    "Diplomats wondered whether Austria supported Hungary.",
			actors:  []actor{country("Austria"), country("Hungary")},
			targets: map[string]string{"Hungary": "neutral"},
		},
		{
			// Must not fire: a request is no question (the asker holds
			// it too: TestCauser).
			name: "asked to", speaker: -1,
			text:      "Austria asked Slovakia to support Hungary.",
			actors:    []actor{country("Austria"), country("Slovakia"), country("Hungary")},
			targets:   map[string]string{"Hungary": "support"},
			relations: []string{"Austria -> Hungary: support", "Slovakia -> Hungary: support"},
		},
	})
}

// TestObjectItAntecedent: an object "it" does not take up a place or
// party named in another noun's phrase ("peacekeepers in Ukraine"), but
// does take up an object that is the actor itself.
func TestObjectItAntecedent(t *testing.T) {
	t.Parallel()
	runRuleCases(t, []ruleCase{
		{
			name: "adjunct of a noun", speaker: -1,
			text:    `Lutz asked whether Reyes would accept foreign observers in Moldova. "He will accept it," Lutz said.`,
			actors:  []actor{person("Ana Lutz", "Lutz"), person("Tom Reyes", "Reyes"), country("Moldova")},
			targets: map[string]string{"Moldova": "neutral"},
		},
		{
			// Must not fire: the object itself is the antecedent.
			name: "object antecedent", speaker: -1,
			text:      "Austria praised Moldova in March and defended it again on Monday.",
			actors:    []actor{country("Austria"), country("Moldova")},
			targets:   map[string]string{"Moldova": "support"},
			relations: []string{"Austria -> Moldova: support"},
		},
	})
}

// TestDefiniteDescription: "the party", "the bloc" after an article take
// up the organisation or country named before, never a person, and an
// indefinite "a party" nobody.
func TestDefiniteDescription(t *testing.T) {
	t.Parallel()
	runRuleCases(t, []ruleCase{
		{
			name: "the party", speaker: -1,
			text:      "The Green Union met in the capital on Saturday. The party voted to oppose the harbour plan.",
			actors:    []actor{org("Green Union"), other("harbour plan")},
			targets:   map[string]string{"harbour plan": "oppose"},
			relations: []string{"Green Union -> harbour plan: oppose"},
		},
		{
			name: "the bloc as object", speaker: -1,
			text:      "Serbia applied to join the European Union in 2009. Russia has criticised the bloc ever since.",
			actors:    []actor{country("Serbia"), org("European Union"), country("Russia")},
			targets:   map[string]string{"European Union": "oppose"},
			relations: []string{"Russia -> European Union: oppose"},
		},
		{
			// Must not fire: a person is no party.
			name: "person antecedent", speaker: -1,
			text:    "Ana Lutz met voters on Saturday. The party criticised the harbour plan.",
			actors:  []actor{person("Ana Lutz", "Lutz"), other("harbour plan")},
			targets: map[string]string{"harbour plan": "oppose", "Ana Lutz": "neutral"},
		},
		{
			// Must not fire: an indefinite noun takes up nothing.
			name: "indefinite", speaker: -1,
			text:    "The Green Union met on Saturday. A party from the north criticised the harbour plan.",
			actors:  []actor{org("Green Union"), other("harbour plan")},
			targets: map[string]string{"harbour plan": "oppose", "Green Union": "neutral"},
		},
	})
}

// TestAccountabilityAndAuthorship: demands that an actor answer for its
// acts oppose it (subj frame, held by the speaker); sponsoring or drafting
// a text supports it; a descriptor reaches its actor across "has been a
// reliable".
func TestAccountabilityAndAuthorship(t *testing.T) {
	t.Parallel()
	runRuleCases(t, []ruleCase{
		{
			name: "must answer for", speaker: -1,
			text:      `"Belarus must answer for the crackdown," Lithuania said.`,
			actors:    []actor{country("Belarus"), country("Lithuania")},
			targets:   map[string]string{"Belarus": "oppose"},
			relations: []string{"Lithuania -> Belarus: oppose"},
		},
		{
			name: "held accountable", speaker: -1,
			text:      `"Belarus will be held accountable," Lithuania said.`,
			actors:    []actor{country("Belarus"), country("Lithuania")},
			targets:   map[string]string{"Belarus": "oppose"},
			relations: []string{"Lithuania -> Belarus: oppose"},
		},
		{
			// Must not fire: answering questions holds nobody to account.
			name: "answered questions", speaker: -1,
			text:    "Belarus answered Lithuania's letter within a day.",
			actors:  []actor{country("Belarus"), country("Lithuania")},
			targets: map[string]string{"Belarus": "neutral", "Lithuania": "neutral"},
		},
		{
			name: "sponsored", speaker: -1,
			text:      "Latvia sponsored the ceasefire resolution.",
			actors:    []actor{country("Latvia"), other("ceasefire resolution")},
			targets:   map[string]string{"ceasefire resolution": "support"},
			relations: []string{"Latvia -> ceasefire resolution: support"},
		},
		{
			name: "relative clause, drafted", speaker: -1,
			text:      "Estonia condemned the harbour plan, which Mara Kell had drafted.",
			actors:    []actor{country("Estonia"), person("Mara Kell", "Kell"), other("harbour plan")},
			relations: []string{"Estonia -> harbour plan: oppose", "Mara Kell -> harbour plan: support"},
		},
		{
			// Must not fire: "draft" as a noun is no act.
			name: "a draft of", speaker: -1,
			text:    "Latvia circulated a draft of the ceasefire resolution.",
			actors:  []actor{country("Latvia"), other("ceasefire resolution")},
			targets: map[string]string{"ceasefire resolution": "neutral"},
		},
		{
			name: "has been a reliable partner", speaker: -1,
			text:      `"Estonia has been a reliable partner," Latvia said.`,
			actors:    []actor{country("Estonia"), country("Latvia")},
			targets:   map[string]string{"Estonia": "support"},
			relations: []string{"Latvia -> Estonia: support"},
		},
	})
}

// TestPatient: a cue with patient=0 ("shot") gives its relation but no
// stance toward its victim; a cue without it ("condemned") gives both.
func TestPatient(t *testing.T) {
	t.Parallel()
	runRuleCases(t, []ruleCase{
		{
			name: "victim of a shooting", speaker: -1,
			text:      "Gunmen from Kosovo shot two Serbian police officers, Belgrade said.",
			actors:    []actor{country("Kosovo"), country("Serbia", "Serbian", "Belgrade")},
			targets:   map[string]string{"Serbia": "neutral"},
			relations: []string{"Kosovo -> Serbia: oppose"},
		},
		{
			name: "killed", speaker: -1,
			text:      "Estonia killed Mara Kell.",
			actors:    []actor{country("Estonia"), person("Mara Kell", "Kell")},
			targets:   map[string]string{"Mara Kell": "neutral", "Estonia": "neutral"}, // a state's act portrays it to nobody
			relations: []string{"Estonia -> Mara Kell: oppose"},
		},
		{
			// Must not fire: a cue without patient= keeps its target's
			// stance.
			name: "condemned", speaker: -1,
			text:      "Estonia condemned Mara Kell.",
			actors:    []actor{country("Estonia"), person("Mara Kell", "Kell")},
			targets:   map[string]string{"Mara Kell": "oppose"},
			relations: []string{"Estonia -> Mara Kell: oppose"},
		},
	})
}

// TestPassiveAgent: an adverb between "been" and the participle keeps it
// passive; a by-phrase after another participle is that one's agent.
func TestPassiveAgent(t *testing.T) {
	t.Parallel()
	runRuleCases(t, []ruleCase{
		{
			name: "adverb inside the passive", speaker: -1,
			text:      "Hungary has been repeatedly criticised by Sweden over the rule of law.",
			actors:    []actor{country("Hungary"), country("Sweden")},
			targets:   map[string]string{"Hungary": "oppose", "Sweden": "neutral"},
			relations: []string{"Sweden -> Hungary: oppose"},
		},
		{
			// Must not fire: the perfect is active.
			name: "perfect", speaker: -1,
			text:      "Hungary has criticised Sweden over the rule of law.",
			actors:    []actor{country("Hungary"), country("Sweden")},
			targets:   map[string]string{"Sweden": "oppose"},
			relations: []string{"Hungary -> Sweden: oppose"},
		},
		{
			// Must not fire: Colombia chaired the meeting.
			name: "agent of another participle", speaker: -1,
			text:    "Venezuela was criticised at a meeting chaired by Colombia.",
			actors:  []actor{country("Venezuela"), country("Colombia")},
			targets: map[string]string{"Venezuela": "oppose", "Colombia": "neutral"},
		},
	})
}

// TestOpposedAct: a verb cue whose object is an act with its own target
// (a noun cue): to oppose an act against X is weak support of X and
// leaves the act's doer unknown; to back it shares it; to oppose an act
// for X opposes X. A phrase after the act's object noun belongs to it.
func TestOpposedAct(t *testing.T) {
	t.Parallel()
	runRuleCases(t, []ruleCase{
		{
			name: "condemned the bombing of", speaker: -1,
			text:      "Estonia condemned the bombing of Latvia.",
			actors:    []actor{country("Estonia"), country("Latvia")},
			relations: []string{"Estonia -> Latvia: support"},
		},
		{
			// The act's doer keeps the sign: condemning it opposes it.
			name: "condemned the attack by", speaker: -1,
			text:      "Estonia condemned the attack by Latvia.",
			actors:    []actor{country("Estonia"), country("Latvia")},
			relations: []string{"Estonia -> Latvia: oppose"},
		},
		{
			name: "backed sanctions on", speaker: -1,
			text:      "Estonia backed sanctions on Latvia.",
			actors:    []actor{country("Estonia"), country("Latvia")},
			targets:   map[string]string{"Latvia": "oppose"},
			relations: []string{"Estonia -> Latvia: oppose"},
		},
		{
			name: "vetoed the aid for", speaker: -1,
			text:      "Estonia vetoed the aid package for Latvia.",
			actors:    []actor{country("Estonia"), country("Latvia")},
			targets:   map[string]string{"Latvia": "oppose"},
			relations: []string{"Estonia -> Latvia: oppose"},
		},
		{
			// Must not fire: Latvia is where the market is.
			name: "phrase of the act's object", speaker: -1,
			text:    "Estonia condemned the bombing of a market in Latvia.",
			actors:  []actor{country("Estonia"), country("Latvia")},
			targets: map[string]string{"Estonia": "neutral"},
		},
		{
			// Must not fire: a participle is no noun ("frustration at
			// being excluded from X" reaches X).
			name: "participle before the phrase", speaker: -1,
			text:      "Estonia voiced frustration at being excluded from the Latvian talks.",
			actors:    []actor{country("Estonia"), other("Latvian talks")},
			relations: []string{"Estonia -> Latvian talks: oppose"},
		},
	})
}

// TestCauser: who gets another actor to act (class cause: "persuaded",
// "urged") holds the act's stance too, weaker; a helper does not.
func TestCauser(t *testing.T) {
	t.Parallel()
	runRuleCases(t, []ruleCase{
		{
			name: "persuaded to", speaker: -1,
			text:      "Britain persuaded Canada to sanction Belarus.",
			actors:    []actor{country("Britain"), country("Canada"), country("Belarus")},
			relations: []string{"Britain -> Belarus: oppose", "Canada -> Belarus: oppose"},
		},
		{
			name: "urged to", speaker: -1,
			text:      "Britain urged Canada to back Ukraine.",
			actors:    []actor{country("Britain"), country("Canada"), country("Ukraine")},
			relations: []string{"Britain -> Ukraine: support", "Canada -> Ukraine: support"},
		},
		{
			// Must not fire: "helped" is a stance toward Canada, no cause.
			name: "helped to", speaker: -1,
			text:      "Britain helped Canada to sanction Belarus.",
			actors:    []actor{country("Britain"), country("Canada"), country("Belarus")},
			relations: []string{"Britain -> Canada: support", "Canada -> Belarus: oppose"},
		},
		{
			// A causee that is no actor: the subject search reaches the
			// causer itself, at full weight.
			name: "causee no actor", speaker: -1,
			text:      "Britain persuaded the council to sanction Belarus.",
			actors:    []actor{country("Britain"), country("Belarus")},
			relations: []string{"Britain -> Belarus: oppose"},
		},
	})
}

// TestActCues: acts that limit, cut funding to or ruin their object, read
// through a relative clause of a plan or bill; a noun "limits" is no act.
func TestActCues(t *testing.T) {
	t.Parallel()
	runRuleCases(t, []ruleCase{
		{
			name: "relative clause, limit", speaker: -1,
			text:      "Estonia backed the Baltic plan, which would limit Russian fishing.",
			actors:    []actor{country("Estonia"), country("Russia", "Russian"), other("Baltic plan")},
			relations: []string{"Baltic plan -> Russia: oppose", "Estonia -> Baltic plan: support"},
		},
		{
			name: "relative clause, cut subsidies to", speaker: -1,
			text:      "Estonia voted for the farm bill, which would cut subsidies to Latvia.",
			actors:    []actor{country("Estonia"), country("Latvia"), other("farm bill")},
			relations: []string{"Estonia -> farm bill: support", "farm bill -> Latvia: oppose"},
		},
		{
			name: "quoted, ruin", speaker: -1,
			text:      `"The harbour plan will ruin Latvia," Estonia said.`,
			actors:    []actor{country("Estonia"), country("Latvia"), other("harbour plan")},
			relations: []string{"Estonia -> harbour plan: oppose", "harbour plan -> Latvia: oppose"},
		},
		{
			// Must not fire: "the limits of" is a noun with no target
			// (read as the verb "limits", its object would be Latvia).
			name: "noun limits", speaker: -1,
			text:    "Estonia reached the limits of Latvia's patience.",
			actors:  []actor{country("Estonia"), country("Latvia")},
			targets: map[string]string{"Latvia": "neutral"},
		},
	})
}

// TestEventAnaphor: "the move", "the criticism" (class eventnoun after a
// definite article) take up the act of an earlier sentence: a cue toward
// it holds toward the act's doer and, by the act's sign, its target.
func TestEventAnaphor(t *testing.T) {
	t.Parallel()
	runRuleCases(t, []ruleCase{
		{
			name: "welcomed the move", speaker: -1,
			text:      "Britain imposed sanctions on Iran on Monday. Canada welcomed the move.",
			actors:    []actor{country("Britain"), country("Iran"), country("Canada")},
			relations: []string{"Britain -> Iran: oppose", "Canada -> Britain: support", "Canada -> Iran: oppose"},
		},
		{
			name: "condemned the decision", speaker: -1,
			text:      "Britain praised Iran on Monday. Canada condemned the decision.",
			actors:    []actor{country("Britain"), country("Iran"), country("Canada")},
			relations: []string{"Britain -> Iran: support", "Canada -> Britain: oppose", "Canada -> Iran: oppose"},
		},
		{
			// Must not fire: an indefinite "a move" takes up nothing.
			name: "indefinite", speaker: -1,
			text:      "Britain imposed sanctions on Iran on Monday. Canada welcomed a move toward talks.",
			actors:    []actor{country("Britain"), country("Iran"), country("Canada")},
			relations: []string{"Britain -> Iran: oppose"},
		},
		{
			// Must not fire: the act must be in an earlier sentence (the
			// statement's second sentence holds both).
			name: "same sentence", speaker: -1,
			text:      "The talks ended on Monday. Britain imposed sanctions on Iran, and Canada welcomed the move.",
			actors:    []actor{country("Britain"), country("Iran"), country("Canada")},
			relations: []string{"Britain -> Iran: oppose"},
		},
	})
}

// TestRefusedJoin: a refusal reaches a noun cue across a verb of joining
// and the noun's premodifiers; a refusal of another act does not.
func TestRefusedJoin(t *testing.T) {
	t.Parallel()
	runRuleCases(t, []ruleCase{
		{
			name: "refused to join the sanctions", speaker: -1,
			text:      "Slovakia refused to join the sanctions against Serbia.",
			actors:    []actor{country("Slovakia"), country("Serbia")},
			targets:   map[string]string{"Slovakia": "neutral", "Serbia": "support"},
			relations: []string{},
		},
		{
			name: "declined to join, premodifiers", speaker: -1,
			text:      "Slovakia declined to join the new Western sanctions on Serbia.",
			actors:    []actor{country("Slovakia"), country("Serbia")},
			targets:   map[string]string{"Serbia": "support"},
			relations: []string{},
		},
		{
			name: "joined the sanctions", speaker: -1,
			text:      "Slovakia joined the sanctions against Serbia.",
			actors:    []actor{country("Slovakia"), country("Serbia")},
			targets:   map[string]string{"Serbia": "oppose"},
			relations: []string{"Slovakia -> Serbia: oppose"},
		},
		{
			// Must not fire: the refusal is of another act.
			name: "refused another act", speaker: -1,
			text:      "Slovakia refused to wait and joined the sanctions against Serbia.",
			actors:    []actor{country("Slovakia"), country("Serbia")},
			targets:   map[string]string{"Serbia": "oppose"},
			relations: []string{"Slovakia -> Serbia: oppose"},
		},
	})
}

// TestNamingVerb: the object of a verb of naming is the actor a
// descriptor after it describes, and the namer holds the stance.
func TestNamingVerb(t *testing.T) {
	t.Parallel()
	runRuleCases(t, []ruleCase{
		{
			name: "called X a liar", speaker: -1,
			text:      "Senator Alvarez called Governor Pike a liar.",
			actors:    []actor{person("Senator Alvarez"), person("Governor Pike")},
			targets:   map[string]string{"Senator Alvarez": "neutral", "Governor Pike": "oppose"},
			relations: []string{"Senator Alvarez -> Governor Pike: oppose"},
		},
		{
			name: "branded X a partner", speaker: -1,
			text:      "Chile has branded Peru a reliable partner.",
			actors:    []actor{country("Chile"), country("Peru")},
			targets:   map[string]string{"Peru": "support"},
			relations: []string{"Chile -> Peru: support"},
		},
		{
			// Must not fire: the described actor is not the naming
			// verb's object ("called Peru" is a telephone call).
			name: "described actor after another", speaker: -1,
			text:      "Chile called Peru after Bolivia, a pariah, closed the border.",
			actors:    []actor{country("Chile"), country("Peru"), country("Bolivia")},
			targets:   map[string]string{"Peru": "neutral", "Bolivia": "oppose"},
			relations: []string{},
		},
		{
			// Must not fire: no verb of naming before the object.
			name: "met X, a partner", speaker: -1,
			text:      "Chile met Peru, a reliable partner, in Lima.",
			actors:    []actor{country("Chile"), country("Peru")},
			targets:   map[string]string{"Peru": "support"},
			relations: []string{},
		},
	})
}

// TestInfinitiveObjectIsNoSubject: the object of an infinitive or the
// target of a noun cue inside the subject's phrase is not the subject of
// the verb after it.
func TestInfinitiveObjectIsNoSubject(t *testing.T) {
	t.Parallel()
	runRuleCases(t, []ruleCase{
		{
			name: "decision to buy X angered Y", speaker: -1,
			text:      "Ankara's decision to buy Russian missiles angered Washington.",
			actors:    []actor{country("Turkey", "Ankara"), country("Russia", "Russian"), country("United States", "Washington")},
			targets:   map[string]string{"Turkey": "oppose", "Russia": "neutral"},
			relations: []string{"United States -> Turkey: oppose"},
		},
		{
			name: "noun cue's target in the subject's phrase", speaker: -1,
			text:      "Britain's support for Ukraine angered Moscow.",
			actors:    []actor{country("Britain"), country("Ukraine"), country("Russia", "Moscow")},
			relations: []string{"Britain -> Ukraine: support", "Russia -> Britain: oppose"},
		},
		{
			name: "noun cue's target, no actor holder", speaker: -1,
			text:      "Sanctions against Iran angered Moscow.",
			actors:    []actor{country("Iran"), country("Russia", "Moscow")},
			relations: []string{},
		},
		{
			name: "plan to isolate X, no actor subject", speaker: -1,
			text:      "The plan to isolate Iran angered Moscow.",
			actors:    []actor{country("Iran"), country("Russia", "Moscow")},
			relations: []string{},
		},
		{
			// Must not fire: a subject right before the verb.
			name: "subject", speaker: -1,
			text:      "Iran angered Moscow.",
			actors:    []actor{country("Iran"), country("Russia", "Moscow")},
			targets:   map[string]string{"Iran": "oppose"},
			relations: []string{"Russia -> Iran: oppose"},
		},
		{
			// Must not fire: an infinitive clause before the subject.
			name: "infinitive before the subject", speaker: -1,
			text:      "To win votes at home, Iran angered Moscow.",
			actors:    []actor{country("Iran"), country("Russia", "Moscow")},
			relations: []string{"Russia -> Iran: oppose"},
		},
	})
}

// TestPossessiveDescription: "the union's" is a possessive like "its":
// inside an appositive it does not stop the search for the subject.
func TestPossessiveDescription(t *testing.T) {
	t.Parallel()
	runRuleCases(t, []ruleCase{
		{
			name: "appositive with a possessive description", speaker: -1,
			text:      "Maria Lopez, the union's leader, accused Delta Foods of fraud.",
			actors:    []actor{person("Maria Lopez"), org("Delta Foods")},
			targets:   map[string]string{"Maria Lopez": "neutral", "Delta Foods": "oppose"},
			relations: []string{"Maria Lopez -> Delta Foods: oppose"},
		},
		{
			// Must not fire: the description itself is no holder.
			name: "possessive description as determiner", speaker: -1,
			text:      "The union's leader accused Delta Foods of fraud.",
			actors:    []actor{person("Maria Lopez"), org("Delta Foods")},
			targets:   map[string]string{"Delta Foods": "oppose"},
			relations: []string{},
		},
	})
}

// TestObjectPhraseHeads: in an object's phrase the head is the target: not
// a possessor's followers' owner, not a mention that modifies a noun; and
// ", along with X," adds a co-holder as ", led by X," does.
func TestObjectPhraseHeads(t *testing.T) {
	t.Parallel()
	runRuleCases(t, []ruleCase{
		{
			name: "possessor of followers", speaker: -1,
			text:      "Chile congratulated Peru's opponents on their victory.",
			actors:    []actor{country("Chile"), country("Peru")},
			relations: []string{},
		},
		{
			// Must not fire: a possessor of another noun keeps its share.
			name: "possessor of an office", speaker: -1,
			text:      "Chile congratulated Peru's president on the victory.",
			actors:    []actor{country("Chile"), country("Peru")},
			targets:   map[string]string{"Peru": "support"},
			relations: []string{"Chile -> Peru: support"},
		},
		{
			name: "mention modifying a noun", speaker: -1,
			text:      "Turkey blocked Sweden's NATO membership for months.",
			actors:    []actor{country("Turkey"), country("Sweden"), org("NATO")},
			targets:   map[string]string{"Sweden": "oppose", "NATO": "neutral"},
			relations: []string{"Turkey -> Sweden: oppose"},
		},
		{
			// Must not fire: the possessed mention is the head.
			name: "possessed mention as head", speaker: -1,
			text:      "Turkey criticised Sweden's Lena Berg for the remarks.",
			actors:    []actor{country("Turkey"), country("Sweden"), person("Lena Berg")},
			targets:   map[string]string{"Lena Berg": "oppose"},
			relations: []string{"Turkey -> Lena Berg: oppose", "Turkey -> Sweden: oppose"},
		},
		{
			name: "along with", speaker: -1,
			text:      "France, along with Germany, condemned Russia.",
			actors:    []actor{country("France"), country("Germany"), country("Russia")},
			targets:   map[string]string{"Russia": "oppose"},
			relations: []string{"France -> Russia: oppose", "Germany -> Russia: oppose"},
		},
		{
			// Must not fire: "with" after another word.
			name: "along the border with", speaker: -1,
			text:      "France, along the border with Germany, condemned Russia.",
			actors:    []actor{country("France"), country("Germany"), country("Russia")},
			relations: []string{"France -> Russia: oppose"},
		},
		{
			// Must not fire: "unlike" sets its actor apart.
			name: "unlike", speaker: -1,
			text:      "France, unlike Germany, condemned Russia.",
			actors:    []actor{country("France"), country("Germany"), country("Russia")},
			relations: []string{"France -> Russia: oppose"},
		},
	})
}

// TestRelativeObjectAcrossAdverbs: an object relative clause keeps its
// antecedent across adverb-like auxiliaries ("has long backed").
func TestRelativeObjectAcrossAdverbs(t *testing.T) {
	t.Parallel()
	runRuleCases(t, []ruleCase{
		{
			name: "which X has long backed", speaker: -1,
			text:      "Armenia, which Russia has long backed, turned to France for weapons.",
			actors:    []actor{country("Armenia"), country("Russia"), country("France")},
			relations: []string{"Russia -> Armenia: support"},
		},
		{
			// Must not fire: a subject relative clause.
			name: "which has long backed X", speaker: -1,
			text:      "Armenia, which has long backed Russia, turned to France for weapons.",
			actors:    []actor{country("Armenia"), country("Russia"), country("France")},
			relations: []string{"Armenia -> Russia: support"},
		},
	})
}

// TestPluralPronounOfPeople: "their" takes up people named together, and
// no single person.
func TestPluralPronounOfPeople(t *testing.T) {
	t.Parallel()
	runRuleCases(t, []ruleCase{
		{
			name: "two people, one known", speaker: -1,
			text:      "Ana Ruiz and Berg reaffirmed their support for Delta Foods.",
			actors:    []actor{person("Ana Ruiz"), org("Delta Foods")},
			relations: []string{"Ana Ruiz -> Delta Foods: support"},
		},
		{
			name: "two people, both known", speaker: -1,
			text:      "Ana Ruiz and Tom Berg reaffirmed their support for Delta Foods.",
			actors:    []actor{person("Ana Ruiz"), person("Tom Berg"), org("Delta Foods")},
			relations: []string{"Ana Ruiz -> Delta Foods: support", "Tom Berg -> Delta Foods: support"},
		},
		{
			// Must not fire: one person is no "they".
			name: "one person", speaker: -1,
			text:      "Ana Ruiz met the workers and praised their support for Delta Foods.",
			actors:    []actor{person("Ana Ruiz"), org("Delta Foods")},
			relations: []string{},
		},
	})
}

// TestDespiteOwner: an objection's owner before it ("despite EU
// objections") holds it toward the subject of the clause it concedes.
func TestDespiteOwner(t *testing.T) {
	t.Parallel()
	runRuleCases(t, []ruleCase{
		{
			name: "despite X objections", speaker: -1,
			text:      "Hungary met Russia despite EU objections.",
			actors:    []actor{country("Hungary"), country("Russia"), org("EU")},
			relations: []string{"EU -> Hungary: oppose"},
		},
		{
			name: "despite X objections, first", speaker: -1,
			text:      "Despite EU objections, Hungary met Russia.",
			actors:    []actor{country("Hungary"), country("Russia"), org("EU")},
			relations: []string{"EU -> Hungary: oppose"},
		},
		{
			// Must not fire: no concessive word.
			name: "X objections without despite", speaker: -1,
			text:      "EU objections delayed the talks between Hungary and Russia.",
			actors:    []actor{country("Hungary"), country("Russia"), org("EU")},
			relations: []string{},
		},
	})
}

// TestObjectListAfterNonActor: the actors listed after a first object that
// is no actor are objects too; a list that a verb follows is a new
// clause's subjects.
func TestObjectListAfterNonActor(t *testing.T) {
	t.Parallel()
	three := []actor{country("Chile"), country("Peru"), country("Bolivia")}
	runRuleCases(t, []ruleCase{
		{
			name: "serial list", speaker: -1,
			text:      "Chile blamed the committee, Peru, and Bolivia for the delay.",
			actors:    three,
			targets:   map[string]string{"Peru": "oppose", "Bolivia": "oppose"},
			relations: []string{"Chile -> Bolivia: oppose", "Chile -> Peru: oppose"},
		},
		{
			name: "list ending in a phrase", speaker: -1,
			text:      "Chile blamed the committee, Peru and several airlines for the delay.",
			actors:    three,
			targets:   map[string]string{"Peru": "oppose"},
			relations: []string{"Chile -> Peru: oppose"},
		},
		{
			// Must not fire: the list is the subject of a new clause.
			name: "new clause", speaker: -1,
			text:      "Chile condemned the delay, Peru and Bolivia criticised the plan.",
			actors:    three,
			relations: []string{},
		},
		{
			// Must not fire: a verb that is no cue after the list.
			name: "new clause without a cue", speaker: -1,
			text:      "Chile condemned the delay, Peru and Bolivia stayed silent on Monday.",
			actors:    three,
			targets:   map[string]string{"Peru": "neutral", "Bolivia": "neutral"},
			relations: []string{},
		},
		{
			// Must not fire: speakers after the object.
			name: "speakers", speaker: -1,
			text:      "Chile condemned the delay, Peru and Bolivia said.",
			actors:    three,
			targets:   map[string]string{"Peru": "neutral", "Bolivia": "neutral"},
			relations: []string{},
		},
		{
			// Must not fire: one mention after a comma is no list.
			name: "one mention", speaker: -1,
			text:      "Chile condemned the delay, Peru on Monday.",
			actors:    three,
			targets:   map[string]string{"Peru": "neutral"},
			relations: []string{},
		},
		{
			// Must not fire: a preposition before the comma.
			name: "adjunct first", speaker: -1,
			text:      "Chile condemned the delay at the airport, Peru and Bolivia for it.",
			actors:    three,
			relations: []string{},
		},
	})
}
