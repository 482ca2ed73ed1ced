package server

import (
	"context"
	"encoding/base64"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/stancetag/stancetag/classifier"
	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
)

// bigGazetteer returns a fake with n actors, sorted by id as the contract
// requires.
func bigGazetteer(version string, n int) *fakeClassifier {
	f := newFake(version)
	f.gazetteer = make([]classifier.Actor, n)
	for i := range n {
		f.gazetteer[i] = classifier.Actor{ID: fmt.Sprintf("person/p%04d", i), Name: fmt.Sprintf("Person %d", i), Kind: classifier.KindPerson}
	}
	return f
}

func TestListActorsWalk(t *testing.T) {
	t.Parallel()
	ts := start(t, bigGazetteer("fake/1", 250))
	tests := []struct {
		pageSize int32
		pages    int
	}{
		{40, 7},   // uneven last page
		{50, 5},   // even last page: no empty page after it
		{0, 3},    // default 100
		{5000, 1}, // capped at 1000
		{250, 1},  // exactly everything
		{249, 2},  // one left over
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.pageSize), func(t *testing.T) {
			t.Parallel()
			var ids []string
			token := ""
			for page := 1; ; page++ {
				resp, err := ts.client.ListActors(context.Background(), &stancev1.ListActorsRequest{PageSize: tt.pageSize, PageToken: token})
				require.NoError(t, err)
				require.Equal(t, int32(250), resp.GetTotalSize())
				require.NotEmpty(t, resp.GetActors(), "page %d", page)
				for _, a := range resp.GetActors() {
					ids = append(ids, a.GetId())
				}
				token = resp.GetNextPageToken()
				if token == "" {
					require.Equal(t, tt.pages, page)
					break
				}
				require.Less(t, page, tt.pages, "too many pages")
			}
			// All actors, in order, each once.
			want := make([]string, 250)
			for i := range want {
				want[i] = fmt.Sprintf("person/p%04d", i)
			}
			require.Equal(t, want, ids)
		})
	}
}

func TestListActorsFields(t *testing.T) {
	t.Parallel()
	ts := start(t, newFake("fake/1"))
	resp, err := ts.client.ListActors(context.Background(), &stancev1.ListActorsRequest{PageSize: 1})
	require.NoError(t, err)
	a := resp.GetActors()[0]
	require.Equal(t, "country/DEU", a.GetId())
	require.Equal(t, "Germany", a.GetName())
	require.Equal(t, []string{"Berlin"}, a.GetAliases())
	require.Equal(t, stancev1.ActorKind_ACTOR_KIND_COUNTRY, a.GetKind())
}

func TestListActorsEmptyGazetteer(t *testing.T) {
	t.Parallel()
	ts := start(t, bigGazetteer("fake/1", 0))
	resp, err := ts.client.ListActors(context.Background(), &stancev1.ListActorsRequest{})
	require.NoError(t, err)
	require.Empty(t, resp.GetActors())
	require.Empty(t, resp.GetNextPageToken())
	require.Zero(t, resp.GetTotalSize())
}

func TestListActorsInvalid(t *testing.T) {
	t.Parallel()
	ts := start(t, bigGazetteer("fake/1", 250))
	raw := func(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }
	tests := []struct {
		name   string
		req    *stancev1.ListActorsRequest
		field  string
		reason string
	}{
		{"negative page size", &stancev1.ListActorsRequest{PageSize: -1}, "page_size", ReasonPageSizeNegative},
		{"not base64", &stancev1.ListActorsRequest{PageToken: "%%%"}, "page_token", ReasonPageTokenInvalid},
		{"not ours", &stancev1.ListActorsRequest{PageToken: raw("hello")}, "page_token", ReasonPageTokenInvalid},
		{"other format version", &stancev1.ListActorsRequest{PageToken: raw("p9\x00fake/1\x0040")}, "page_token", ReasonPageTokenInvalid},
		{"offset not a number", &stancev1.ListActorsRequest{PageToken: raw("p1\x00fake/1\x00forty")}, "page_token", ReasonPageTokenInvalid},
		// Tokens are never issued for the first page or past the end.
		{"offset zero", &stancev1.ListActorsRequest{PageToken: encodePageToken("fake/1", 0)}, "page_token", ReasonPageTokenInvalid},
		{"offset past the end", &stancev1.ListActorsRequest{PageToken: encodePageToken("fake/1", 250)}, "page_token", ReasonPageTokenInvalid},
		{"negative offset", &stancev1.ListActorsRequest{PageToken: encodePageToken("fake/1", -5)}, "page_token", ReasonPageTokenInvalid},
		{"other lexicon", &stancev1.ListActorsRequest{PageToken: encodePageToken("fake/0", 40)}, "page_token", ReasonPageTokenStale},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := ts.client.ListActors(context.Background(), tt.req)
			requireViolation(t, err, tt.field, tt.reason)
		})
	}
}

// A token issued before a lexicon reload is refused after it: the offsets
// would point into a different gazetteer.
func TestListActorsTokenAcrossReload(t *testing.T) {
	t.Parallel()
	ts := start(t, bigGazetteer("fake/1", 250))
	resp, err := ts.client.ListActors(context.Background(), &stancev1.ListActorsRequest{PageSize: 10})
	require.NoError(t, err)
	require.NoError(t, ts.srv.SetClassifier(bigGazetteer("fake/2", 260)))
	_, err = ts.client.ListActors(context.Background(), &stancev1.ListActorsRequest{PageSize: 10, PageToken: resp.GetNextPageToken()})
	st, _ := requireViolation(t, err, "page_token", ReasonPageTokenStale)
	require.Contains(t, st.Message(), `"fake/1"`)
}
