// Package actors finds mentions of actors (countries, people, organisations
// and the caller's own actors) in tokenized text.
//
// LoadGazetteer reads the built-in gazetteer from plain TSV files
// (gazetteer/*.tsv in an fs.FS, format in data/gazetteer/README.md) and
// validates it, reporting errors as file:line. NewMatcher compiles a
// Gazetteer into one token trie: Matcher.Match walks the tokens of a text
// left to right and reports the longest match at each position, so its cost
// grows with the length of the text and not with the size of the gazetteer.
// The caller's actors of a statement are compiled into a second, small trie
// per call, in a reusable Scratch, and take precedence over gazetteer
// actors: a mention of the same span goes to the caller's actor, and a
// gazetteer actor that shares a surface form with a caller's actor is
// reported under the caller's actor.
//
// Matching is case-insensitive except for surface forms marked
// case-sensitive in the data ("US" is the United States, "us" is not), and
// a gazetteer match needs at least one upper-case letter ("China", not
// "fine china"). Beyond exact surface forms a mention may be possessive
// ("Russia's": the span stops before the "'s"), plural ("Russians",
// "Democrats"), preceded by titles ("President Putin": the span includes
// them), or part of a hyphenated word ("Russia-Ukraine", "pro-Trump").
// Surnames and city names are not matched inside a longer capitalised name
// ("Melania Trump", "Washington Post"). Offsets are UTF-8 byte offsets into
// the text.
//
// MatchFolded is Match for a caller that already holds the tokens' lookup
// forms (tokenize.Folded), shared by all its stages, and optionally the
// Roots of each word (where its form leads from the roots of the
// gazetteer's tries), looked up once in a vocabulary joined with its other
// lexicons (Matcher.Roots, Matcher.RootForms); the result is Match's. Keys
// are hashed with tokenize.FoldHash, seeded in each process, so the caller's
// aliases cannot be chosen to collide in the per-call trie.
//
// A Gazetteer and a Matcher are immutable after construction and safe for
// concurrent use; a Scratch is not, and belongs to one goroutine at a time.
// Nothing in this package logs, prints or panics on bad data.
package actors
