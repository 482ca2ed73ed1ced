package jsonl

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stancetag/stancetag/classifier"
	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
	"github.com/stancetag/stancetag/server"
)

func TestCheckerConverts(t *testing.T) {
	t.Parallel()
	chk := &checker{lim: server.DefaultLimits(), gazetteer: newFake().gazetteer}
	tests := []struct {
		name string
		line string
		want classifier.Statement
	}{
		{
			name: "minimal",
			line: `{"text":"France agreed."}`,
			want: classifier.Statement{Text: "France agreed."},
		},
		{
			// Every form of kind protojson reads, plus the short name.
			name: "actor kinds and derived ids",
			line: `{"id":"s","text":"t","speaker_id":"country/DEU","actors":[` +
				`{"name":"Jane Roe","kind":"ACTOR_KIND_PERSON"},` +
				`{"id":"blue","name":"Blue Party","aliases":["Blues"],"kind":"organization"},` +
				`{"name":"Côte d'Ivoire","kind":2},` +
				`{"name":"Plan B","kind":null}]}`,
			want: classifier.Statement{ID: "s", Text: "t", SpeakerID: "country/DEU", Actors: []classifier.Actor{
				{ID: "jane-roe", Name: "Jane Roe", Kind: classifier.KindPerson},
				{ID: "blue", Name: "Blue Party", Aliases: []string{"Blues"}, Kind: classifier.KindOrganization},
				{ID: "côte-d-ivoire", Name: "Côte d'Ivoire", Kind: classifier.KindCountry},
				{ID: "plan-b", Name: "Plan B"},
			}},
		},
		{
			// The speaker may be one of the statement's own actors.
			name: "caller speaker camelCase",
			line: `{"text":"t","speakerId":"jr","actors":[{"id":"jr","name":"Jane Roe"}]}`,
			want: classifier.Statement{Text: "t", SpeakerID: "jr", Actors: []classifier.Actor{{ID: "jr", Name: "Jane Roe"}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var in inStatement
			require.NoError(t, json.Unmarshal([]byte(tt.line), &in))
			got, err := chk.check(&in, new(stancev1.Statement))
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestCheckerViolations(t *testing.T) {
	t.Parallel()
	lim := server.DefaultLimits()
	lim.MaxActors, lim.MaxAliases, lim.MaxIDBytes, lim.MaxNameBytes, lim.MaxAliasBytes = 2, 1, 4, 8, 3
	chk := &checker{lim: lim, gazetteer: newFake().gazetteer}
	tests := []struct {
		name       string
		line       string
		wantFields []string
		wantReason string // of the first violation
	}{
		{"id too long", `{"id":"12345","text":"t"}`, []string{"id"}, server.ReasonIDTooLong},
		{"too many actors", `{"text":"t","actors":[{"name":"a"},{"name":"b"},{"name":"c"}]}`, []string{"actors"}, server.ReasonTooManyActors},
		{"too many aliases", `{"text":"t","actors":[{"name":"a","aliases":["x","y"]}]}`, []string{"actors[0].aliases"}, server.ReasonTooManyAliases},
		{"alias too long", `{"text":"t","actors":[{"name":"a","aliases":["wxyz"]}]}`, []string{"actors[0].aliases[0]"}, server.ReasonAliasTooLong},
		{"blank alias", `{"text":"t","actors":[{"name":"a","aliases":[" "]}]}`, []string{"actors[0].aliases[0]"}, server.ReasonAliasEmpty},
		{"name too long", `{"text":"t","actors":[{"name":"Ruritania"}]}`, []string{"actors[0].name"}, server.ReasonActorNameTooLong},
		{"blank name", `{"text":"t","actors":[{"name":"  "}]}`, []string{"actors[0].name"}, server.ReasonActorNameEmpty},
		{"actor id too long", `{"text":"t","actors":[{"id":"abcde","name":"a"}]}`, []string{"actors[0].id"}, server.ReasonIDTooLong},
		{"kind out of range", `{"text":"t","actors":[{"name":"a","kind":6}]}`, []string{"actors[0].kind"}, server.ReasonUnknownEnumValue},
		{"kind not a number", `{"text":"t","actors":[{"name":"a","kind":true}]}`, []string{"actors[0].kind"}, server.ReasonUnknownEnumValue},
		{
			// A speaker must name a known actor: an invalid actor is not one.
			name:       "every violation listed",
			line:       `{"text":"","speaker_id":"a","actors":[{"name":""},{"id":"a","name":"a","kind":"CITY"}]}`,
			wantFields: []string{"text", "actors[0].name", "actors[1].kind", "speaker_id"},
			wantReason: server.ReasonTextEmpty,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var in inStatement
			require.NoError(t, json.Unmarshal([]byte(tt.line), &in))
			_, err := chk.check(&in, new(stancev1.Statement))
			var ve *server.ValidationError
			require.True(t, errors.As(err, &ve), "got %v", err)
			var fields []string
			for _, v := range ve.Violations {
				fields = append(fields, v.Field)
			}
			assert.Equal(t, tt.wantFields, fields)
			assert.Equal(t, tt.wantReason, ve.Violations[0].Reason)
		})
	}
}

func TestCheckerCapsViolations(t *testing.T) {
	t.Parallel()
	// 150 empty aliases: the message stays short and says how many more.
	lim := server.DefaultLimits()
	lim.MaxAliases = 200
	chk := &checker{lim: lim}
	aliases := `"` + strings.Repeat(`","`, 149) + `"`
	var in inStatement
	require.NoError(t, json.Unmarshal([]byte(`{"text":"t","actors":[{"name":"a","aliases":[`+aliases+`]}]}`), &in))
	_, err := chk.check(&in, new(stancev1.Statement))
	var ve *server.ValidationError
	require.True(t, errors.As(err, &ve))
	assert.Len(t, ve.Violations, 100)
	assert.Equal(t, 50, ve.Omitted)
	assert.Contains(t, err.Error(), "(and 149 more violations)")
}
