// Package e2e holds end-to-end tests of the built shipped guide in a real
// headless Chromium (see internal/browsertest). The test binary builds the
// guide once per variant and shares the output between tests, which run in
// parallel tabs of one browser.
package e2e

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/fieldguide/fieldguide/internal/browsertest"
	"github.com/fieldguide/fieldguide/internal/pipeline"
)

var (
	tmpRoot string
	builds  sync.Map // variant name -> *builtSite
)

type builtSite struct {
	once sync.Once
	dir  string
	err  error
}

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "fieldguide-e2e-")
	if err != nil {
		panic(err)
	}
	tmpRoot = dir
	code := browsertest.Main(m)
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

// guide builds the shipped guide (repository root) once per variant and
// returns the output folder. offline selects the file:// variant.
func guide(t testing.TB, offline bool) string {
	t.Helper()
	name := "online"
	if offline {
		name = "offline"
	}
	v, _ := builds.LoadOrStore(name, &builtSite{})
	b := v.(*builtSite)
	b.once.Do(func() {
		b.dir = filepath.Join(tmpRoot, name)
		_, b.err = pipeline.Build(context.Background(), pipeline.Options{Source: "../..", Destination: b.dir, Offline: offline})
	})
	if b.err != nil {
		t.Fatalf("building the guide: %v", b.err)
	}
	return b.dir
}
