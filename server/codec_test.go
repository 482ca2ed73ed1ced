package server

import (
	"bytes"
	"context"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/mem"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/structpb"

	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
)

// rawCodec sends *[]byte as it is and decodes replies with proto, so that a
// test can put bytes on the wire that a Go client's proto codec would
// refuse to encode.
type rawCodec struct{}

func (rawCodec) Name() string { return "proto" }

func (rawCodec) Marshal(v any) (mem.BufferSlice, error) {
	return mem.BufferSlice{mem.SliceBuffer(*v.(*[]byte))}, nil
}

func (rawCodec) Unmarshal(data mem.BufferSlice, v any) error {
	return proto.Unmarshal(data.Materialize(), v.(proto.Message))
}

// withInvalidUTF8 encodes m and replaces the bytes of marker, which must
// occur once in the encoding, by invalid UTF-8 of the same length.
func withInvalidUTF8(tb testing.TB, m proto.Message, marker string) []byte {
	tb.Helper()
	b, err := proto.Marshal(m)
	require.NoError(tb, err)
	require.Equal(tb, 1, bytes.Count(b, []byte(marker)), "marker must occur once")
	return bytes.Replace(b, []byte(marker), bytes.Repeat([]byte{0xff}, len(marker)), 1)
}

func TestInvalidUTF8OnTheWire(t *testing.T) {
	t.Parallel()
	ts := start(t, newFake("fake/1"), WithLimits(smallLimits()))
	const marker = "@@"
	tests := []struct {
		name  string
		req   *stancev1.AnalyzeRequest
		field string
	}{
		{"text", &stancev1.AnalyzeRequest{Statements: []*stancev1.Statement{st("a", okText), st("b", "Kyiv "+marker+" backed")}}, "statements[1].text"},
		{"id", &stancev1.AnalyzeRequest{Statements: []*stancev1.Statement{st(marker, okText)}}, "statements[0].id"},
		{"actor name", &stancev1.AnalyzeRequest{Statements: []*stancev1.Statement{st("a", okText, actor("x", "Ky"+marker+"iv"))}}, "statements[0].actors[0].name"},
		{"request alias", &stancev1.AnalyzeRequest{Statements: []*stancev1.Statement{st("a", okText)}, Actors: []*stancev1.Actor{actor("x", "Kyiv", "K"+marker)}}, "actors[0].aliases[0]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			raw := withInvalidUTF8(t, tt.req, marker)
			var resp stancev1.AnalyzeResponse
			err := ts.conn.Invoke(context.Background(), stancev1.StanceService_Analyze_FullMethodName, &raw, &resp, grpc.ForceCodecV2(rawCodec{}))
			requireViolation(t, err, tt.field, ReasonInvalidUTF8)
		})
	}
}

func TestInvalidUTF8OnTheWireStream(t *testing.T) {
	t.Parallel()
	ts := start(t, newFake("fake/1"), WithLimits(smallLimits()))
	desc := &stancev1.StanceService_ServiceDesc.Streams[0]
	stream, err := ts.conn.NewStream(context.Background(), desc, stancev1.StanceService_AnalyzeStream_FullMethodName, grpc.ForceCodecV2(rawCodec{}))
	require.NoError(t, err)
	good := withInvalidUTF8(t, &stancev1.AnalyzeStreamRequest{Statement: st("a", okText+" ##")}, "##")
	good = bytes.ReplaceAll(good, []byte{0xff, 0xff}, []byte("ok"))
	bad := withInvalidUTF8(t, &stancev1.AnalyzeStreamRequest{Statement: st("b", "Kyiv ## backed")}, "##")
	require.NoError(t, stream.SendMsg(&good))
	require.NoError(t, stream.SendMsg(&bad))
	require.NoError(t, stream.CloseSend())

	var first stancev1.AnalyzeStreamResponse
	require.NoError(t, stream.RecvMsg(&first))
	require.Equal(t, "a", first.GetAnalysis().GetStatementId())
	var second stancev1.AnalyzeStreamResponse
	err = stream.RecvMsg(&second)
	requireViolation(t, err, "statement[1].text", ReasonInvalidUTF8)
}

func TestDecodeRelaxed(t *testing.T) {
	t.Parallel()
	t.Run("every field kind survives", func(t *testing.T) {
		req := &stancev1.AnalyzeRequest{
			Statements: []*stancev1.Statement{st("a", "Kyiv @@ backed", actor("x", "Kyiv", "Kiev"))},
			Actors:     []*stancev1.Actor{{Id: "p", Name: "Paris", Kind: stancev1.ActorKind_ACTOR_KIND_COUNTRY}},
			Options:    &stancev1.AnalyzeOptions{IncludeEvidence: true, OffsetEncoding: stancev1.OffsetEncoding_OFFSET_ENCODING_UTF16},
		}
		b := withInvalidUTF8(t, req, "@@")
		want := proto.Clone(req).(*stancev1.AnalyzeRequest)
		want.Statements[0].Text = "Kyiv \xff\xff backed"
		got := new(stancev1.AnalyzeRequest)
		require.Error(t, proto.Unmarshal(b, got), "the strict decoder refuses it")
		require.NoError(t, decodeRelaxed(b, got))
		require.True(t, proto.Equal(want, got), "got %v", got)
	})
	t.Run("map and nested messages of another file", func(t *testing.T) {
		want := mustStruct(t, map[string]any{"k": "v@", "n": map[string]any{"m": 1.5}})
		want.Fields["k"] = structpb.NewStringValue("v\xff")
		b := withInvalidUTF8(t, mustStruct(t, map[string]any{"k": "v@", "n": map[string]any{"m": 1.5}}), "@")
		got := new(structpb.Struct)
		require.NoError(t, decodeRelaxed(b, got))
		require.True(t, proto.Equal(want, got), "got %v", got)
	})
	t.Run("not a message of its type", func(t *testing.T) {
		require.Error(t, decodeRelaxed([]byte{0x0a, 0x05, 0x01}, new(stancev1.AnalyzeRequest)))
	})
}

func mustStruct(tb testing.TB, v map[string]any) *structpb.Struct {
	tb.Helper()
	s, err := structpb.NewStruct(v)
	require.NoError(tb, err)
	return s
}
