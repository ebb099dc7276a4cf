package services

import "testing"

// UseMemoryCacheForTest makes workers built from now on (without cacheApiOutbound) use c as
// their Cache API backend, until the test ends.
func UseMemoryCacheForTest(t testing.TB, c *MemoryCache) {
	old := processCache
	processCache = c
	t.Cleanup(func() { processCache = old })
}
