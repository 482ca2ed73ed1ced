package jsonl

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
)

func TestLineDecoderReads(t *testing.T) {
	t.Parallel()
	person := inKind{v: stancev1.ActorKind_ACTOR_KIND_PERSON}
	tests := []struct {
		name string
		line string
		want inStatement
	}{
		{"minimal", `{"text":"France agreed."}`, inStatement{Text: "France agreed."}},
		{"empty object", `{}`, inStatement{}},
		{
			name: "every field",
			line: `{"id":"s1","text":"t","speaker_id":"a","speakerId":"b","actors":[{"id":"x","name":"Xavier Roe","aliases":["XR","Roe"],"kind":"ACTOR_KIND_PERSON"}]}`,
			want: inStatement{ID: "s1", Text: "t", SpeakerID: "a", SpeakerIDCamel: "b", Actors: []inActor{
				{ID: "x", Name: "Xavier Roe", Aliases: []string{"XR", "Roe"}, Kind: person},
			}},
		},
		{
			name: "white space everywhere",
			line: " \t{ \"text\" :\r\n\"t\" , \"actors\" : [ { \"name\" : \"N\" , \"aliases\" : [ \"a\" , \"b\" ] } , { } ] } \r ",
			want: inStatement{Text: "t", Actors: []inActor{{Name: "N", Aliases: []string{"a", "b"}}, {}}},
		},
		{
			name: "escapes",
			line: `{"text":"q\" b\\ s\/ \b\f\n\r\t \u00e9\u4E1C \ud83c\uddeb\ud83c\uddf7 \u0000"}`,
			want: inStatement{Text: "q\" b\\ s/ \b\f\n\r\t é东 🇫🇷 \x00"},
		},
		{
			// Unpaired surrogates become U+FFFD; a high one followed by a
			// non-low escape leaves that escape to be read on its own.
			name: "lone surrogates",
			line: `{"text":"\ud800|\udc00|\ud800\u0041|\udbff\udbff\udfff|\ud800\n"}`,
			want: inStatement{Text: "\uFFFD|\uFFFD|\uFFFDA|\uFFFD\U0010FFFF|\uFFFD\n"},
		},
		{
			// Each invalid byte becomes U+FFFD, as encoding/json does;
			// valid multi-byte text is kept.
			name: "invalid UTF-8",
			line: "{\"text\":\"a\xffb\xe2\x82c\xed\xa0\x80 Zürich \xef\xbf\xbd\"}",
			want: inStatement{Text: "a\uFFFDb\uFFFD\uFFFDc\uFFFD\uFFFD\uFFFD Zürich \uFFFD"},
		},
		{
			name: "unknown fields of every type skipped",
			line: `{"a":{"b":[1,-2.5e+3,0,0.0,1E9,-0,true,false,null,"\u00e9\"",{}],"c":{}},"text":"t","z":[[[]]]}`,
			want: inStatement{Text: "t"},
		},
		{
			name: "keys in other cases",
			line: `{"ID":"i","Text":"t","SPEAKER_ID":"s","speakerid":"c","Actors":[{"Id":"x","NAME":"n","aliASes":["a"],"KIND":1}]}`,
			want: inStatement{ID: "i", Text: "t", SpeakerID: "s", SpeakerIDCamel: "c", Actors: []inActor{
				{ID: "x", Name: "n", Aliases: []string{"a"}, Kind: person},
			}},
		},
		{
			// A key near a field name is not that field.
			name: "near misses unknown",
			line: `{"text ":"x","texts":"y","speaker-id":"z","":"e","text":"t"}`,
			want: inStatement{Text: "t"},
		},
		{
			name: "nulls",
			line: `{"id":null,"text":"t","speaker_id":null,"actors":[null,{"id":null,"name":"n","aliases":[null,"a"],"kind":null}]}`,
			want: inStatement{Text: "t", Actors: []inActor{{}, {Name: "n", Aliases: []string{"", "a"}}}},
		},
		{"null actors", `{"text":"t","actors":null}`, inStatement{Text: "t"}},
		{
			// As encoding/json: an empty array is an empty slice, not nil.
			name: "empty arrays",
			line: `{"text":"t","actors":[{"name":"n","aliases":[]}]}`,
			want: inStatement{Text: "t", Actors: []inActor{{Name: "n", Aliases: []string{}}}},
		},
		{"no actors", `{"text":"t","actors":[]}`, inStatement{Text: "t", Actors: []inActor{}}},
		{
			name: "kinds",
			line: `{"actors":[{"kind":"person"},{"kind":"Organization"},{"kind":2},{"kind":-0},{"kind":"\u0070erson"},{"kind":"perſon"}]}`,
			want: inStatement{Actors: []inActor{
				{Kind: person}, {Kind: inKind{v: stancev1.ActorKind_ACTOR_KIND_ORGANIZATION}},
				{Kind: inKind{v: stancev1.ActorKind_ACTOR_KIND_COUNTRY}}, {}, {Kind: person}, {Kind: person},
			}},
		},
		{
			// Unknown kinds are kept as written, for the violation message.
			name: "unknown kinds",
			line: `{"actors":[{"kind":"CITY"},{"kind":""},{"kind":"2"},{"kind":1.0},{"kind":7},{"kind":99999999999},{"kind":true},{"kind":{ "a" : [1, 2] }},{"kind":"\"q\""}]}`,
			want: inStatement{Actors: []inActor{
				{Kind: inKind{bad: `"CITY"`}}, {Kind: inKind{bad: `""`}}, {Kind: inKind{bad: `"2"`}},
				{Kind: inKind{bad: "1.0"}}, {Kind: inKind{bad: "7"}}, {Kind: inKind{bad: "99999999999"}},
				{Kind: inKind{bad: "true"}}, {Kind: inKind{bad: `{ "a" : [1, 2] }`}}, {Kind: inKind{bad: `"\"q\""`}},
			}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var want inStatement
			require.NoError(t, json.Unmarshal([]byte(tt.line), &want))
			require.Equal(t, tt.want, want, "the case itself must say what encoding/json reads")

			var d lineDecoder
			var got inStatement
			require.True(t, d.fast([]byte(tt.line), &got), "read without encoding/json")
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestLineDecoderLeavesToEncodingJSON(t *testing.T) {
	t.Parallel()
	// These are not read by the fast path: decode must still give
	// encoding/json's result or error.
	tests := []struct {
		name string
		line string
		// wantErr is a prefix of the error, "" when encoding/json succeeds.
		wantErr string
	}{
		{"repeated key", `{"text":"a","text":"b"}`, ""},
		{"repeated key folded", `{"speakerId":"a","SPEAKERID":"b","text":"t"}`, ""},
		{"repeated actors merge", `{"actors":[{"id":"a","name":"x"}],"actors":[{"name":"y"}]}`, ""},
		{"escaped key", `{"t\u0065xt":"t"}`, ""},
		{"Kelvin sign folds to k", `{"actors":[{"\u212aind":1}]}`, ""},
		{"non-ASCII unknown key", "{\"k\xff\":1,\"text\":\"t\"}", ""},
		{"deep unknown value", `{"x":` + strings.Repeat("[", 200) + strings.Repeat("]", 200) + `}`, ""},
		{"top-level null", `null`, ""},
		{"too deep", `{"x":` + strings.Repeat("[", 10001) + strings.Repeat("]", 10001) + `}`, "invalid character '[' exceeded max depth"},
		{"trailing comma", `{"text":"t",}`, "invalid character '}' looking for beginning of object key string"},
		{"array", `[]`, "json: cannot unmarshal array into Go value of type jsonl.inStatement"},
		{"wrong type", `{"id":5}`, "json: cannot unmarshal number into Go struct field inStatement.id of type string"},
		{"wrong alias type", `{"actors":[{"aliases":"a"}]}`, "json: cannot unmarshal string into Go struct field inActor.actors.aliases of type []string"},
		{"control character", "{\"text\":\"a\tb\"}", `invalid character '\t' in string literal`},
		{"bad escape", `{"text":"\x41"}`, "invalid character 'x' in string escape code"},
		{"short unicode escape", `{"text":"\u12"}`, `invalid character '"' in \u hexadecimal character escape`},
		{"leading zero", `{"n":01}`, "invalid character '1' after object key:value pair"},
		{"bare exponent", `{"n":1e}`, "invalid character '}' in exponent of numeric literal"},
		{"BOM", "\xef\xbb\xbf{}", "invalid character 'ï' looking for beginning of value"},
		{"truncated", `{"text":"t"`, "unexpected end of JSON input"},
		{"garbage after", `{} x`, "invalid character 'x' after top-level value"},
		{"broken literal", `{"n":nul}`, "invalid character '}' in literal null (expecting 'l')"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var d lineDecoder
			var got, want inStatement
			assert.False(t, d.fast([]byte(tt.line), &got))
			wantErr := json.Unmarshal([]byte(tt.line), &want)
			err := d.decode([]byte(tt.line), &got)
			if tt.wantErr == "" {
				require.NoError(t, wantErr)
				require.NoError(t, err)
				assert.Equal(t, want, got)
				return
			}
			require.Error(t, err)
			assert.Equal(t, wantErr.Error(), err.Error())
			assert.True(t, strings.HasPrefix(err.Error(), tt.wantErr), "got %q", err)
		})
	}
}

func TestLineDecoderReuse(t *testing.T) {
	t.Parallel()
	// One decoder, many lines: nothing of a line leaks into the next, and
	// what was decoded stays intact when the decoder moves on.
	lines := []string{
		`{"id":"a","text":"First line","actors":[{"name":"Alpha","aliases":["A1","A2"]},{"name":"Beta"}]}`,
		`{"text":"Second"}`,
		`{"id":"c","text":"Third","actors":[{"name":"Gamma","aliases":["G"],"kind":3}]}`,
		`{"text":"bad",}`,
		`{"id":"e","text":"Fifth \u00e9"}`,
	}
	var d lineDecoder
	var got, want []inStatement
	for _, l := range lines {
		var in, w inStatement
		err := d.decode([]byte(l), &in)
		wantErr := json.Unmarshal([]byte(l), &w)
		assert.Equal(t, wantErr, err)
		got, want = append(got, in), append(want, w)
	}
	assert.Equal(t, want, got)
}

// FuzzLineDecoder checks decode against encoding/json: the same values or
// the same error, and the fast path never accepts what encoding/json
// rejects. Seeds are the golden input lines and lines shaped like real
// input.
func FuzzLineDecoder(f *testing.F) {
	input, err := os.ReadFile(filepath.Join("testdata", "golden", "input.jsonl"))
	require.NoError(f, err)
	for line := range bytes.Lines(input) {
		f.Add(bytes.TrimSuffix(line, []byte{'\n'}))
	}
	for _, s := range []string{
		`{"id":"s1","text":"Officials in Oslo said Norway would back the plan.","actors":[]}`,
		`{"id":"s2","text":"The \"Blue\" Party rejected it.","actors":[{"id":"local/blue","name":"Blue Party","aliases":["Blues"]}]}`,
		`{"text":"\ud83c\uddeb\ud83c\uddf7 \u00e9","speakerId":"country/FRA","actors":[{"name":"N","kind":"person"},null]}`,
		`{"x":[1,2.5,-0e+1,{"y":null}],"text":"t","actors":[{"kind":{"a":[true,false]}}]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		var want inStatement
		wantErr := json.Unmarshal(line, &want)

		var d lineDecoder
		var fast inStatement
		if d.fast(line, &fast) {
			require.NoError(t, wantErr, "the fast path accepted what encoding/json rejects")
			require.Equal(t, want, fast)
		}
		var got inStatement
		err := d.decode(line, &got)
		if wantErr != nil {
			require.Error(t, err)
			require.Equal(t, wantErr.Error(), err.Error())
			return
		}
		require.NoError(t, err)
		require.Equal(t, want, got)
	})
}
