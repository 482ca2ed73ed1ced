package security

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// MinTokenBytes is the shortest token accepted. Tokens are compared, not
// rate-limited, so they must be long enough not to be guessed: 32 random
// bytes in hex (openssl rand -hex 32) are a good choice.
const MinTokenBytes = 16

// Tokens is an immutable set of accepted bearer tokens. Only their SHA-256
// digests are kept in memory.
type Tokens struct {
	digests [][sha256.Size]byte
}

// LoadTokens reads the accepted bearer tokens from a file: one token per
// line, surrounding spaces trimmed, blank lines and lines starting with '#'
// ignored; duplicates count once. It fails if the file holds no token, or if
// a token is shorter than MinTokenBytes or contains a space or a character
// outside printable ASCII; errors give the file and line, never the token.
func LoadTokens(path string) (*Tokens, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("security: reading tokens: %w", err)
	}
	defer func() { _ = f.Close() }()
	return parseTokens(f, path)
}

// NewTokens accepts the given tokens, with the rules of LoadTokens; an error
// gives the token's position in the arguments (from 1).
func NewTokens(tokens ...string) (*Tokens, error) {
	t := &Tokens{}
	seen := map[[sha256.Size]byte]bool{}
	for i, tok := range tokens {
		if err := checkToken(tok); err != nil {
			return nil, fmt.Errorf("security: token %d: %w", i+1, err)
		}
		t.add(tok, seen)
	}
	if len(t.digests) == 0 {
		return nil, errors.New("security: no token given")
	}
	return t, nil
}

func parseTokens(r io.Reader, name string) (*Tokens, error) {
	t := &Tokens{}
	seen := map[[sha256.Size]byte]bool{}
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		tok := string(bytes.TrimSpace(sc.Bytes()))
		if tok == "" || strings.HasPrefix(tok, "#") {
			continue
		}
		if err := checkToken(tok); err != nil {
			return nil, fmt.Errorf("security: %s:%d: %w", name, line, err)
		}
		t.add(tok, seen)
	}
	if err := sc.Err(); err != nil {
		// Too long a line is the likely cause; the line is not quoted.
		return nil, fmt.Errorf("security: %s:%d: %w", name, line+1, err)
	}
	if len(t.digests) == 0 {
		return nil, fmt.Errorf("security: %s: no token (one per line; blank lines and # comments are ignored)", name)
	}
	return t, nil
}

// checkToken enforces what a bearer token may be. Its errors never quote the
// token.
func checkToken(tok string) error {
	if len(tok) < MinTokenBytes {
		return fmt.Errorf("token is %d bytes, shorter than the minimum %d", len(tok), MinTokenBytes)
	}
	for i := 0; i < len(tok); i++ {
		if c := tok[i]; c <= ' ' || c > '~' {
			return fmt.Errorf("token has a space or non-printable or non-ASCII byte at byte %d", i+1)
		}
	}
	return nil
}

func (t *Tokens) add(tok string, seen map[[sha256.Size]byte]bool) {
	d := sha256.Sum256([]byte(tok))
	if !seen[d] {
		seen[d] = true
		t.digests = append(t.digests, d)
	}
}

// Len returns the number of distinct tokens.
func (t *Tokens) Len() int { return len(t.digests) }

// valid reports whether tok is one of t. It compares digests, all of the
// same length, in constant time against every token and without stopping at
// a match, so timing tells neither the token's length nor which one matched.
func (t *Tokens) valid(tok string) bool {
	d := sha256.Sum256([]byte(tok))
	match := 0
	for i := range t.digests {
		match |= subtle.ConstantTimeCompare(d[:], t.digests[i][:])
	}
	return match == 1
}
