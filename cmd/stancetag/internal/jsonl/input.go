package jsonl

import (
	"bytes"
	"encoding/json"
	"strconv"

	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
)

// inStatement is one input line: a stance.v1.Statement in JSON. Field names
// follow the proto (speaker_id) and, as protojson accepts both, its JSON name
// (speakerId); encoding/json matches names case-insensitively besides.
// Unknown fields are ignored, so labelled evaluation files can be analysed
// as they are.
type inStatement struct {
	ID             string    `json:"id"`
	Text           string    `json:"text"`
	SpeakerID      string    `json:"speaker_id"`
	SpeakerIDCamel string    `json:"speakerId"`
	Actors         []inActor `json:"actors"`
}

// speaker returns speaker_id, or speakerId when only that is set.
func (s *inStatement) speaker() string {
	if s.SpeakerID != "" {
		return s.SpeakerID
	}
	return s.SpeakerIDCamel
}

type inActor struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Aliases []string `json:"aliases"`
	Kind    inKind   `json:"kind"`
}

// inKind is an ActorKind as protojson writes it ("ACTOR_KIND_PERSON") or
// reads it (also the number), or its short lower-case name ("person").
// Unknown values are kept, not failed on, so validation can name the field.
type inKind struct {
	v   stancev1.ActorKind
	bad string // the unknown value as written; "" when v is valid
}

func (k *inKind) UnmarshalJSON(b []byte) error {
	switch {
	case bytes.Equal(b, []byte("null")):
		*k = inKind{}
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*k = kindFromName([]byte(s))
	default:
		*k = kindFromRaw(b)
	}
	return nil
}

// kindFromName is the kind written as the JSON string s (decoded).
func kindFromName(s []byte) inKind {
	if v, ok := stancev1.ActorKind_value[string(s)]; ok {
		return inKind{v: stancev1.ActorKind(v)}
	}
	if len(s) > 0 {
		// The short name, upper-cased with Unicode rules ("perſon" too).
		var arr [64]byte
		full := append(arr[:0], "ACTOR_KIND_"...)
		full = append(full, s...)
		full = bytes.ToUpper(full)
		if v, ok := stancev1.ActorKind_value[string(full)]; ok {
			return inKind{v: stancev1.ActorKind(v)}
		}
	}
	return inKind{bad: strconv.Quote(string(s))}
}

// kindFromRaw is the kind written as the JSON value b, not a string or
// null: a number the enum has, or else unknown (reported by validation,
// with the field path).
func kindFromRaw(b []byte) inKind {
	n, err := strconv.ParseInt(string(b), 10, 32)
	if err != nil {
		return inKind{bad: string(b)}
	}
	if _, ok := stancev1.ActorKind_name[int32(n)]; !ok {
		return inKind{bad: string(b)}
	}
	return inKind{v: stancev1.ActorKind(n)}
}
