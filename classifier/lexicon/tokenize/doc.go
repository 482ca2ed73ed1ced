// Package tokenize splits UTF-8 text into tokens with byte offsets and groups
// them into sentences, for lexicon lookups. It is deterministic, never fails
// and allocates nothing beyond the caller's slices.
//
// # Tokens
//
// Tokenize returns tokens in text order, non-overlapping, with UTF-8 byte
// offsets on rune boundaries. White space and invisible format characters
// (zero width space, BOM, bidi marks) separate tokens and are not tokens.
//
//   - Word: a run of letters, digits and combining marks starting with a
//     letter, or a digit run that also holds letters ("5G", "1990s").
//     Inside a word, an apostrophe (' or ’) between letters joins ("don't",
//     "can’t", "O'Brien"); a hyphen (-, ‐, ‑) joins when a letter is on at
//     least one side ("pro-Russian", "Jean-Luc", "30-day", "COVID-19", but
//     "2020-21" is Number Punct Number); ZWJ, ZWNJ and soft hyphen between
//     word characters join. Scripts written without spaces are not
//     segmented: a run of Han characters is one Word.
//   - Possessives: "Russia's", "Russia’s" and "allies'" are one Word with
//     the Possessive flag; End excludes the suffix ('s, ’s or the final
//     apostrophe) and SuffixEnd includes it; "U.S.'s" likewise. A digit
//     run takes "'s" as a plural: "1990's" is one Word. A trailing "s'" is taken as the
//     closing quote instead when a single quote was opened before it. After
//     it, that, he, she, there, here, what, who, where, when, why, how and
//     let, "'s" is a contraction: "it's" and "That’s" stay whole Words with
//     no Possessive flag (like "don't" and "they're").
//   - Abbreviations keep their dot and get the Abbreviation flag: dotted
//     ones by shape (two or more segments of one or two ASCII letters each
//     followed by a dot: "U.S.", "U.K.", "e.g.", "a.m.", "Ph.D."), a listed
//     set (Mr. Mrs. Ms. Dr. Prof. Gen. Sen. Rep. Gov. Lt. Col. Capt. St. Jr.
//     Sr. Inc. Ltd. Co. Corp. vs. v. etc. al. cf. and months Jan. Feb. Mar.
//     Apr. Jun. Jul. Aug. Sep. Sept. Oct. Nov. Dec.; titles and months only
//     when capitalised), "No." before a number, and initials: one upper-case
//     ASCII letter whose dot is followed by space and a capital ("J. Smith").
//   - Number: digits with "," "." or ":" between digits ("1,000", "3.5",
//     "2026", "9:30"). Signs and units are separate: "10%" is Number Symbol, "$5"
//     Symbol Number.
//   - Punct: one punctuation mark; a run of ! and ? ("!!!", "?!"), a run of
//     dots and ellipses ("...", "…") and a run of ASCII hyphens ("--") are
//     one token each. A lone hyphen between spaces is Punct.
//   - Quote: " ' ` “ ” ‘ ’ « » ‹ › „ ‚ 「 」 『 』. Curly quotes carry the
//     Opening or Closing flag by shape; a straight quote is Opening after a
//     space, bracket or dash and before text, Closing right after text, and
//     neither between spaces. Brackets (Punct) carry Opening/Closing too.
//   - Emoji: one emoji with everything that attaches to it: variation
//     selectors, skin-tone modifiers, ZWJ sequences ("👩‍👩‍👧"), keycaps
//     ("1️⃣"), flags (regional-indicator pairs) and tag sequences. © ® ™ ‼
//     ⁉ ℹ and the ↔-style arrows are emoji only when followed by U+FE0F.
//     ASCII emoticons are Emoji tokens too (emoticon.go): eyes ':' or ';'
//     (or '=', '>:' and '}:' after white space), an optional nose - ' ^, and
//     a mouth from ) ( ] [ D P p O o / \ | * 3 $ @ X x, repeated or not
//     (":-)))"); "<3" and "</3" after white space; each followed by white
//     space, the end, or a mark that is not a letter or digit. "Note:(a)",
//     "http://", ":Dear", "x<3y" and "10:30" keep their usual tokens.
//   - Symbol: any other single character ("%", "$", "&", "@"), and each byte
//     of invalid UTF-8 (one byte long).
//   - Hashtags and handles: after a '#' or '@' that does not follow a letter
//     or digit ("press@example.org" is an address), a body of ASCII letters,
//     digits and underscores is cut into pieces where a word begins:
//     underscores separate, a digit run and a letter run part, an upper-case
//     letter after a lower-case one starts a piece, and so does the last
//     capital of a capital run before a lower-case letter. "#DumpTrump",
//     "@realDonaldTrump", "#Trump2016", "#GOPDebate" and "#stop_the_war" give
//     Dump Trump, real Donald Trump, Trump 2016, GOP Debate and stop the
//     war, each piece a Word or Number with the InTag flag (its capital marks
//     the cut, not a name); "'s" after the body makes the last piece
//     possessive. A body without a cut ("#MAGA", "#trump"), or one that goes
//     on with a non-ASCII letter or a joining apostrophe or hyphen, is an
//     ordinary word.
//
// Flags: Capitalized (the first letter is upper or title case), AllCaps (two
// or more upper-case letters and no lower-case one), Possessive,
// Abbreviation, Opening, Closing, InTag, and SentenceStart, which Tokenize sets on
// the first Word of every sentence (unless a Number or Word comes first).
//
// # Sentences
//
// Sentences groups tokens into sentences (token index ranges). A sentence ends
// after . ! ? or … (or a run of them) together with the closing quotes,
// closing brackets and emoji right after it, when the next token follows
// white space and starts a sentence: a Word starting with an upper-case (or
// uncased) letter, a Number, an opening quote or bracket. It does not end
//
//   - before a lower-case word: `"We will not yield!" he said.`;
//   - after a closing quote followed by an attribution, up to six words then
//     a speech verb: `"We will not yield!" Putin said.`;
//   - after an abbreviation, except one that can end a sentence ("U.S.",
//     "etc.", "Inc.", "Jr.", months, initials) before a typical sentence
//     opener ("The", "He", "But", ...): "the U.S. Senate" is one sentence,
//     "moved to the U.S. The talks" two;
//   - without white space after the stop ("end.Next").
//
// A blank line (two line breaks) always ends a sentence, and a full-width
// stop (。！？) ends one without needing a space.
//
// Split tokenizes and groups into sentences in one pass, and can fill a
// Folded on the way; it gives what Tokenize, Sentences and Folded.Reset
// give.
//
// # Lookups
//
// AppendLower gives the case-folded lookup form of a token's text into a
// reused buffer, so lexicon maps can be probed with m[string(buf)] without
// allocating. Folded holds the lookup forms of all the Word and Emoji tokens
// of a text in one buffer, each with its FoldHash (FNV-1a from a basis
// random in each process), so that the stages of a pipeline fold and hash
// every token once and probe their tables with the same hash.
package tokenize
