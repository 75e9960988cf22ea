package markdown

import (
	"encoding/binary"
	"hash/maphash"
	"sync/atomic"
)

// keySeed seeds Key; keys are compared within one process.
var keySeed = maphash.MakeSeed()

// parses numbers every Parse, so that a body parsed again has a new key
// even when its Doc takes the address of the one it replaces.
var parses atomic.Uint64

// Key stands for what d renders to: two calls that return the same key
// render the same output, so a preview can tell an unchanged body without
// rendering it. It covers the parse and what later stages changed in the
// doc since: link destinations (SetDest), glossary marks (ApplyGlossary)
// and code blocks shown plain (LimitHighlighting), the only changes made
// to a parsed Doc.
func (d *Doc) Key() uint64 {
	var h maphash.Hash
	h.SetSeed(keySeed)
	var buf [8]byte
	binary.LittleEndian.PutUint64(buf[:], d.serial)
	h.Write(buf[:])
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
	binary.LittleEndian.PutUint64(buf[:], d.marks)
	h.Write(buf[:])
	return h.Sum64()
}
