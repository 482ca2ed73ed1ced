package eval

import (
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stancetag/stancetag/classifier"
)

// readAll drains a Reader.
func readAll(t *testing.T, src string) ([]Item, error) {
	t.Helper()
	rd := NewReader(strings.NewReader(src), "set.jsonl")
	var items []Item
	for {
		it, err := rd.Next()
		if errors.Is(err, io.EOF) {
			return items, nil
		}
		if err != nil {
			return items, err
		}
		items = append(items, it)
	}
}

func TestReaderParsesItems(t *testing.T) {
	t.Parallel()
	src := `{"id": "a1", "text": "Chile condemned the strike on the convoy.", "speaker_id": "chile", "actors": [{"id": "chile", "name": "Chile", "aliases": ["Santiago"], "kind": "ACTOR_KIND_COUNTRY"}, {"id": "convoy", "name": "convoy"}], "targets": [{"actor_id": "convoy", "label": "support"}], "relations": [{"holder_id": "chile", "target_id": "convoy", "label": "neutral"}], "note": "unknown keys are ignored"}

{"id": "a2", "text": "Ms. Duarte said nothing.", "actors": [{"id": "target", "name": "Ms. Duarte"}], "targets": [{"actor_id": "target", "label": "neutral"}], "span": [0, 10]}` + "\r\n" +
		`{"id": "a3", "text": "No labels here.", "actors": [], "targets": [], "relations": []}`

	items, err := readAll(t, src)
	require.NoError(t, err)
	require.Len(t, items, 3)

	assert.Equal(t, Item{
		Line: 1, ID: "a1", Text: "Chile condemned the strike on the convoy.", SpeakerID: "chile",
		Actors: []classifier.Actor{
			{ID: "chile", Name: "Chile", Aliases: []string{"Santiago"}, Kind: classifier.KindCountry},
			{ID: "convoy", Name: "convoy"},
		},
		Targets:      []Target{{ActorID: "convoy", Label: sup}},
		Relations:    []Triple{{HolderID: "chile", TargetID: "convoy", Label: neu}},
		HasRelations: true,
	}, items[0])

	// Line 2 is blank: line numbers count it. No "relations" key: the item
	// is not scored on relations.
	assert.Equal(t, 3, items[1].Line)
	assert.False(t, items[1].HasRelations)
	assert.Equal(t, []int{0, 10}, items[1].Span)

	// An empty "relations" list still marks the item as labelled for
	// relations (gold: no relation at all), and a CRLF line ending before it
	// does not break the previous line.
	assert.Equal(t, 4, items[2].Line)
	assert.True(t, items[2].HasRelations)
	assert.Empty(t, items[2].Relations)
}

func TestReaderErrors(t *testing.T) {
	t.Parallel()
	const good = `{"id": "ok", "text": "Kenya welcomed the ceasefire.", "actors": [{"id": "kenya", "name": "Kenya"}], "targets": [{"actor_id": "kenya", "label": "neutral"}]}`
	tests := []struct {
		name string
		line string // written as line 3, after a good line and a blank one
		want string
	}{
		{"invalid json", `{"id": "x", "text": `, "set.jsonl:3: unexpected end of JSON input"},
		{"not an object", `["x"]`, "set.jsonl:3: json: cannot unmarshal array"},
		{"missing id", `{"text": "t"}`, `set.jsonl:3: "id" is missing or empty`},
		{"empty text", `{"id": "x", "text": ""}`, `set.jsonl:3: "text" is missing or empty`},
		{"actor without id", `{"id": "x", "text": "t", "actors": [{"name": "A"}]}`, `set.jsonl:3: actors[0]: "id" is missing or empty`},
		{"actor without name", `{"id": "x", "text": "t", "actors": [{"id": "a"}]}`, `set.jsonl:3: actors[0] "a": "name" is missing or empty`},
		{"unknown kind", `{"id": "x", "text": "t", "actors": [{"id": "a", "name": "A", "kind": "person"}]}`, `set.jsonl:3: actors[0] "a": unknown kind "person" (want an ActorKind name such as ACTOR_KIND_PERSON)`},
		// The classifier requires unique actor ids within a statement.
		{"duplicate actor", `{"id": "x", "text": "t", "actors": [{"id": "a", "name": "A"}, {"id": "a", "name": "B"}]}`, `set.jsonl:3: actors[1]: duplicate actor id "a"`},
		{"unknown speaker", `{"id": "x", "text": "t", "speaker_id": "s"}`, `set.jsonl:3: speaker_id "s" is not a listed actor`},
		{"bad label", `{"id": "x", "text": "t", "actors": [{"id": "a", "name": "A"}], "targets": [{"actor_id": "a", "label": "positive"}]}`, `set.jsonl:3: targets[0]: label "positive": want support, oppose or neutral`},
		{"target not listed", `{"id": "x", "text": "t", "targets": [{"actor_id": "a", "label": "oppose"}]}`, `set.jsonl:3: targets[0]: actor_id "a" is not a listed actor`},
		{"target twice", `{"id": "x", "text": "t", "actors": [{"id": "a", "name": "A"}], "targets": [{"actor_id": "a", "label": "oppose"}, {"actor_id": "a", "label": "support"}]}`, `set.jsonl:3: targets[1]: actor "a" labelled twice`},
		{"holder not listed", `{"id": "x", "text": "t", "actors": [{"id": "a", "name": "A"}], "relations": [{"holder_id": "h", "target_id": "a", "label": "oppose"}]}`, `set.jsonl:3: relations[0]: holder_id "h" is not a listed actor`},
		{"relation target not listed", `{"id": "x", "text": "t", "actors": [{"id": "a", "name": "A"}], "relations": [{"holder_id": "a", "target_id": "b", "label": "oppose"}]}`, `set.jsonl:3: relations[0]: target_id "b" is not a listed actor`},
		{"relation to self", `{"id": "x", "text": "t", "actors": [{"id": "a", "name": "A"}], "relations": [{"holder_id": "a", "target_id": "a", "label": "oppose"}]}`, `set.jsonl:3: relations[0]: holder and target are both "a"`},
		// Two labels for one pair: the gold would contradict itself.
		{"relation pair twice", `{"id": "x", "text": "t", "actors": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}], "relations": [{"holder_id": "a", "target_id": "b", "label": "oppose"}, {"holder_id": "a", "target_id": "b", "label": "neutral"}]}`, `set.jsonl:3: relations[1]: pair "a" -> "b" labelled twice`},
		{"relation bad label", `{"id": "x", "text": "t", "actors": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}], "relations": [{"holder_id": "a", "target_id": "b", "label": "against"}]}`, `set.jsonl:3: relations[0]: label "against"`},
		{"span reversed", `{"id": "x", "text": "t", "span": [5, 2]}`, `set.jsonl:3: span [5 2]: want [from, to) with 0 <= from <= to`},
		{"span one number", `{"id": "x", "text": "t", "span": [5]}`, `set.jsonl:3: span [5]`},
		// Misses and errors are reported by id: ids must be unique.
		{"duplicate item id", `{"id": "ok", "text": "again"}`, `set.jsonl:3: duplicate id "ok" (first on line 1)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			items, err := readAll(t, good+"\n\n"+tt.line+"\n"+good)
			require.Error(t, err)
			assert.Len(t, items, 1, "the good line before the bad one is read")
			assert.ErrorContains(t, err, tt.want)
			assert.True(t, strings.HasPrefix(err.Error(), tt.want[:len("set.jsonl:3: ")]))
			var le *LineError
			require.ErrorAs(t, err, &le)
			assert.Equal(t, "set.jsonl", le.File)
			assert.Equal(t, 3, le.Line)
		})
	}
}

func TestReaderLineTooLong(t *testing.T) {
	t.Parallel()
	long := `{"id": "x", "text": "` + strings.Repeat("a", maxLineBytes) + `"}`
	_, err := readAll(t, long)
	var le *LineError
	require.ErrorAs(t, err, &le)
	assert.Equal(t, 1, le.Line)
	assert.ErrorContains(t, err, "line longer than")
}

func TestReaderEmpty(t *testing.T) {
	t.Parallel()
	items, err := readAll(t, "\n  \n")
	require.NoError(t, err)
	assert.Empty(t, items)
}

// Reader.Known lets gold labels name actors the classifier knows on its own;
// the speaker must still be listed.
func TestReaderKnown(t *testing.T) {
	t.Parallel()
	known := func(id string) bool { return id == "country/FRA" || id == "country/DEU" }
	const src = `{"id": "k1", "text": "France condemned Germany.", "targets": [{"actor_id": "country/DEU", "label": "oppose"}], ` +
		`"relations": [{"holder_id": "country/FRA", "target_id": "country/DEU", "label": "oppose"}]}`
	rd := NewReader(strings.NewReader(src), "set.jsonl")
	rd.Known = known
	it, err := rd.Next()
	require.NoError(t, err)
	assert.Empty(t, it.Actors)
	assert.Equal(t, []Triple{{HolderID: "country/FRA", TargetID: "country/DEU", Label: opp}}, it.Relations)

	// Without Known the same line is refused.
	_, err = readAll(t, src)
	assert.ErrorContains(t, err, `set.jsonl:1: targets[0]: actor_id "country/DEU" is not a listed actor`)

	rd = NewReader(strings.NewReader(`{"id": "k2", "text": "t", "speaker_id": "country/FRA"}`), "set.jsonl")
	rd.Known = known
	_, err = rd.Next()
	assert.ErrorContains(t, err, `speaker_id "country/FRA" is not a listed actor`)
}
