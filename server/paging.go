package server

import (
	"context"
	"encoding/base64"
	"strconv"
	"strings"

	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
)

// Page sizes of ListActors (AIP-158).
const (
	defaultPageSize = 100
	maxPageSize     = 1000
)

// pageTokenPrefix versions the token format itself.
const pageTokenPrefix = "p1"

// ListActors returns one page of the gazetteer, ordered by id. A page token
// is the lexicon version and the offset of the next actor, base64url-encoded:
// opaque to clients, and refused once the lexicon changes (offsets into a
// different gazetteer would skip or repeat actors).
func (s *service) ListActors(_ context.Context, req *stancev1.ListActorsRequest) (*stancev1.ListActorsResponse, error) {
	l := s.load()
	gaz := l.gazetteer
	var vs violations
	size := int(req.GetPageSize())
	switch {
	case size < 0:
		vs.add("page_size", ReasonPageSizeNegative, "page_size must be >= 0")
	case size == 0:
		size = defaultPageSize
	case size > maxPageSize:
		size = maxPageSize
	}
	start := 0
	if tok := req.GetPageToken(); tok != "" {
		var reason, desc string
		start, reason, desc = decodePageToken(tok, l.version, len(gaz))
		if reason != "" {
			vs.add("page_token", reason, desc)
		}
	}
	if err := vs.err(-1); err != nil {
		return nil, toRPCError(err)
	}
	end := min(start+size, len(gaz))
	resp := &stancev1.ListActorsResponse{
		Actors:    make([]*stancev1.Actor, 0, end-start),
		TotalSize: int32(min(len(gaz), 1<<31-1)),
	}
	for i := start; i < end; i++ {
		resp.Actors = append(resp.Actors, actorToProto(&gaz[i]))
	}
	if end < len(gaz) {
		resp.NextPageToken = encodePageToken(l.version, end)
	}
	return resp, nil
}

func encodePageToken(version string, offset int) string {
	raw := pageTokenPrefix + "\x00" + version + "\x00" + strconv.Itoa(offset)
	return base64.RawURLEncoding.EncodeToString([]byte(raw))
}

// decodePageToken returns the offset a token points at, or the reason and
// description of a violation.
func decodePageToken(tok, version string, total int) (offset int, reason, desc string) {
	const invalid = "page_token was not issued by this server; use next_page_token as returned"
	raw, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil {
		return 0, ReasonPageTokenInvalid, invalid
	}
	rest, ok := strings.CutPrefix(string(raw), pageTokenPrefix+"\x00")
	cut := strings.LastIndexByte(rest, 0)
	if !ok || cut < 0 {
		return 0, ReasonPageTokenInvalid, invalid
	}
	if issued := rest[:cut]; issued != version {
		return 0, ReasonPageTokenStale, "page_token was issued for lexicon " + strconv.Quote(issued) +
			", the server now runs " + strconv.Quote(version) + "; start again without a token"
	}
	offset, err = strconv.Atoi(rest[cut+1:])
	// Tokens are issued only for offsets inside the gazetteer.
	if err != nil || offset <= 0 || offset >= total {
		return 0, ReasonPageTokenInvalid, invalid
	}
	return offset, "", ""
}
