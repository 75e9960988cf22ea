package markdown

import (
	"fmt"
	"strings"
	"testing"
)

// TestEmptyListItems: a bullet with nothing after it (as `fieldguide new`
// leaves them) is a warning at the bullet.
func TestEmptyListItems(t *testing.T) {
	const warn = ": warning: empty list item; write something after the bullet, or delete the line"
	cases := []struct{ name, body, want string }{
		{"dash", "## Part\n\n- \n", "a.md:5:1" + warn},
		{"dash without a space", "- One\n-\n- Three\n", "a.md:4:1" + warn},
		{"star, nested", "* One\n\n  * \n", "a.md:5:3" + warn},
		{"numbered", "1. One\n2. \n", "a.md:4:1" + warn},
		{"in a quote", "> - \n", "a.md:3:3" + warn},
		{"items with text", "- One\n- Two\n\n1. Three\n", ""},
		{"a task", "- [ ] To do\n", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, got := parseBody(t, c.body)
			if strings.Join(got, "\n") != c.want {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), c.want)
			}
		})
	}
}

// TestParagraphsStarting finds paragraphs at any depth by how they start,
// at the position of their first character, and nothing in code.
func TestParagraphsStarting(t *testing.T) {
	body := "Its answer. More.\n\n- Its answer too\n\n> Its answer.\n\n```\nIts answer.\n```\n\nNot Its answer.\n"
	d, _ := parseBody(t, body)
	var got []string
	for _, m := range d.ParagraphsStarting([]string{"Its answer."}) {
		got = append(got, fmt.Sprintf("%s@%d:%d", m.Prefix, m.Pos.Line, m.Pos.Col))
	}
	if want := "Its answer.@3:1 Its answer.@7:3"; strings.Join(got, " ") != want {
		t.Errorf("got %v, want %s", got, want)
	}
}
