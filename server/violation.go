package server

import (
	"strconv"
	"strings"
)

// Reasons of INVALID_ARGUMENT errors, sent as google.rpc.ErrorInfo.reason (of
// the first violation) and google.rpc.BadRequest.FieldViolation.reason (of
// each). They are part of the API: clients may switch on them.
const (
	ReasonBatchEmpty           = "BATCH_EMPTY"            // no statements
	ReasonBatchTooLarge        = "BATCH_TOO_LARGE"        // more than Limits.MaxBatch statements
	ReasonStatementMissing     = "STATEMENT_MISSING"      // stream message without a statement
	ReasonDocumentMissing      = "DOCUMENT_MISSING"       // AnalyzeDocument request without a document
	ReasonTextEmpty            = "TEXT_EMPTY"             // empty or whitespace-only text
	ReasonTextTooLong          = "TEXT_TOO_LONG"          // text over Limits.MaxTextBytes
	ReasonInvalidUTF8          = "INVALID_UTF8"           // a string is not valid UTF-8
	ReasonIDTooLong            = "ID_TOO_LONG"            // statement, actor or speaker id over Limits.MaxIDBytes
	ReasonDuplicateStatementID = "DUPLICATE_STATEMENT_ID" // two statements of one request share a non-empty id
	ReasonDuplicateActorID     = "DUPLICATE_ACTOR_ID"     // two actors in scope of one statement share an id (given or derived)
	ReasonActorNameEmpty       = "ACTOR_NAME_EMPTY"       // actor without a name, or a whitespace-only one
	ReasonActorNameTooLong     = "ACTOR_NAME_TOO_LONG"    // name over Limits.MaxNameBytes
	ReasonActorIDUnderivable   = "ACTOR_ID_UNDERIVABLE"   // no id given and the name has no letter or digit to derive one from
	ReasonTooManyActors        = "TOO_MANY_ACTORS"        // more than Limits.MaxActors actors apply to a statement
	ReasonTooManyAliases       = "TOO_MANY_ALIASES"       // more than Limits.MaxAliases aliases
	ReasonAliasEmpty           = "ALIAS_EMPTY"            // empty or whitespace-only alias
	ReasonAliasTooLong         = "ALIAS_TOO_LONG"         // alias over Limits.MaxAliasBytes
	ReasonUnknownEnumValue     = "UNKNOWN_ENUM_VALUE"     // offset_encoding or kind outside the enum
	ReasonUnknownSpeaker       = "UNKNOWN_SPEAKER"        // speaker_id is neither a caller actor id nor a gazetteer id
	ReasonPageSizeNegative     = "PAGE_SIZE_NEGATIVE"     // ListActors page_size < 0
	ReasonPageTokenInvalid     = "PAGE_TOKEN_INVALID"     // page_token was not issued by this server
	ReasonPageTokenStale       = "PAGE_TOKEN_STALE"       // page_token was issued for another lexicon version
	ReasonMalformedRequest     = "MALFORMED_REQUEST"      // the request's bytes are not a protobuf encoding of its message
	ReasonActorIDTaken         = "ACTOR_ID_TAKEN"         // a caller actor with a gazetteer id has a name or alias of another gazetteer actor
	ReasonSyntaxTooLarge       = "SYNTAX_TOO_LARGE"       // include_syntax asked for more text than Limits.MaxDocumentBytes
)

// ReasonSyntaxUnavailable is the ErrorInfo.reason of FAILED_PRECONDITION
// when AnalyzeOptions.include_syntax is asked of a server without a parser
// model (SyntaxUnavailableError), and the type of its PreconditionFailure
// violation. Part of the API, like the reasons above.
const ReasonSyntaxUnavailable = "SYNTAX_UNAVAILABLE"

// ErrorDomain is google.rpc.ErrorInfo.domain of every error this service
// defines.
const ErrorDomain = "stancetag.dev"

// maxViolations caps the field violations listed in one error: enough to fix
// a request in one round, small enough to keep the error small.
const maxViolations = 100

// FieldViolation is one problem with one field of a request.
type FieldViolation struct {
	// Field is the path of the field, e.g. "statements[3].text" or
	// "statements[12].actors[0].aliases[1]".
	Field string
	// Reason is one of the Reason* constants.
	Reason string
	// Description says what is wrong, for a human. It reaches clients.
	Description string
}

// ValidationError is a request that breaks the API's rules or the Limits. It
// becomes INVALID_ARGUMENT. Its text reaches clients.
type ValidationError struct {
	// Violations in request order, at most 100.
	Violations []FieldViolation
	// Omitted counts violations found beyond the ones listed.
	Omitted int
	// Position is the zero-based position of the offending message in an
	// AnalyzeStream, or -1 outside a stream.
	Position int
}

// Error names the first violation and how many more there are.
func (e *ValidationError) Error() string {
	if len(e.Violations) == 0 {
		return "invalid request"
	}
	var b strings.Builder
	if e.Position >= 0 {
		b.WriteString("stream message ")
		b.WriteString(strconv.Itoa(e.Position))
		b.WriteString(": ")
	}
	v := e.Violations[0]
	if v.Field != "" {
		b.WriteString(v.Field)
		b.WriteString(": ")
	}
	b.WriteString(v.Description)
	if more := len(e.Violations) - 1 + e.Omitted; more > 0 {
		b.WriteString(" (and ")
		b.WriteString(strconv.Itoa(more))
		if more == 1 {
			b.WriteString(" more violation)")
		} else {
			b.WriteString(" more violations)")
		}
	}
	return b.String()
}

// violations collects the problems found in one request.
type violations struct {
	list    []FieldViolation
	omitted int
}

func (v *violations) add(field, reason, description string) {
	if len(v.list) >= maxViolations {
		v.omitted++
		return
	}
	v.list = append(v.list, FieldViolation{Field: field, Reason: reason, Description: description})
}

func (v *violations) empty() bool { return len(v.list) == 0 }

// err returns the collected violations as a *ValidationError, or nil.
func (v *violations) err(position int) error {
	if v.empty() {
		return nil
	}
	return &ValidationError{Violations: v.list, Omitted: v.omitted, Position: position}
}

// at names where a statement or an actor list sits in a request, so field
// paths are built only when a violation is found.
type at struct {
	// list is "statements" (Analyze), "statement" (AnalyzeStream, indexed by
	// stream position) or "" for the request-level fields.
	list  string
	index int
}

// field returns the path of sub inside the place a names.
func (a at) field(sub string) string {
	if a.list == "" {
		return sub
	}
	p := a.list + "[" + strconv.Itoa(a.index) + "]"
	if sub == "" {
		return p
	}
	return p + "." + sub
}

// actorField returns the path of leaf of the j-th actor ("" for the actor
// itself).
func (a at) actorField(j int, leaf string) string {
	s := "actors[" + strconv.Itoa(j) + "]"
	if leaf != "" {
		s += "." + leaf
	}
	return a.field(s)
}
