package page

import (
	"bytes"
	"unicode/utf8"

	"github.com/fieldguide/fieldguide/internal/diag"
)

// checkEncoding rejects files that are not text: a NUL byte or invalid
// UTF-8 means a binary file or a wrong editor encoding.
func checkEncoding(source string, src []byte, diags *diag.List) bool {
	if i := bytes.IndexByte(src, 0); i >= 0 {
		diags.Errorf(source, diag.PosAt(src, i), "content files must be plain UTF-8 text; is this a binary file saved as .md?", "the file contains a NUL byte")
		return false
	}
	if !utf8.Valid(src) {
		off := 0
		for off < len(src) {
			r, size := utf8.DecodeRune(src[off:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			off += size
		}
		diags.Errorf(source, diag.PosAt(src, off), "save the file as UTF-8 in your editor", "the file is not valid UTF-8")
		return false
	}
	return true
}
