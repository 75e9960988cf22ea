package markdown

import (
	"encoding/binary"
	"hash/maphash"
)

// resolutionSeed seeds Resolution; stamps are compared within one process.
var resolutionSeed = maphash.MakeSeed()

// Resolution is a stamp of what later stages changed in the doc since it
// was parsed: link destinations (SetDest), glossary marks (ApplyGlossary)
// and code blocks shown plain (LimitHighlighting). Those are the only
// changes made to a parsed Doc, so the same Doc with the same stamp
// renders to the same output: a preview keeps rendered bodies by it.
func (d *Doc) Resolution() uint64 {
	var h maphash.Hash
	h.SetSeed(resolutionSeed)
	for _, l := range d.Links {
		h.WriteString(l.dest())
		h.WriteByte(0)
	}
	for _, n := range d.code {
		plain, _ := n.AttributeString(plainCode)
		if plain == true {
			h.WriteByte(1)
		} else {
			h.WriteByte(0)
		}
	}
	var buf [8]byte
	binary.LittleEndian.PutUint64(buf[:], d.marks)
	h.Write(buf[:])
	return h.Sum64()
}
