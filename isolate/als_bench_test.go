package isolate

import "testing"

// BenchmarkAwaitChain measures 1000 awaits per op without any AsyncLocalStorage, and with one
// made (promise hook installed) inside and outside als.run().
func BenchmarkAwaitChain(b *testing.B) {
	for _, mode := range []string{"noALS", "ALSidle", "ALSrun"} {
		b.Run(mode, func(b *testing.B) {
			iso := nodeWorker(b, `export default {}`, "nodejs_compat")
			setup := `globalThis.chain = async () => { for (let i = 0; i < 1000; i++) await null; };`
			if mode != "noALS" {
				setup += `const { AsyncLocalStorage } = await import("node:async_hooks"); globalThis.als = new AsyncLocalStorage();`
			}
			iso.eval(b, setup)
			body := `await chain();`
			if mode == "ALSrun" {
				body = `await als.run(1, chain);`
			}
			b.ResetTimer()
			for n := 0; n < b.N; n++ {
				iso.eval(b, body)
			}
		})
	}
}
