package newsite

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFilesInstallVersion(t *testing.T) {
	for _, version := range []string{"latest", "v1.2.3"} {
		wf := Files(version, "2026-01-02")[WorkflowPath]
		if n := strings.Count(wf, "go install "+Module+"@"+version+"\n"); n != 2 {
			t.Errorf("version %s: %d installs in the workflow, want one a job:\n%s", version, n, wf)
		}
	}
}

func TestWriteRefusesAFolderWithFiles(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, ".keep"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := Write(dir, map[string]string{".keep": "theirs", "site.toml": "x"})
	if !errors.Is(err, ErrNotEmpty) || !strings.Contains(err.Error(), ".keep") {
		t.Fatalf("Write into a folder with a file = %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, ".keep")); string(b) != "mine" {
		t.Errorf("Write overwrote a file: %q", b)
	}
	if _, err := os.Stat(filepath.Join(dir, "site.toml")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Write wrote into a folder it refused: %v", err)
	}
}

func TestWriteMakesFoldersAndRefusesEscapes(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a", "guide")
	if err := Write(dir, map[string]string{"content/faq/x.md": "x"}); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "content/faq/x.md")); err != nil || string(b) != "x" {
		t.Errorf("%q %v", b, err)
	}
	if err := Write(t.TempDir(), map[string]string{"../out.md": "x"}); err == nil {
		t.Error("Write wrote outside its folder")
	}
}
