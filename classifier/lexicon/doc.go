// Package lexicon is stancetag's lexicon-based classifier: it implements
// classifier.Classifier by composing the tokenizer (package tokenize), the
// sentence sentiment lexicon (package sentiment), the actor gazetteer and
// matcher (package actors) and the stance cue engine (package stance), all
// loaded from one data tree.
//
// Contract:
//   - New builds a Classifier from an fs.FS rooted at a data directory with
//     the folders "sentiment/", "gazetteer/" and "stance/" (the layout of the
//     embedded data/ folder, documented in data/README.md), and optionally
//     the parser model "syntax/en_ewt.model" (package syntax): without it
//     the stance rules work from token windows alone (HasSyntax reports
//     which). Errors name the file and line of bad data, or the model file.
//   - With a parser model, Analyze parses lazily: only the sentences where
//     a stance cue has a candidate target mention, with one Parser per
//     pooled scratch, so that steady-state analysis allocates nothing more.
//   - Default builds the Classifier from the embedded data once and returns
//     the same value (or error) on every later call.
//   - Analyze is deterministic and safe for concurrent use; it reuses its
//     working memory through a sync.Pool and returns an error only when the
//     context is done. It tokenizes and splits sentences in one pass, folds
//     every word once (tokenize.Folded) and looks it up once in a vocabulary
//     that joins the sentiment, stance and gazetteer lexicons, and hands the
//     results to every stage. Its cost is linear in the text, whatever the
//     text (see BenchmarkWorstCase), and does not grow with the gazetteer;
//     it allocates at most three slices per statement (mentions, targets,
//     relations) and one more for all evidence when asked for.
//   - AnalyzeDocument (document.go) tags a whole text sentence by sentence:
//     the splitter's sentences, cut at paragraph breaks, go through the
//     stance engine as one document Input (stance.Input.Paragraphs), so
//     that quotes find their speakers and pronouns their actors in the
//     sentences around them, and descriptions of gazetteer people ("the
//     French president") are mentions of the office holder (offices.go).
//     Each sentence's analysis holds the contributions whose cue lies in
//     it; spans stay offsets into the whole text. Its cost is linear in the
//     text, like Analyze's, plus the actors mentioned per sentence.
//   - Version is "lexicon/<release>+<hash>": the release of the rules and the
//     first 8 hex digits of a SHA-256 over the data files (every file but
//     *.md, in sorted path order, each as path, NUL, content, NUL).
//
// Offsets in results are UTF-8 byte offsets into Statement.Text.
package lexicon
