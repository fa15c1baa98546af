package main

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// version is stamped at build time:
//
//	go build -ldflags "-X main.version=v1.2.3" ./cmd/cookieaudit
//
// "make build" stamps the output of "git describe --always --dirty".
var version = "dev"

// toolVersion is the stamped version or, in a binary built by
// "go install module@version", the module's version.
func toolVersion() string {
	if version == "dev" {
		if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			return bi.Main.Version
		}
	}
	return version
}

// versionString is the version with the Go release and platform it was
// built with, e.g. "v1.2.3 (go1.26.8 linux/amd64)".
func versionString() string {
	return fmt.Sprintf("%s (%s %s/%s)", toolVersion(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
}

func newVersionCmd(s streams) *cobra.Command {
	return &cobra.Command{
		Use:     "version",
		Short:   "Print the version of cookieaudit and of Go it was built with",
		Args:    cobra.NoArgs,
		Example: "  cookieaudit version",
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := fmt.Fprintf(s.Out, "cookieaudit %s\n", versionString())
			return err
		},
	}
}
