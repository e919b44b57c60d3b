package cgitest_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/httpfixture/httpfixture/cgitest"
	hfstest "github.com/httpfixture/httpfixture/fstest"
)

// A test binary whose path cannot go on a #! line is run by a #!/bin/sh
// script, which quotes the path and passes the same arguments.
func TestWrapperFallback(t *testing.T) {
	cgitest.MustHaveExec(t)
	exe, err := os.Executable()
	if err != nil {
		t.Skip(err)
	}
	for _, tc := range []struct {
		name string
		dir  string // where the binary is linked from, below a temporary directory
	}{
		{"quotes-and-spaces", `it's a "dir" with $HOME and \ and spaces`},
		{"too-long", strings.Repeat("d", 60) + "/" + strings.Repeat("e", 60)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), tc.dir)
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			link := filepath.Join(dir, "app.test")
			if err := os.Symlink(exe, link); err != nil {
				t.Skip(err)
			}
			cgitest.SetExecutable(t, link)
			tree := scriptTree(t, cgitest.WithScript("cgi-bin/env", cgitest.EnvDump))
			script := filepath.Join(tree, "cgi-bin/env")
			text, err := os.ReadFile(script)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(string(text), "#!/bin/sh\n") {
				t.Errorf("script file %q; want a #!/bin/sh script", text)
			}
			req := request{query: "one+two", env: []string{"X=y z"}}
			out := runCGI(t, script, req)
			_, body := splitHeader(t, out.stdout)
			env, args, err := cgitest.ParseEnv([]byte(body))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff([]string{"one two"}, args); diff != "" {
				t.Errorf("arguments (-want +got)\n%s", diff)
			}
			if env["QUERY_STRING"] != "one+two" || env["X"] != "y z" {
				t.Errorf("environment %q; want QUERY_STRING=one+two, X=y z", env)
			}
		})
	}
}

func TestWithScriptBeforeMain(t *testing.T) {
	cgitest.SetStarted(t, false)
	_, err := hfstest.Build(cgitest.WithScript("cgi-bin/env", cgitest.EnvDump))
	const want = `fstest.Build: cgitest.WithScript("cgi-bin/env", "env"): cgitest.Main has not been called, so the test binary would not run the script: call it from TestMain, and make trees in tests`
	if err == nil || err.Error() != want {
		t.Errorf("WithScript before Main: %v; want\n%s", err, want)
	}
}

func TestRegisterTaken(t *testing.T) {
	cgitest.SetStarted(t, false)
	for _, name := range []string{"greet", cgitest.EnvDump} {
		want := `cgitest.Register("` + name + `"): already registered; give each script its own name`
		if got := panicText(func() { cgitest.Register(name, func(*cgitest.Process) int { return 0 }) }); got != want {
			t.Errorf("Register(%q) again panicked with\n%s\nwant\n%s", name, got, want)
		}
	}
}
