package frontmatter

import (
	"bytes"
	"strings"
	"testing"

	"github.com/fieldguide/fieldguide/internal/diag"
	"github.com/fieldguide/fieldguide/internal/fuzzbudget"
)

func TestSplit(t *testing.T) {
	cases := []struct {
		name, src string
		fm, body  string
		wantErr   string
	}{
		{"basic", "+++\ntitle = \"A\"\n+++\nbody\n", "title = \"A\"\n", "body\n", ""},
		{"crlf", "+++\r\ntitle = \"A\"\r\n+++\r\nbody", "title = \"A\"\r\n", "body", ""},
		{"bom", "\xef\xbb\xbf+++\ntitle = \"A\"\n+++\n", "title = \"A\"\n", "", ""},
		{"no body newline", "+++\ntitle = \"A\"\n+++", "title = \"A\"\n", "", ""},
		{"empty front matter", "+++\n+++\nx", "", "x", ""},
		{"empty", "  \n", "", "", "the file is empty"},
		{"yaml", "---\ntitle: A\n---\n", "", "", "not YAML"},
		{"no front matter", "# Title\n", "", "", "does not start with front matter"},
		{"never closed", "+++\ntitle = \"A\"\n", "", "", "never closed"},
		{"only opener", "+++", "", "", "never closed"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, err := Split([]byte(c.src))
			if c.wantErr != "" {
				if err == nil || !strings.Contains(err.Message, c.wantErr) {
					t.Fatalf("got %v, want error containing %q", err, c.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err.Message)
			}
			if string(f.FrontMatter) != c.fm || string(f.Body) != c.body {
				t.Errorf("got fm=%q body=%q, want fm=%q body=%q", f.FrontMatter, f.Body, c.fm, c.body)
			}
		})
	}
}

// FuzzSplit checks the splitter never panics and that its offsets describe
// the input it was given.
func FuzzSplit(f *testing.F) {
	for _, s := range []string{"+++\ntitle = \"A\"\n+++\nbody", "+++\n+++", "---\n", "", "+++\r\nx\r\n+++\r\n", "\xef\xbb\xbf+++\n+++\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		var file *File
		var err *SplitError
		fuzzbudget.Run(t, len(src), func() { file, err = Split(src) })
		if err != nil {
			if err.Pos.Line < 1 || err.Message == "" {
				t.Fatalf("error without position or message: %+v", err)
			}
			return
		}
		if file.BodyOffset > len(src) || !bytes.Equal(src[file.BodyOffset:], file.Body) {
			t.Fatalf("body offset %d does not match body", file.BodyOffset)
		}
		if !bytes.Contains(src, file.FrontMatter) {
			t.Fatal("front matter is not part of the source")
		}
		if start := bytes.Index(src, file.FrontMatter); start < 0 || start+len(file.FrontMatter) > file.BodyOffset {
			t.Fatal("front matter overlaps the body")
		}
	})
}

func TestDecodePositions(t *testing.T) {
	src := "title = \"A\"\n\n[[questions]]\nid = \"q1\"\n\n  [[questions.answers]]\n  id = \"a\"\n  lable = \"x\"\n\n[[questions]]\nid = \"q2\"\nhint = 3\n"
	var diags diag.List
	tbl := Decode("t.md", []byte(src), 2, &diags)
	tbl.String("title")
	qs := tbl.Tables("questions")
	for _, q := range qs {
		q.String("id")
		q.String("hint")
		for _, a := range q.Tables("answers") {
			a.String("id")
			a.String("label")
			a.Finish("an answer")
		}
		q.Finish("a question")
	}
	tbl.Finish("a page")
	var got []string
	for _, d := range diags.Items() {
		got = append(got, d.String())
	}
	want := []string{
		"t.md:9:3: unknown key `lable`; did you mean `label`?",
		"t.md:13:1: `hint` must be a string, not the number 3; write it as key = \"text\"",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// FuzzDecode checks that reading arbitrary TOML through the schema
// accessors never panics and always positions its diagnostics.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{"title = \"A\"\n", "[[questions]]\nid = 1\n[[questions.answers]]\nx = [1,\n2]\n", "a.b.c = 1\n[x]\ny = \"\"\"\nz = 1\n\"\"\"\n", "'q.k' = 2\n",
		"title = “A”\n", "t = \"a \"b\" c\"\n", "d = 04/12/2026\n", "t = \"open\n", "r = [\"a\", \"b]\n", "s = '''\nx\n", "t = ‘a’\n", "t = My page\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		var diags diag.List
		var tbl *Table
		fuzzbudget.Run(t, len(src), func() { tbl = Decode("f.md", []byte(src), 2, &diags) })
		if tbl != nil {
			tbl.String("title")
			tbl.Strings("tags")
			tbl.Date("reviewed")
			tbl.Int("weight")
			for _, q := range tbl.Tables("questions") {
				q.String("id")
				q.Tables("answers")
				q.Finish("q")
			}
			tbl.Table("build").Bool("offline")
			tbl.Finish("page")
		}
		for _, d := range diags.Items() {
			if d.Pos.Line < 1 {
				t.Fatalf("diagnostic without a line: %s", d)
			}
		}
	})
}
