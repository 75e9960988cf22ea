package pipeline

import (
	"context"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/fieldguide/fieldguide/internal/render"
	"github.com/fieldguide/fieldguide/internal/search"
	"github.com/fieldguide/fieldguide/internal/sitetest"
)

// TestSearchUnits: which parts of a page are search results of their own.
func TestSearchUnits(t *testing.T) {
	dir := t.TempDir()
	sitetest.WriteFiles(t, dir, map[string]string{
		"site.toml":         "title = \"Units\"\n",
		"content/_index.md": "+++\ntitle = \"Units\"\n+++\nHome.\n",
		"content/guides/short.md": `+++
title = "Short guide"
+++
Intro with apples.

## Overview

Overview with bananas.

## Escalation path {#escalation}

Escalation with cherries.

### Who to call

Call the duty manager.
`,
		"content/faq/topic.md": `+++
title = "Topic"
+++
Intro.

## First question?

Dates.

## Second question? {#second}

Elderberries.
`,
	})
	b := NewBuilder(Options{Source: dir})
	if _, err := b.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	docs, _, _ := searchDocs(context.Background(), render.New(b.site, b.theme, b.md), b.site, nil)
	byKey := map[string]search.Doc{}
	for _, d := range docs {
		byKey[d.URL+"#"+d.Anchor] = d
	}
	tests := []struct {
		key          string
		heading      string
		text         []string // words the unit's text has
		notText      []string // words that belong to other units
		headings     []string
		missingUnits bool
	}{
		// A short page is one result, except its section with an anchor
		// the author wrote.
		{key: "guides/short/#", text: []string{"apples", "bananas"}, notText: []string{"cherries"}, headings: []string{"Overview"}},
		{key: "guides/short/#escalation", heading: "Escalation path", text: []string{"cherries", "duty manager"}, headings: []string{"Who to call"}},
		{key: "guides/short/#overview", missingUnits: true},
		// Every FAQ question is a result; the topic keeps only its intro.
		{key: "faq/topic/#", text: []string{"Intro"}, notText: []string{"Dates", "Elderberries"}},
		{key: "faq/topic/#first-question", heading: "First question?", text: []string{"Dates"}},
		{key: "faq/topic/#second", heading: "Second question?", text: []string{"Elderberries"}},
	}
	for _, tt := range tests {
		d, ok := byKey[tt.key]
		if tt.missingUnits {
			if ok {
				t.Errorf("%s is a unit; want it folded into its page", tt.key)
			}
			continue
		}
		if !ok {
			t.Errorf("no unit %s; units: %v", tt.key, slices.Sorted(maps.Keys(byKey)))
			continue
		}
		if d.Heading != tt.heading {
			t.Errorf("%s: heading %q, want %q", tt.key, d.Heading, tt.heading)
		}
		for _, w := range tt.text {
			if !strings.Contains(d.Text, w) {
				t.Errorf("%s: text %q lacks %q", tt.key, d.Text, w)
			}
		}
		for _, w := range tt.notText {
			if strings.Contains(d.Text, w) {
				t.Errorf("%s: text %q has %q, which is another unit's", tt.key, d.Text, w)
			}
		}
		if !slices.Equal(d.Headings, tt.headings) {
			t.Errorf("%s: headings %q, want %q", tt.key, d.Headings, tt.headings)
		}
	}
}
