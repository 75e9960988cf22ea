package markdown

import (
	"reflect"
	"testing"
)

const keyBody = "Intro with [a link](a.md) and TPID.\n\n## First {#first}\n\nThe TPID [goes](b.md#x).\n\n### Deeper\n\nText.\n\n## Related\n\n- [c](c.md)\n\n```go\nx := 1\n```\n"

// TestRenderModes: Outline and RenderText give the sections Render gives,
// with nothing of what they leave out, even from a buffer a full render
// used before (the buffers are pooled).
func TestRenderModes(t *testing.T) {
	m := New(Options{})
	d, _ := parseHostile(t, keyBody)
	d.ApplyGlossary(NewGlossary([]*Term{{Term: "TPID", Anchor: "tpid"}}), "../g/")
	full, err := m.Render(d)
	if err != nil {
		t.Fatal(err)
	}
	if intro := full.Sections[0]; intro.Terms == nil || intro.Hrefs == nil || intro.HTML == "" || full.Abbreviations == nil {
		t.Fatalf("the full render lacks what the modes must leave out: %+v", full)
	}
	// Its last rendered part has a mark and an address, which a pooled
	// buffer keeps after it.
	last, _ := parseHostile(t, "Only an intro: the TPID, [a link](a.md).\n")
	last.ApplyGlossary(NewGlossary([]*Term{{Term: "TPID", Anchor: "tpid"}}), "../g/")
	for _, tc := range []struct {
		name     string
		render   func(*Doc) (*Rendered, error)
		wantText bool
	}{
		{"RenderText", m.RenderText, true},
		{"Outline", m.Outline, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if r, err := m.Render(last); err != nil || r.Sections[0].Terms == nil || r.Sections[0].Hrefs == nil {
				t.Fatalf("render: %v, %+v", err, r)
			}
			got, err := tc.render(d)
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Sections) != len(full.Sections) || got.Abbreviations != nil {
				t.Fatalf("got %d sections and abbreviations %v, want %d and none", len(got.Sections), got.Abbreviations, len(full.Sections))
			}
			for i, sec := range got.Sections {
				want := full.Sections[i]
				want.HTML, want.HeadingHTML, want.Terms, want.Hrefs = "", "", nil, nil
				if !tc.wantText {
					want.Text = ""
				}
				if !reflect.DeepEqual(sec, want) {
					t.Errorf("section %d:\n got %+v\nwant %+v", i, sec, want)
				}
			}
		})
	}
}

// TestKey: a body's key changes with whatever changes its render, and with
// a new parse of the same text, and with nothing else.
func TestKey(t *testing.T) {
	d, _ := parseHostile(t, keyBody)
	again, _ := parseHostile(t, keyBody)
	k := d.Key()
	if d.Key() != k {
		t.Fatal("the key of an unchanged doc changed")
	}
	if again.Key() == k {
		t.Error("a new parse of the same text has the same key")
	}
	d.Links[0].SetDest("../a/")
	k2 := d.Key()
	if k2 == k {
		t.Error("a link's new destination left the key unchanged")
	}
	d.ApplyGlossary(NewGlossary([]*Term{{Term: "TPID", Anchor: "tpid"}}), "../g/")
	k3 := d.Key()
	if k3 == k2 {
		t.Error("glossary marks left the key unchanged")
	}
	d.LimitHighlighting(0)
	if d.Key() == k3 {
		t.Error("code shown plain left the key unchanged")
	}
}
