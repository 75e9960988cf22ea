package output

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// SegmentProblem says why name cannot be one segment of a published path
// (a folder or file name in the output, a part of a URL), or "" when it
// can. Names come from files, folders and slugs; the rules keep every
// output path one that any static host, any file system and any browser
// reads the same way, so a link made from it leads where it says:
//
//   - not empty, ".", "..", hidden (a leading dot), nor longer than 255 bytes;
//   - valid UTF-8, without control characters or bidirectional controls;
//   - none of # ? % (they change what a URL means), : (a scheme, or a
//     drive on Windows), \ / and < > " | * (not allowed on Windows);
//   - no leading or trailing space, no trailing dot (Windows drops them),
//     and not a name Windows reserves (CON, NUL, COM1, LPT1...).
func SegmentProblem(name string) string {
	switch {
	case name == "":
		return "is empty"
	case name == "." || name == "..":
		return "is " + name
	case strings.HasPrefix(name, "."):
		return "starts with a dot (a hidden file, which many hosts do not serve)"
	case len(name) > 255:
		return "is longer than 255 bytes"
	case !utf8.ValidString(name):
		return "is not valid UTF-8"
	}
	for _, r := range name {
		switch {
		case r < 0x20 || r >= 0x7f && r < 0xa0 || r == 0x061c || r == 0x200e || r == 0x200f ||
			r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 || r == 0x2028 || r == 0x2029:
			return fmt.Sprintf("contains the control character %U", r)
		case strings.ContainsRune(`#?%:\/<>"|*`, r):
			return fmt.Sprintf("contains %q", r)
		}
	}
	if first, _ := utf8.DecodeRuneInString(name); unicode.IsSpace(first) || strings.HasSuffix(name, " ") || strings.HasSuffix(name, ".") {
		return "starts or ends with a space, or ends with a dot"
	}
	stem, _, _ := strings.Cut(name, ".")
	switch strings.ToUpper(strings.TrimRight(stem, " ")) {
	case "CON", "PRN", "AUX", "NUL",
		"COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
		"LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9":
		return "is a name Windows reserves for a device"
	}
	return ""
}

// PathProblem is SegmentProblem for each segment of a slash path, naming
// the first segment that cannot be published.
func PathProblem(p string) (segment, problem string) {
	for _, seg := range strings.Split(p, "/") {
		if why := SegmentProblem(seg); why != "" {
			return seg, why
		}
	}
	return "", ""
}

// EscapePath percent-encodes each segment of a slash path for an href:
// every byte but letters, digits and -._~!$&'()*,;=@ is written %XX, so a
// name can never become a scheme, a query or a fragment. Paths that need
// nothing are returned as they are, without allocating.
func EscapePath(p string) string {
	i := 0
	for i < len(p) && (p[i] == '/' || keepInPath(p[i])) {
		i++
	}
	if i == len(p) {
		return p
	}
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(p) + 16)
	b.WriteString(p[:i])
	for ; i < len(p); i++ {
		c := p[i]
		if c == '/' || keepInPath(c) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

func keepInPath(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-._~!$&'()*,;=@", c) >= 0
}

// Key is how hosts may see an output path: case-insensitive (Windows,
// macOS, many object stores behind a CDN) and blind to Unicode
// normalization (macOS stores "é" as e and a combining accent). Two paths
// with one Key are one file somewhere.
func Key(p string) string {
	for i := 0; i < len(p); i++ {
		if p[i] >= utf8.RuneSelf {
			return norm.NFC.String(strings.ToLower(norm.NFC.String(p)))
		}
	}
	return strings.ToLower(p)
}
