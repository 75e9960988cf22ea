package search

import (
	"strconv"
	"strings"
	"testing"
)

func TestWordTable(t *testing.T) {
	var table wordTable
	want := map[string]int32{}
	for i := range 5000 {
		w := "w" + strconv.Itoa(i)
		if i%2 == 0 {
			w = "longword" + w // the same first eight bytes: told apart by the rest
		}
		hash := fnv1a(w)
		if i%3 == 0 {
			hash = 7 // collisions must be told apart by the word
		}
		if got := table.find([]byte(w), hash); got != -1 {
			t.Fatalf("find(%q) before add = %d, want -1", w, got)
		}
		want[w] = table.add(w, hash)
	}
	for w, index := range want {
		hash := fnv1a(w)
		if n, _ := strconv.Atoi(strings.TrimPrefix(w, "longword")[1:]); n%3 == 0 {
			hash = 7
		}
		if got := table.find([]byte(w), hash); got != index {
			t.Errorf("find(%q) = %d, want %d", w, got, index)
		}
		if table.words[index] != w {
			t.Errorf("words[%d] = %q, want %q", index, table.words[index], w)
		}
	}
	if got := table.find([]byte("absent"), 7); got != -1 {
		t.Errorf("find(absent) = %d, want -1", got)
	}
}

func TestFNV1aMatchesScanTokens(t *testing.T) {
	scanTokens("Partner-led CSP déal, can't 2026", nil, func(tok []byte, hash uint32) {
		if got := fnv1a(string(tok)); got != hash {
			t.Errorf("fnv1a(%q) = %d, scanTokens gave %d", tok, got, hash)
		}
	})
}
