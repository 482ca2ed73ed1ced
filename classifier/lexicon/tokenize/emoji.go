package tokenize

import (
	"unicode"
	"unicode/utf8"
)

// extPictographic approximates the Unicode Extended_Pictographic property
// (emoji-data.txt, Unicode 15), which the standard library does not provide.
// Skin-tone modifiers (U+1F3FB..U+1F3FF) and regional indicators are not in
// it; they are handled on their own.
var extPictographic = &unicode.RangeTable{
	R16: []unicode.Range16{
		{0x00A9, 0x00A9, 1}, {0x00AE, 0x00AE, 1},
		{0x203C, 0x203C, 1}, {0x2049, 0x2049, 1},
		{0x2122, 0x2122, 1}, {0x2139, 0x2139, 1},
		{0x2194, 0x2199, 1}, {0x21A9, 0x21AA, 1},
		{0x231A, 0x231B, 1}, {0x2328, 0x2328, 1}, {0x2388, 0x2388, 1}, {0x23CF, 0x23CF, 1},
		{0x23E9, 0x23F3, 1}, {0x23F8, 0x23FA, 1},
		{0x24C2, 0x24C2, 1},
		{0x25AA, 0x25AB, 1}, {0x25B6, 0x25B6, 1}, {0x25C0, 0x25C0, 1}, {0x25FB, 0x25FE, 1},
		{0x2600, 0x2605, 1}, {0x2607, 0x2612, 1}, {0x2614, 0x2685, 1}, {0x2690, 0x2705, 1},
		{0x2708, 0x2712, 1}, {0x2714, 0x2714, 1}, {0x2716, 0x2716, 1}, {0x271D, 0x271D, 1},
		{0x2721, 0x2721, 1}, {0x2728, 0x2728, 1}, {0x2733, 0x2734, 1}, {0x2744, 0x2744, 1},
		{0x2747, 0x2747, 1}, {0x274C, 0x274C, 1}, {0x274E, 0x274E, 1}, {0x2753, 0x2755, 1},
		{0x2757, 0x2757, 1}, {0x2763, 0x2767, 1}, {0x2795, 0x2797, 1}, {0x27A1, 0x27A1, 1},
		{0x27B0, 0x27B0, 1}, {0x27BF, 0x27BF, 1},
		{0x2934, 0x2935, 1},
		{0x2B05, 0x2B07, 1}, {0x2B1B, 0x2B1C, 1}, {0x2B50, 0x2B50, 1}, {0x2B55, 0x2B55, 1},
		{0x3030, 0x3030, 1}, {0x303D, 0x303D, 1}, {0x3297, 0x3297, 1}, {0x3299, 0x3299, 1},
	},
	R32: []unicode.Range32{
		{0x1F000, 0x1F0FF, 1}, {0x1F10D, 0x1F10F, 1}, {0x1F12F, 0x1F12F, 1},
		{0x1F16C, 0x1F171, 1}, {0x1F17E, 0x1F17F, 1}, {0x1F18E, 0x1F18E, 1},
		{0x1F191, 0x1F19A, 1}, {0x1F1AD, 0x1F1E5, 1},
		{0x1F201, 0x1F20F, 1}, {0x1F21A, 0x1F21A, 1}, {0x1F22F, 0x1F22F, 1},
		{0x1F232, 0x1F23A, 1}, {0x1F23C, 0x1F23F, 1}, {0x1F249, 0x1F3FA, 1},
		{0x1F400, 0x1F53D, 1}, {0x1F546, 0x1F64F, 1}, {0x1F680, 0x1F6FF, 1},
		{0x1F774, 0x1F77F, 1}, {0x1F7D5, 0x1F7FF, 1}, {0x1F80C, 0x1F80F, 1},
		{0x1F848, 0x1F84F, 1}, {0x1F85A, 0x1F85F, 1}, {0x1F888, 0x1F88F, 1},
		{0x1F8AE, 0x1F8FF, 1}, {0x1F90C, 0x1F93A, 1}, {0x1F93C, 0x1F945, 1},
		{0x1F947, 0x1FAFF, 1}, {0x1FC00, 0x1FFFD, 1},
	},
}

const (
	zwj           = '\u200D'
	vs15          = '\uFE0E' // text presentation selector
	vs16          = '\uFE0F' // emoji presentation selector
	keycap        = '\u20E3' // combining enclosing keycap
	cancelTag     = '\U000E007F'
	firstRegional = '\U0001F1E6'
	lastRegional  = '\U0001F1FF'
	firstSkinTone = '\U0001F3FB'
	lastSkinTone  = '\U0001F3FF'
)

// isPictographic reports whether r is in extPictographic, turning away
// without a table search the runes below its first range but © and ®:
// letters, and the quotes and dashes of General Punctuation.
func isPictographic(r rune) bool {
	if r < 0x203C {
		return r == 0xA9 || r == 0xAE
	}
	return unicode.Is(extPictographic, r)
}

func isRegional(r rune) bool { return r >= firstRegional && r <= lastRegional }

func isSkinTone(r rune) bool { return r >= firstSkinTone && r <= lastSkinTone }

// isEmojiModifier reports whether r attaches to the emoji before it: a
// variation selector, skin tone, keycap, or tag character (subdivision flags
// such as England's are a black flag followed by tags and a cancel tag).
func isEmojiModifier(r rune) bool {
	return r == vs16 || r == vs15 || r == keycap || isSkinTone(r) || (r >= 0xE0020 && r <= cancelTag)
}

// textDefault reports whether r is an Extended_Pictographic character that
// is ordinary text unless followed by U+FE0F (© ® ™ ‼ ⁉ ℹ and a few arrows):
// "Google™" is a word and a Symbol, not an emoji.
func textDefault(r rune) bool {
	switch {
	case r == 0x00A9, r == 0x00AE, r == 0x203C, r == 0x2049, r == 0x2122, r == 0x2139:
		return true
	case r >= 0x2194 && r <= 0x2199, r == 0x21A9, r == 0x21AA:
		return true
	}
	return false
}

// emojiLen returns the byte length of the emoji sequence at the start of s,
// whose first rune r (of size n) is already decoded, or 0 if s does not
// start with an emoji.
func emojiLen(s string, r rune, n int) int {
	switch {
	case isRegional(r):
		// A flag is a pair of regional indicators; a lone one is still
		// shown as an emoji.
		if r2, n2 := utf8.DecodeRuneInString(s[n:]); isRegional(r2) {
			return n + n2
		}
		return n
	case isSkinTone(r):
		// A skin tone on its own, not after an emoji base.
		return emojiTail(s, n)
	case isPictographic(r):
		if textDefault(r) {
			if r2, _ := utf8.DecodeRuneInString(s[n:]); r2 != vs16 {
				return 0
			}
		}
		return emojiTail(s, n)
	case r == '#' || r == '*' || (r >= '0' && r <= '9'):
		// Keycap: base, optional U+FE0F, U+20E3.
		i := n
		if r2, n2 := utf8.DecodeRuneInString(s[i:]); r2 == vs16 {
			i += n2
		}
		if r2, n2 := utf8.DecodeRuneInString(s[i:]); r2 == keycap {
			return i + n2
		}
	}
	return 0
}

// emojiTail extends an emoji sequence from byte i of s over its modifiers and
// over ZWJ-joined pictographs, and returns the end offset.
func emojiTail(s string, i int) int {
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case isEmojiModifier(r):
			i += n
		case r == zwj:
			r2, n2 := utf8.DecodeRuneInString(s[i+n:])
			if !isPictographic(r2) {
				return i
			}
			i += n + n2
		default:
			return i
		}
	}
	return i
}
