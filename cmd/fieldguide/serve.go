package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"runtime/debug"

	"github.com/fieldguide/fieldguide/internal/serve"
)

// serveMemoryLimit is the collector's soft target for serve: well above
// what a 10,000-page site keeps (about 400 MiB), below the 1.5 GiB budget.
const serveMemoryLimit = 1 << 30

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("serve")
	var f siteFlags
	f.register(fs, true)
	port := fs.Int("port", 1313, "`port` to listen on (0 picks a free one)")
	bind := fs.String("bind", "127.0.0.1", "`address` to listen on; anything but loopback exposes the preview to the network")
	open := fs.Bool("open", false, "open the preview in the default browser")
	write := fs.Bool("write", false, "also write every good build to the destination folder")
	navigate := fs.Bool("navigate", false, "take open pages to the page just edited")
	if err := parseFlags(fs, args, stdout, false); err != nil {
		return err
	}
	if *port < 0 || *port > 65535 {
		return &usageError{cmd: "serve", msg: fmt.Sprintf("--port %d: choose a port between 1 and 65535 (0 picks a free one)", *port)}
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		// A preview holds the whole site in memory for hours; a soft limit
		// makes the collector return the first build's garbage instead of
		// letting the heap settle at twice its size.
		debug.SetMemoryLimit(serveMemoryLimit)
	}
	c := serve.Config{Build: f.options(), Bind: *bind, Port: *port, Navigate: *navigate, Write: *write,
		Stdout: stdout, Stderr: stderr}
	if *open {
		c.Open = openBrowser
	}
	if err := serve.Run(ctx, c); err != nil {
		fmt.Fprintf(stderr, "fieldguide: %v\n", err)
		return &reported{err}
	}
	return nil
}

// openBrowser asks the desktop to open url; it does not wait for the browser.
func openBrowser(url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go func() { _ = cmd.Wait() }()
	return nil
}
