package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/fieldguide/fieldguide/internal/diag"
	"github.com/fieldguide/fieldguide/internal/frontmatter"
	"github.com/fieldguide/fieldguide/internal/markdown"
)

// newTemplates hold the front matter each kind needs, so authors start
// from a file that already builds.
var newTemplates = map[string]struct{ folder, body string }{
	"page": {"", `+++
title = "%s"
summary = ""
reviewed = %s
+++

Write the page here. Use ## headings for sections.
`},
	"faq": {"faq", `+++
title = "%s"
summary = ""
reviewed = %s
roles = []
+++

## First question?

Its answer. Every ## heading is a question; the text below it is the answer.
`},
	"motion": {"motions", `+++
title = "%s"
summary = ""
reviewed = %s
solution_area = "Data and AI"
program = "Consumption | DAI | ..."
outcomes = ["accelerate"]
wave = 1
roles = ["CSA"]
partners = []
+++

## Sizing the milestone

How to size the MSX milestone for this motion.
`},
	"scenario": {"scenarios", `+++
title = "%s"
number = NUMBER
situation = "When this scenario applies, in one line."
reviewed = %s
roles = ["Seller"]
+++

## What the seller does

- 

## Seller mindset

- 

## What the partner does

- 
`},
	"tree": {"trees", `+++
title = "%s"
summary = ""
reviewed = %s
start = "first"

[[questions]]
id = "first"
question = "What is the first question?"

  [[questions.answers]]
  id = "yes"
  label = "Yes"
  outcome = "done"

  [[questions.answers]]
  id = "no"
  label = "No"
  outcome = "other"

[[outcomes]]
id = "done"
title = "First outcome"
summary = "What to do."

[[outcomes]]
id = "other"
title = "Second outcome"
summary = "What to do instead."

[[tests]]
name = "yes leads to the first outcome"
steps = ["first=yes"]
outcome = "done"

[[tests]]
name = "no leads to the second outcome"
steps = ["first=no"]
outcome = "other"
+++

Introduce the decision this tree helps with.
`},
}

func runNew(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("new", "Create a content file from a template: fieldguide new KIND NAME\nKINDs: faq, motion, scenario, tree, page.", stderr)
	source := fs.String("source", ".", "site `folder`")
	if err := fs.Parse(args); err != nil {
		return parseFlags(fs, args)
	}
	if fs.NArg() != 2 {
		return &usageError{"new needs a kind and a name, e.g. fieldguide new faq tracking"}
	}
	kind, name := fs.Arg(0), fs.Arg(1)
	tmpl, ok := newTemplates[kind]
	if !ok {
		return &usageError{fmt.Sprintf("unknown kind %q (use faq, motion, scenario, tree or page)", kind)}
	}
	slug := markdown.Slug(strings.TrimSuffix(filepath.Base(name), ".md"))
	rel, err := newFileRel(kind, tmpl.folder, name, slug)
	if err != nil {
		return err
	}
	title := strings.ToUpper(slug[:1]) + strings.ReplaceAll(slug[1:], "-", " ")
	body := fmt.Sprintf(tmpl.body, strings.ReplaceAll(title, `"`, `\"`), time.Now().Format("2006-01-02"))
	if kind == "scenario" {
		body = strings.Replace(body, "NUMBER", strconv.Itoa(nextScenarioNumber(filepath.Join(*source, filepath.Dir(rel)))), 1)
	}
	if err := createInside(*source, rel, []byte(body)); err != nil {
		fmt.Fprintf(stderr, "fieldguide: %v\n", err)
		return &reported{err}
	}
	fmt.Fprintf(stdout, "Created %s\n", rel)
	return nil
}

// newFileRel is where a new file goes, relative to the site folder: the
// kind's folder under content/, or for pages the folders written in name.
// A name that leads out of content/ ("../x", "a/../../y", "/tmp/x") is a
// usage error.
func newFileRel(kind, folder, name, slug string) (string, error) {
	if folder != "" {
		return filepath.Join("content", folder, slug+".md"), nil
	}
	if !filepath.IsLocal(name) {
		return "", &usageError{fmt.Sprintf("%q leads outside content/: name a file inside it, e.g. fieldguide new %s guides/%s", name, kind, slug)}
	}
	return filepath.Join("content", filepath.Dir(name), slug+".md"), nil
}

// createInside writes a new file at rel in the site folder, never outside
// it: folders are made and the file created through an os.Root, which
// refuses a symbolic link that leads out of the site folder.
func createInside(siteDir, rel string, data []byte) error {
	root, err := os.OpenRoot(siteDir)
	if err != nil {
		return err
	}
	defer root.Close()
	if err := root.MkdirAll(filepath.Dir(rel), 0o755); err != nil {
		return fmt.Errorf("cannot create the folder of %s: %w (symbolic links that lead outside the site folder are not followed)", rel, err)
	}
	f, err := root.OpenFile(rel, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s already exists; choose another name", rel)
	}
	if err != nil {
		return fmt.Errorf("cannot create %s: %w (symbolic links that lead outside the site folder are not followed)", rel, err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// nextScenarioNumber is one more than the highest scenario number in dir,
// so a new scenario does not repeat one (the build rejects that). Problems
// in the files are left to the build to report.
func nextScenarioNumber(dir string) int {
	highest := 0
	files, _ := filepath.Glob(filepath.Join(dir, "*.md"))
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		split, splitErr := frontmatter.Split(src)
		if splitErr != nil {
			continue
		}
		var ignored diag.List // the build reports what is wrong with the file
		if fm := frontmatter.Decode(f, split.FrontMatter, split.FMLine, &ignored); fm != nil {
			highest = max(highest, fm.Int("number"))
		}
	}
	return highest + 1
}
