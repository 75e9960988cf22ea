package e2e

import (
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var (
	refAttr = regexp.MustCompile(`(?:href|src|action)="([^"]*)"`)
	idAttr  = regexp.MustCompile(`\sid="([^"]+)"`)
)

// TestCrawlGuide follows every local link, asset and anchor of the built
// guide, online and offline, and fails on any that does not resolve.
func TestCrawlGuide(t *testing.T) {
	t.Parallel()
	for _, offline := range []bool{false, true} {
		name := "online"
		if offline {
			name = "offline"
		}
		t.Run(name, func(t *testing.T) {
			root := guide(t, offline)
			ids := map[string]map[string]bool{} // file -> ids
			idsOf := func(file string) map[string]bool {
				if m, ok := ids[file]; ok {
					return m
				}
				m := map[string]bool{}
				data, _ := os.ReadFile(file)
				for _, match := range idAttr.FindAllSubmatch(data, -1) {
					m[string(match[1])] = true
				}
				ids[file] = m
				return m
			}
			checked := 0
			err := filepath.WalkDir(root, func(file string, d os.DirEntry, err error) error {
				if err != nil || d.IsDir() || !strings.HasSuffix(file, ".html") {
					return err
				}
				rel, _ := filepath.Rel(root, file)
				if rel == "404.html" {
					return nil // served at any depth; its links are checked by the browser tests
				}
				data, err := os.ReadFile(file)
				if err != nil {
					return err
				}
				for _, m := range refAttr.FindAllSubmatch(data, -1) {
					ref := strings.ReplaceAll(string(m[1]), "&amp;", "&")
					u, err := url.Parse(ref)
					if err != nil {
						t.Errorf("%s: unparsable reference %q", rel, ref)
						continue
					}
					if u.Scheme != "" || strings.HasPrefix(ref, "//") || ref == "" && strings.Contains(string(m[0]), "action") {
						continue
					}
					if strings.HasPrefix(ref, "/") {
						t.Errorf("%s: root-absolute reference %q breaks hosting at a sub-path", rel, ref)
						continue
					}
					target := file
					if u.Path != "" {
						target = filepath.Join(filepath.Dir(file), filepath.FromSlash(u.Path))
						if !strings.HasPrefix(target, root) {
							t.Errorf("%s: %q leaves the site", rel, ref)
							continue
						}
						if info, err := os.Stat(target); err == nil && info.IsDir() {
							if offline {
								t.Errorf("%s: offline link %q points at a folder, not index.html", rel, ref)
							}
							target = filepath.Join(target, "index.html")
						}
						if _, err := os.Stat(target); err != nil {
							t.Errorf("%s: broken link %q", rel, ref)
							continue
						}
					}
					if u.Fragment != "" && strings.HasSuffix(target, ".html") && !idsOf(target)[u.Fragment] {
						t.Errorf("%s: link %q: no id %q in %s", rel, ref, u.Fragment, path.Base(filepath.ToSlash(target)))
					}
					checked++
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if checked < 500 {
				t.Errorf("only %d references checked; the crawl is not seeing the site", checked)
			}
			t.Logf("%d references checked", checked)
		})
	}
}
