package newsgen

// AppendJSON appends s as one line of `stancetag analyze` input, without the
// newline: {"id":…,"text":…,"actors":[{"id":…,"name":…,"aliases":[…]}]}.
// These are also stance.v1.Statement's JSON field names, so the object can be
// used in a request given to ghz.
func (s Statement) AppendJSON(dst []byte) []byte {
	dst = append(dst, `{"id":`...)
	dst = appendJSONString(dst, s.ID)
	dst = append(dst, `,"text":`...)
	dst = appendJSONString(dst, s.Text)
	dst = append(dst, `,"actors":[`...)
	for i, a := range s.Actors {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, `{"id":`...)
		dst = appendJSONString(dst, a.ID)
		dst = append(dst, `,"name":`...)
		dst = appendJSONString(dst, a.Name)
		dst = append(dst, `,"aliases":[`...)
		for j, al := range a.Aliases {
			if j > 0 {
				dst = append(dst, ',')
			}
			dst = appendJSONString(dst, al)
		}
		dst = append(dst, "]}"...)
	}
	return append(dst, "]}"...)
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends s as a JSON string. s is valid UTF-8 (the
// vocabulary is), so only quotes, backslashes and control bytes need
// escaping.
func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\\':
			dst = append(dst, '\\', c)
		case c < 0x20:
			dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
		default:
			dst = append(dst, c)
		}
	}
	return append(dst, '"')
}
