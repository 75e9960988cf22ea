package search

// wordTable maps the words an extractor has seen to their index, keyed by
// the FNV-1a hash scanTokens computes anyway. Tokenizing millions of words
// is most of the index build; a Go map would hash every token again and
// compare more keys.
type wordTable struct {
	slots []wordSlot // open addressing, linear probing; len is a power of two
	words []string   // index -> word
}

// wordSlot holds a word's length and first eight bytes too: most words
// are that short, and are then matched without reading the word itself.
type wordSlot struct {
	prefix uint64
	hash   uint32
	size   uint32
	word   int32 // 1 + index in words; 0 for an empty slot
}

func prefixOf[T string | []byte](w T) uint64 {
	var p uint64
	for i := 0; i < len(w) && i < 8; i++ {
		p |= uint64(w[i]) << (8 * i)
	}
	return p
}

// FNV-1a, the hash scanTokens gives each token as it reads it.
const fnvOffset, fnvPrime = 2166136261, 16777619

// fnv1a is the hash scanTokens gives the token s.
func fnv1a(s string) uint32 {
	h := uint32(fnvOffset)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint32(s[i])) * fnvPrime
	}
	return h
}

// find returns the index of tok, whose hash is hash, or -1.
func (t *wordTable) find(tok []byte, hash uint32) int32 {
	if len(t.slots) == 0 {
		return -1
	}
	mask := uint32(len(t.slots) - 1)
	prefix, size := prefixOf(tok), uint32(len(tok))
	for i := hash & mask; ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.word == 0 {
			return -1
		}
		if s.hash == hash && s.prefix == prefix && s.size == size && (size <= 8 || t.words[s.word-1] == string(tok)) {
			return s.word - 1
		}
	}
}

// add records a word that is not in the table and returns its index.
func (t *wordTable) add(w string, hash uint32) int32 {
	if 2*(len(t.words)+1) > len(t.slots) {
		t.grow()
	}
	t.words = append(t.words, w)
	index := int32(len(t.words))
	t.place(wordSlot{prefix: prefixOf(w), hash: hash, size: uint32(len(w)), word: index})
	return index - 1
}

func (t *wordTable) place(s wordSlot) {
	mask := uint32(len(t.slots) - 1)
	i := s.hash & mask
	for t.slots[i].word != 0 {
		i = (i + 1) & mask
	}
	t.slots[i] = s
}

func (t *wordTable) grow() {
	old := t.slots
	t.slots = make([]wordSlot, max(1024, 2*len(old)))
	for _, s := range old {
		if s.word != 0 {
			t.place(s)
		}
	}
}
