// Command fieldguide builds a field guide site from markdown content.
//
// Run `fieldguide help` for the commands.
package main

import (
	"context"
	"errors"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, interrupt := context.WithCancelCause(context.Background())
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	go func() {
		sig := <-signals
		// The first Ctrl-C stops the command cleanly; a second one, or a
		// second SIGTERM, gets the default action and ends it at once.
		signal.Stop(signals)
		interrupt(interrupted{sig})
	}()
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	var sig interrupted
	if errors.As(context.Cause(ctx), &sig) && errors.Is(err, context.Canceled) {
		os.Exit(sig.exitCode())
	}
	os.Exit(exitCode(err))
}

// interrupted is why a command stopped early: the signal it received.
type interrupted struct{ sig os.Signal }

func (i interrupted) Error() string { return "interrupted by " + i.sig.String() }

// exitCode is the shell's status for a process that a signal ended, 128
// plus its number, as if the command had not caught it.
func (i interrupted) exitCode() int {
	if s, ok := i.sig.(syscall.Signal); ok {
		return 128 + int(s)
	}
	return 1
}
