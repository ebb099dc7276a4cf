package services

// EvictIdleForTest runs one eviction pass at the given pressure level (3 = emergency).
func (rt *Runtime) EvictIdleForTest(level int) int { return rt.evictIdle(pressure(level)) }
