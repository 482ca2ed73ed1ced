// Package stance finds who supports or opposes whom in a tokenized
// statement: a lexicon of stance cues with argument frames, and the rules
// that find each cue's holder and target.
//
// Contract:
//   - Load reads the lexicon from "stance/*.tsv" of an fs.FS (formats in
//     data/stance/README.md); errors name file and line (*ParseError). The
//     Lexicon is immutable and safe for concurrent use.
//   - Analyze takes a statement already tokenized (package tokenize), its
//     actor mentions as token ranges (package actors) and its sentiment hits
//     (package sentiment), and returns signed Contributions: a cue or a
//     sentiment word, the holder (or -1) and the target actor, the weight in
//     [-1, 1] and the rule that applied. It allocates nothing once its
//     Scratch has grown, and costs time linear in the text: every search
//     is bounded (48 tokens back, sentiment words at most 128 tokens from
//     a mention), whatever the sentences. The Input may carry the tokens'
//     lookup forms (tokenize.Folded) and lexicon entries (Lookup), computed
//     once for all stages; otherwise Analyze folds and looks up itself.
//   - The Input may carry a Parser (NewGrammar of a syntax.Model, then
//     Grammar.NewParser, one per goroutine): Analyze then parses, at most
//     once each, just the sentences in which a cue has a candidate target
//     mention, and drops the targets the parse attaches elsewhere (rule
//     "attach", syntax.go: "accept European peacekeepers in Ukraine" is no
//     stance toward Ukraine). Without a Parser the token windows decide
//     alone, as before. Sentences over maxParseWords words are not parsed.
//   - An Input with Paragraphs is a whole document (document.go): quotes end
//     at their paragraph and share speakers within it, and pronouns
//     resolve across sentences by paragraph; the caller splits the
//     contributions by sentence. Every search stays bounded.
//   - Aggregate turns contributions into a stance per target actor and per
//     holder-target relation, in time linear in the contributions;
//     Scratch.RelationOf then maps each contribution to its relation.
//   - Lookup and Terms expose the lexicon's word table, so that a caller
//     can join it with other lexicons' into one lookup per token.
//
// The rules, in order: cue matching (longest phrase first, verb forms from a
// small inflector, up to two modifiers inside a phrase); scope (negation,
// refusal, neutralisers, modality, questions, past attitudes, within the
// cue's clause); roles by frame (subject, object, passive by-phrase, role
// prepositions, possessors, appositives, relative clauses, coordination,
// pronouns), with the parse's veto on targets attached elsewhere;
// attribution (quotes and reporting verbs give a default holder,
// then the statement's speaker); and sentiment and portrayal words near each
// mention, which say how the statement portrays that actor. Actor indexes
// are the caller's; offsets are UTF-8 bytes and token indexes.
package stance
