package isolate

import (
	"encoding/json"

	"rogchap.com/v8go"
)

// ListTests names the worker's entrypoints that have a test() handler ("default" first).
func (i *Isolate) ListTests() ([]string, error) {
	v, err := i.call("listTests")
	if err != nil {
		return nil, jsError(err)
	}
	defer v.Release()
	var names []string
	if err := json.Unmarshal([]byte(v.String()), &names); err != nil {
		return nil, err
	}
	return names, nil
}

// RunTest runs an entrypoint's test() handler; done gets nil when it passed.
func (i *Isolate) RunTest(entry string, done func(error)) {
	v, err := i.call("dispatchTest", i.str(entry))
	if err != nil {
		done(jsError(err))
		return
	}
	i.await(v, func(r *v8go.Value, err error) {
		if err == nil && r != nil && !r.IsNull() && !r.IsUndefined() {
			err = i.errorFromValue(r)
		}
		done(err)
	})
}
