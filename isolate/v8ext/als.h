// C interface of als.cc: the async context that AsyncLocalStorage builds on.
#ifndef NANOD_V8EXT_ALS_H
#define NANOD_V8EXT_ALS_H

#ifdef __cplusplus
extern "C" {
#endif

// Defines globalThis.__asyncContext (non-enumerable, deletable) in the
// isolate's current context. Call from inside a callback running in it.
// Returns 0, or -1 when there is no current context or the define failed.
int ext_async_context_install(void* iso);

#ifdef __cplusplus
}
#endif
#endif
