// The async context frame behind AsyncLocalStorage, kept where V8 itself
// carries it across promise continuations: the context's
// "continuation-preserved embedder data". V8 records the current value in
// every promise reaction (then/await) when the reaction is created and
// restores it while the reaction's job runs, so propagation through promises
// costs nothing extra. V8 10.9 does not do the same for the job that calls a
// thenable's then() (await {then() {...}}), which workerd's patched V8 does:
// for that, a promise hook (installed only once a worker makes an
// AsyncLocalStorage, since any hook slows every promise down) tags each new
// promise with the frame current at its creation and makes that frame current
// while a job for the promise runs. JS (isolate/js) keeps the frames
// themselves; this file only reads and writes the slot.

#include "als.h"

#include <cstring>

#include "v8.h"

namespace {

using v8::Context;
using v8::FunctionCallbackInfo;
using v8::Isolate;
using v8::Local;
using v8::Value;

// __asyncContext.get(): the current frame (undefined in the root frame).
void GetFrame(const FunctionCallbackInfo<Value>& info) {
  Isolate* iso = info.GetIsolate();
  Local<Context> ctx = iso->GetCurrentContext();
  if (ctx.IsEmpty()) return;
  info.GetReturnValue().Set(ctx->GetContinuationPreservedEmbedderData());
}

// __asyncContext.set(frame): makes frame current; undefined is the root.
void SetFrame(const FunctionCallbackInfo<Value>& info) {
  Isolate* iso = info.GetIsolate();
  Local<Context> ctx = iso->GetCurrentContext();
  if (ctx.IsEmpty()) return;
  ctx->SetContinuationPreservedEmbedderData(info[0]);
}

// Isolate data slot for the private key (v8go uses slot 0, ext.cc slot 1). The key is an
// eternal handle, which lives and dies with the isolate: the slot holds the handle's own
// pointer-sized value, so there is nothing to free.
constexpr uint32_t kKeySlot = 2;
static_assert(sizeof(v8::Eternal<v8::Private>) == sizeof(void*), "Eternal is one pointer");

// FrameKey is the private symbol under which a promise keeps its creation frame. Looking it up
// by name (Private::ForApi) on every promise event made awaits several times slower.
v8::MaybeLocal<v8::Private> FrameKey(Isolate* iso) {
  v8::Eternal<v8::Private> key;
  void* raw = iso->GetData(kKeySlot);
  if (raw != nullptr) {
    memcpy(static_cast<void*>(&key), &raw, sizeof raw);
    return key.Get(iso);
  }
  Local<v8::String> name;
  if (!v8::String::NewFromUtf8(iso, "nanod.asyncFrame").ToLocal(&name)) return {};
  Local<v8::Private> p = v8::Private::New(iso, name);
  key.Set(iso, p);
  memcpy(&raw, static_cast<void*>(&key), sizeof raw);
  iso->SetData(kKeySlot, raw);
  return p;
}

void OnPromise(v8::PromiseHookType type, Local<v8::Promise> promise,
               Local<Value>) {
  Isolate* iso = promise->GetIsolate();
  v8::HandleScope hs(iso);
  Local<Context> ctx = iso->GetCurrentContext();
  if (ctx.IsEmpty()) return;
  switch (type) {
    case v8::PromiseHookType::kInit: {
      Local<Value> frame = ctx->GetContinuationPreservedEmbedderData();
      Local<v8::Private> key;
      if (frame->IsUndefined() || !FrameKey(iso).ToLocal(&key)) return;
      promise->SetPrivate(ctx, key, frame).FromMaybe(false);
      return;
    }
    case v8::PromiseHookType::kBefore: {
      // Promises made before the hook was installed carry no tag: their
      // reactions already have the right frame from V8.
      Local<v8::Private> key;
      Local<Value> frame;
      if (!FrameKey(iso).ToLocal(&key) ||
          !promise->GetPrivate(ctx, key).ToLocal(&frame) ||
          frame->IsUndefined())
        return;
      ctx->SetContinuationPreservedEmbedderData(frame);
      return;
    }
    case v8::PromiseHookType::kAfter:
      // Jobs start and end in the root frame, as V8 leaves reaction jobs.
      ctx->SetContinuationPreservedEmbedderData(v8::Undefined(iso));
      return;
    default:
      return;
  }
}

// __asyncContext.hook(): installs the promise hook (idempotent).
void InstallHook(const FunctionCallbackInfo<Value>& info) {
  info.GetIsolate()->SetPromiseHook(OnPromise);
}

bool Define(Local<Context> ctx, Local<v8::Object> on, const char* name,
            v8::FunctionCallback cb, int length) {
  Isolate* iso = ctx->GetIsolate();
  Local<v8::Function> fn;
  Local<v8::String> key;
  return v8::Function::New(ctx, cb, Local<Value>(), length,
                           v8::ConstructorBehavior::kThrow)
             .ToLocal(&fn) &&
         v8::String::NewFromUtf8(iso, name).ToLocal(&key) &&
         on->Set(ctx, key, fn).FromMaybe(false);
}

}  // namespace

extern "C" int ext_async_context_install(void* p) {
  Isolate* iso = static_cast<Isolate*>(p);
  v8::Locker locker(iso);
  Isolate::Scope scope(iso);
  v8::HandleScope hs(iso);
  Local<Context> ctx = iso->GetCurrentContext();
  if (ctx.IsEmpty()) return -1;
  v8::TryCatch tc(iso);  // failures are reported by the return value
  Local<v8::Object> obj = v8::Object::New(iso);
  Local<v8::String> key;
  if (!Define(ctx, obj, "get", GetFrame, 0) ||
      !Define(ctx, obj, "set", SetFrame, 1) ||
      !Define(ctx, obj, "hook", InstallHook, 0) ||
      !v8::String::NewFromUtf8(iso, "__asyncContext").ToLocal(&key) ||
      !ctx->Global()->DefineOwnProperty(ctx, key, obj, v8::DontEnum)
           .FromMaybe(false))
    return -1;
  return 0;
}
