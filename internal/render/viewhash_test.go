package render

import (
	"hash/maphash"
	"reflect"
	"testing"
)

// TestViewIsPlain: everything a template reads from a view is data the
// view's Hash covers. An unexported field (but the Shared memo), a map, a
// function or a channel anywhere in View would be read by templates or
// by Go code without the hash knowing, and pages would go stale in the
// preview.
func TestViewIsPlain(t *testing.T) {
	seen := map[reflect.Type]bool{}
	var walk func(ty reflect.Type, path string)
	walk = func(ty reflect.Type, path string) {
		if seen[ty] {
			return
		}
		seen[ty] = true
		switch ty.Kind() {
		case reflect.Map, reflect.Func, reflect.Chan, reflect.UnsafePointer, reflect.Interface:
			t.Errorf("%s is a %s: a view holds only plain values", path, ty.Kind())
		case reflect.Pointer, reflect.Slice, reflect.Array:
			walk(ty.Elem(), path+"[]")
		case reflect.Struct:
			for i := range ty.NumField() {
				f := ty.Field(i)
				if !f.IsExported() {
					if ty == reflect.TypeFor[View]() && f.Name == "shared" {
						continue
					}
					t.Errorf("%s.%s is unexported: templates cannot read it and the view's hash leaves it out", path, f.Name)
					continue
				}
				walk(f.Type, path+"."+f.Name)
			}
		}
	}
	walk(reflect.TypeFor[View](), "View")
}

// TestViewHash: equal views hash alike, and a change anywhere, however
// deep, changes the hash; so do values that only differ in where a
// boundary between strings or list items falls.
func TestViewHash(t *testing.T) {
	seed := maphash.MakeSeed()
	base := func() *View {
		return &View{
			Title:    "A · Guide",
			Nav:      []Link{{Title: "FAQ", Href: "faq/"}, {Title: "Motions", Href: "motions/"}},
			Sections: []Section{{ID: "q", Title: "Q?", Body: "<p>A.</p>"}},
			Prev:     &Link{Title: "Before"},
			Tree:     &TreeView{Data: wizardData{Start: "q1", Questions: []wizardQuestion{{ID: "q1", Answers: []wizardAnswer{{ID: "yes", Target: "o1"}}}}}},
		}
	}
	want := base().Hash(seed)
	if got := base().Hash(seed); got != want {
		t.Fatalf("equal views hash differently: %x, %x", got, want)
	}
	other := base()
	other.shared = &partials{}
	if got := other.Hash(seed); got != want {
		t.Errorf("the Shared memo changed the hash")
	}
	changes := map[string]func(v *View){
		"title":               func(v *View) { v.Title = "B · Guide" },
		"nav order":           func(v *View) { v.Nav[0], v.Nav[1] = v.Nav[1], v.Nav[0] },
		"nav link":            func(v *View) { v.Nav[1].Href = "motion/" },
		"section body":        func(v *View) { v.Sections[0].Body = "<p>B.</p>" },
		"pointer to nil":      func(v *View) { v.Prev = nil },
		"pointed-to value":    func(v *View) { v.Prev.Title = "After" },
		"bool":                func(v *View) { v.Stale = true },
		"empty list to nil":   func(v *View) { v.Sections = v.Sections[:0] },
		"wizard answer":       func(v *View) { v.Tree.Data.Questions[0].Answers[0].Target = "o2" },
		"string boundary":     func(v *View) { v.Nav[0].Title, v.Nav[0].Href = "FAQf", "aq/" },
		"page info":           func(v *View) { v.Page.Owner = "Ops" },
		"extra list item":     func(v *View) { v.Backlinks = []Link{{}} },
		"empty string to one": func(v *View) { v.Description = " " },
	}
	for name, change := range changes {
		v := base()
		change(v)
		if v.Hash(seed) == want {
			t.Errorf("%s: the hash did not change", name)
		}
	}
}
