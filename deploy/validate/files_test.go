package validate

import (
	"os"
	"path/filepath"
	"testing"
)

// Paths of the recipes, from this directory.
var (
	repoRoot      = filepath.Join("..", "..")
	kubernetesDir = filepath.Join("..", "kubernetes")
	seccompFile   = filepath.Join(kubernetesDir, "seccomp", "cookieaudit-chromium.json")
	workflowFile  = filepath.Join("..", "github-actions", "cookieaudit.yml")
	dockerfile    = filepath.Join(repoRoot, "Dockerfile")
	dockerignore  = filepath.Join(repoRoot, ".dockerignore")
)

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
