package tokenize

import (
	"unicode"
	"unicode/utf8"
)

// Emoticons: ASCII faces written with punctuation (":)", ":-(", ";D",
// ":'(", ">:(", "<3", "</3"). They are Emoji tokens, so that the lexicons
// look them up like emoji. The shapes are kept narrow so that news text,
// where ':' ';' '=' '<' are punctuation or symbols, keeps its tokens:
//
//   - eyes ':' or ';' (or '=' after white space or at the start), an optional
//     nose ('-', '\'', '^'), then a mouth: one of ) ( ] [ D P p O o / \ | * 3 $ @ X x,
//     repeated or not (":)))"); an optional '>' or '}' before the eyes
//     (">:(") when the face starts after white space or at the start;
//   - a heart "<3" or a broken heart "</3" after white space or at the start;
//   - in every case followed by white space, the end of the text, or a
//     punctuation mark, quote, emoji or symbol: ":Dear" and "http://" are not
//     faces, nor is "x<3y".
//
// A colon after a word is a face only when the face is followed by white
// space or the end ("today:)"), so that "Note:(a)" stays Punct.

// emoticonStart marks the bytes an emoticon can start with.
var emoticonStart = func() (t [256]bool) {
	for _, c := range ":;=<>}" {
		t[c] = true
	}
	return t
}()

// emoticonLen returns the byte length of the emoticon starting at byte i of
// s, or 0 when none starts there.
func emoticonLen(s string, i int) int {
	afterSpace := i == 0 || isSpaceByte(s[i-1])
	j := i
	switch s[j] {
	case '<':
		if !afterSpace {
			return 0
		}
		j++
		if j < len(s) && s[j] == '/' {
			j++
		}
		if j >= len(s) || s[j] != '3' {
			return 0
		}
		j++
		for j < len(s) && s[j] == '3' {
			j++
		}
		if !faceEnds(s, j, true) {
			return 0
		}
		return j - i
	case '>', '}':
		if !afterSpace {
			return 0
		}
		j++
		if j >= len(s) || (s[j] != ':' && s[j] != ';') {
			return 0
		}
	case '=':
		if !afterSpace {
			return 0
		}
	case ':', ';':
	default:
		return 0
	}
	j++ // the eyes
	if j < len(s) && (s[j] == '-' || s[j] == '\'' || s[j] == '^') {
		j++
	}
	if j >= len(s) || !isMouth(s[j]) {
		return 0
	}
	m := s[j]
	j++
	for j < len(s) && s[j] == m {
		j++
	}
	// After a word, only before white space or the end.
	if !faceEnds(s, j, afterSpace || (i > 0 && !isWordByte(s[i-1]))) {
		return 0
	}
	return j - i
}

// isMouth reports whether c can be an emoticon's mouth.
func isMouth(c byte) bool {
	switch c {
	case ')', '(', ']', '[', 'D', 'P', 'p', 'O', 'o', '/', '\\', '|', '*', '3', '$', '@', 'X', 'x':
		return true
	}
	return false
}

// faceEnds reports whether an emoticon may end just before byte j of s:
// at the end, before white space, or (when loose) before any byte that is
// not a letter, digit or '/'.
func faceEnds(s string, j int, loose bool) bool {
	if j >= len(s) || isSpaceByte(s[j]) {
		return true
	}
	if !loose {
		return false
	}
	c := s[j]
	if c >= utf8.RuneSelf {
		r, _ := utf8.DecodeRuneInString(s[j:])
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}
	return !isWordByte(c) && c != '/' && c != '\\' && c != ':' && c != '='
}

func isSpaceByte(c byte) bool { return c == ' ' || (c >= '\t' && c <= '\r') }

// isWordByte reports whether c is an ASCII letter or digit, or a byte of a
// multi-byte rune (letters of other scripts; emoji count as not-a-word only
// when followed, see faceEnds).
func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}
