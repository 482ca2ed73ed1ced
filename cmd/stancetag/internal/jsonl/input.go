package jsonl

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"

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
	*k = inKind{}
	if bytes.Equal(b, []byte("null")) {
		return nil
	}
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		if v, ok := stancev1.ActorKind_value[s]; ok {
			k.v = stancev1.ActorKind(v)
			return nil
		}
		if v, ok := stancev1.ActorKind_value["ACTOR_KIND_"+strings.ToUpper(s)]; ok && s != "" {
			k.v = stancev1.ActorKind(v)
			return nil
		}
		k.bad = strconv.Quote(s)
		return nil
	}
	n, err := strconv.ParseInt(string(b), 10, 32)
	if err != nil {
		k.bad = string(b)
		return nil // reported by validation, with the field path
	}
	if _, ok := stancev1.ActorKind_name[int32(n)]; !ok {
		k.bad = string(b)
		return nil
	}
	k.v = stancev1.ActorKind(n)
	return nil
}
