// Package newsite makes the files of a new guide: `fieldguide init`. The
// guide builds and passes `check --strict` as written; its pages are the
// content starters' examples (the templates `fieldguide new` writes, with
// their placeholders replaced), so they show every kind's front matter
// explained, and it has a GitHub Actions workflow that checks pull
// requests and publishes main to GitHub Pages.
package newsite

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/fieldguide/fieldguide/internal/page"
)

// Module is the path `go install` fetches the command from.
const Module = "github.com/fieldguide/fieldguide/cmd/fieldguide"

// WorkflowPath is where the CI workflow goes, relative to the guide.
const WorkflowPath = ".github/workflows/fieldguide.yml"

// Files are a new guide's files, by slash path from its folder. version
// is the fieldguide version CI installs ("latest" when unknown); reviewed
// is the pages' review date (2006-01-02).
func Files(version, reviewed string) map[string]string {
	files := map[string]string{
		"site.toml":         siteTOML,
		".gitignore":        "# fieldguide writes the site here; CI builds it from the sources.\n/public/\n",
		WorkflowPath:        strings.ReplaceAll(workflow, "{version}", version),
		"README.md":         readme,
		"content/_index.md": strings.ReplaceAll(home, "{reviewed}", reviewed),
	}
	for _, s := range page.Starters {
		rel, text := s.Example(reviewed)
		files["content/"+rel] = text
	}
	return files
}

// Write creates dir (and its parents) and writes files into it. It refuses
// a dir that exists and holds anything, so it never overwrites a file, and
// writes through an os.Root, so nothing lands outside dir.
func Write(dir string, files map[string]string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := mustBeEmpty(dir); err != nil {
		return err
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return err
	}
	defer root.Close()
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		rel := filepath.FromSlash(name)
		if err := root.MkdirAll(filepath.Dir(rel), 0o755); err != nil {
			return err
		}
		f, err := root.OpenFile(rel, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return err
		}
		_, werr := io.WriteString(f, files[name])
		if cerr := f.Close(); werr == nil {
			werr = cerr
		}
		if werr != nil {
			return werr
		}
	}
	return nil
}

// ErrNotEmpty is Write's answer for a folder that already holds files.
var ErrNotEmpty = errors.New("folder is not empty")

func mustBeEmpty(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	names, err := f.Readdirnames(3)
	if err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	if len(names) > 0 {
		sort.Strings(names)
		return fmt.Errorf("%w: %s holds %s", ErrNotEmpty, dir, strings.Join(names, ", "))
	}
	return nil
}

const siteTOML = `# The guide's settings. Every key is optional.
title = "Field guide"
description = "What this guide is for, in one line: search engines and link previews show it."
language = "en"

# A banner on every page.
# classification = "For internal use only."

# The published address, for canonical links and sitemap.xml. The CI
# workflow passes GitHub Pages' address with --base-url instead.
# base_url = "https://example.com/guide/"

# The address of content/ in your repository's web editor: every page then
# links "Edit this page" to its own file.
# edit_url = "https://github.com/OWNER/REPOSITORY/edit/main/content/"

[freshness]
# Pages whose reviewed date is older than this get a "may be out of date"
# notice, and fieldguide check lists them.
max_age_days = 365

[scenarios]
# The three sections every scenario page has, by heading.
seller_actions = "What the seller does"
seller_mindset = "Seller mindset"
partner_role = "What the partner does"
`

const home = `+++
title = "Field guide"
summary = "Start here: what this guide holds and where to find it."
reviewed = {reviewed}
+++
This is the home page, ` + "`content/_index.md`" + `. Each folder's ` + "`_index.md`" + ` introduces
its section the same way; a folder without one gets a list of its pages.

- [Writing this guide](faq/writing-this-guide.md): an FAQ topic.
- [Example motion](motions/example-motion.md), in the
  [example area](areas/example-area.md).
- [Scenario 1](scenarios/01-example-scenario.md).
- [Which page do I write?](trees/which-page.md): a decision tree.
- [About this guide](about.md): a page.
- [Seller](roles/seller.md): a role.
- The [glossary](glossary.md).

Run ` + "`fieldguide new KIND NAME`" + ` to add a page; ` + "`fieldguide help new`" + ` lists the kinds.
`

const readme = "# Field guide\n\n" +
	"The guide's pages are markdown in `content/`; `site.toml` holds its settings.\n\n" +
	"Install fieldguide once (you need Go from https://go.dev/dl/):\n\n" +
	"    go install " + Module + "@latest\n\n" +
	"Then, in this folder:\n\n" +
	"    fieldguide serve    # preview at http://127.0.0.1:1313/, reloaded on every save\n" +
	"    fieldguide check    # every problem, with its file, line and how to fix it\n" +
	"    fieldguide new faq \"Tracking in MSX\"   # a new page from a template\n\n" +
	"Pull requests are checked by `" + WorkflowPath + "`; every change to main is\n" +
	"published to GitHub Pages (in the repository's Settings, Pages, set the source\n" +
	"to GitHub Actions).\n"

// workflow checks pull requests with annotations on their lines, and
// builds and publishes main with GitHub's Pages actions.
const workflow = `# Checks every pull request (problems show on its lines) and publishes main
# to GitHub Pages. In the repository's Settings, Pages, set the source to
# "GitHub Actions".
name: guide

on:
  pull_request:
  push:
    branches: [main]
  workflow_dispatch:

permissions:
  contents: read

concurrency:
  group: guide-${{ github.ref }}
  # A new push cancels a pull request's check, never a publish under way.
  cancel-in-progress: ${{ github.event_name == 'pull_request' }}

jobs:
  check:
    if: github.event_name == 'pull_request'
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-go@v5
        with:
          go-version: stable
          cache: false
      - name: Install fieldguide
        run: go install ` + Module + `@{version}
      # --strict fails on warnings too (text left from a template, an empty
      # summary); drop it to let warnings through.
      - name: Check
        run: fieldguide check --strict --format github

  publish:
    if: github.event_name != 'pull_request' && github.ref == 'refs/heads/main'
    runs-on: ubuntu-latest
    permissions:
      contents: read
      pages: write
      id-token: write
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-go@v5
        with:
          go-version: stable
          cache: false
      - name: Install fieldguide
        run: go install ` + Module + `@{version}
      - id: pages
        uses: actions/configure-pages@v5
      - name: Build
        run: fieldguide build --format github --base-url "${{ steps.pages.outputs.base_url }}/"
      - uses: actions/upload-pages-artifact@v3
        with:
          path: public
      - id: deployment
        uses: actions/deploy-pages@v4
`
