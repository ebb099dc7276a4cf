package isolate

import (
	"fmt"

	"rogchap.com/v8go"
)

// ExitError is why an isolate stopped after the worker called process.exit(): the request in
// progress and everything else in flight fail with it, and the service replaces the isolate.
type ExitError struct{ Code int32 }

func (e *ExitError) Error() string {
	return fmt.Sprintf("The Node.js process.exit(%d) API was called. Canceling the request.", e.Code)
}

// nodeNatives are the natives of the Node.js compatibility built-ins (isolate/js/modules/node).
func (i *Isolate) nodeNatives(fn func(string, func([]*v8go.Value) *v8go.Value), arg func([]*v8go.Value, int) *v8go.Value) {
	// processExit(code) ends the worker as workerd does: JS stops at once (no finally block
	// runs), and the isolate is condemned when the turn ends.
	fn("processExit", func(a []*v8go.Value) *v8go.Value {
		if i.broken == nil {
			i.broken = &ExitError{Code: arg(a, 0).Int32()}
		}
		i.iso.TerminateExecution()
		return nil
	})
}
