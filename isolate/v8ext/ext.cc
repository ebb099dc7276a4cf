// Native side of package v8ext: ES modules, byte staging, promise-rejection
// tracking, the near-heap-limit callback and the ArrayBuffer budget, all on
// isolates and contexts created by v8go. See /work/shared/notes/v8go-ext.md.
//
// Headers are V8 11.1 but the library is V8 10.9: only API that links against
// the library and is exercised by the tests is used here. Nothing throws C++
// exceptions; every V8 Maybe/MaybeLocal is checked.

#include "ext.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "_cgo_export.h"
#include "v8.h"

// v8go's process-wide allocator (v8go.cc); ext_install_allocator wraps it.
extern v8::ArrayBuffer::Allocator* default_allocator;

struct ExtIso;

namespace {

using v8::ArrayBuffer;
using v8::Context;
using v8::Function;
using v8::FunctionCallbackInfo;
using v8::Global;
using v8::HandleScope;
using v8::Isolate;
using v8::Local;
using v8::Locker;
using v8::MaybeLocal;
using v8::Module;
using v8::Object;
using v8::Promise;
using v8::String;
using v8::TryCatch;
using v8::Value;

constexpr uint32_t kIsoSlot = 1;               // v8go uses isolate data slot 0
constexpr size_t kMaxBytes = size_t(1) << 30;  // largest buffer we create
constexpr size_t kMaxRejections = 256;         // per drain; the rest are counted

// Must match ModuleKind in v8ext.go.
enum class Kind { kESM = 0, kCommonJS, kText, kData, kJSON, kWasm };

// ---------------------------------------------------------------------------
// ArrayBuffer budget

struct Account {
  std::atomic<int64_t> used{0};
  int64_t limit = 0;      // 0 = unlimited
  bool detached = false;  // guarded by BudgetAllocator::mu_
};

// Wraps v8go's allocator (so memory stays inside the V8 sandbox) and charges
// each allocation to the isolate entered on the allocating thread. Frees may
// come from any thread, so ownership is recorded per pointer.
//
// It also recycles freed blocks of up to 1 MB (sizes rounded up to a power
// of two from 4 KB, at most kPoolCap in total). The sandboxed allocator of
// this V8 build maps fresh pages for every buffer, however small, and unmaps
// them on free: the syscalls, TLB shootdowns and page faults made a 64 KB
// BytesToJS cost ~145 µs and a 16-byte one ~10 µs, against ~4 µs of copying.
//
// Accounts are charged whole 4 KB pages, which is what a buffer costs at
// least; charging the requested size would let a million 1-byte buffers
// occupy 4 GB.
class BudgetAllocator final : public ArrayBuffer::Allocator {
 public:
  explicit BudgetAllocator(ArrayBuffer::Allocator* base) : base_(base) {}

  // Recycled memory is zeroed in both cases: V8 promises to overwrite
  // uninitialized buffers, but a slip would show another tenant's bytes.
  void* Allocate(size_t n) override { return Alloc(n, true); }
  void* AllocateUninitialized(size_t n) override { return Alloc(n, true); }
  // For our own buffers, which are overwritten right away.
  void* AllocateForCopy(size_t n) { return Alloc(n, false); }

  void Free(void* p, size_t n) override {
    size_t baseSize = n;
    {
      std::lock_guard<std::mutex> g(mu_);
      auto it = blocks_.find(p);
      if (it != blocks_.end()) {
        Block b = it->second;
        blocks_.erase(it);
        if (b.account != nullptr) {
          b.account->used -= b.charged;
          total_ -= b.charged;
          if (b.account->detached && b.account->used == 0) delete b.account;
        }
        if (b.cls >= 0) {
          baseSize = ClassSize(b.cls);
          if (pooled_ + baseSize <= kPoolCap) {
            free_[b.cls].push_back(p);
            pooled_ += baseSize;
            return;
          }
        }
      }
    }
    base_->Free(p, baseSize);
  }

  Account* Open(Isolate* iso, int64_t limit) {
    std::lock_guard<std::mutex> g(mu_);
    Account* a = new Account;
    a->limit = limit;
    accounts_[iso] = a;
    return a;
  }

  // The account lives on until the isolate's last buffer is freed.
  void Close(Isolate* iso) {
    std::lock_guard<std::mutex> g(mu_);
    auto it = accounts_.find(iso);
    if (it == accounts_.end()) return;
    Account* a = it->second;
    accounts_.erase(it);
    a->detached = true;
    if (a->used == 0) delete a;
  }

  int64_t Total() const { return total_; }

 private:
  static constexpr size_t kPage = 4 << 10;
  static constexpr int kClasses = 9;  // 4 KB .. 1 MB
  static constexpr size_t kPoolCap = 64 << 20;

  struct Block {
    Account* account;
    int64_t charged;
    int cls;  // size class, or -1 when not recyclable
  };

  static int ClassOf(size_t n) {
    for (int c = 0; c < kClasses; c++)
      if (n <= ClassSize(c)) return c;
    return -1;
  }
  static size_t ClassSize(int c) { return kPage << c; }

  void* Alloc(size_t n, bool zero) {
    // Refusing makes V8 throw a RangeError instead of aborting.
    if (n > size_t(INT64_MAX / 2)) return nullptr;
    Isolate* iso = Isolate::TryGetCurrent();
    Account* a = nullptr;
    int cls = ClassOf(n);
    int64_t charge = int64_t((n + kPage - 1) / kPage * kPage);
    void* p = nullptr;
    {
      std::lock_guard<std::mutex> g(mu_);
      auto it = accounts_.find(iso);
      if (it != accounts_.end()) {
        a = it->second;
        if (a->limit > 0 && a->used + charge > a->limit) return nullptr;
        a->used += charge;  // reserved before the (slow) allocation
      }
      if (cls >= 0 && !free_[cls].empty()) {
        p = free_[cls].back();
        free_[cls].pop_back();
        pooled_ -= ClassSize(cls);
      }
    }
    if (p != nullptr) {
      if (zero) memset(p, 0, n);
    } else {
      // Fresh memory from v8go's allocator, zeroed when asked to.
      size_t size = cls >= 0 ? ClassSize(cls) : n;
      p = zero ? base_->Allocate(size) : base_->AllocateUninitialized(size);
    }
    std::lock_guard<std::mutex> g(mu_);
    if (p == nullptr) {
      if (a != nullptr) a->used -= charge;
      return nullptr;
    }
    blocks_[p] = Block{a, charge, cls};
    if (a != nullptr) total_ += charge;
    return p;
  }

  ArrayBuffer::Allocator* base_;
  std::mutex mu_;
  std::unordered_map<Isolate*, Account*> accounts_;
  std::unordered_map<void*, Block> blocks_;
  std::vector<void*> free_[kClasses];
  size_t pooled_ = 0;
  std::atomic<int64_t> total_{0};
};

std::atomic<BudgetAllocator*> g_alloc{nullptr};

// Memory for a buffer about to be filled completely.
void* AllocForCopy(ArrayBuffer::Allocator* a, size_t n) {
  BudgetAllocator* b = g_alloc;
  return a == b ? b->AllocateForCopy(n) : a->AllocateUninitialized(n);
}

void FreeBacking(void* data, size_t length, void* allocator) {
  static_cast<ArrayBuffer::Allocator*>(allocator)->Free(data, length);
}

// ---------------------------------------------------------------------------
// Per-isolate and per-context state

struct Source {
  Kind kind;
  std::string bytes;
  std::vector<std::string> named;  // CommonJS named exports, not "default"
};

struct ModRec {
  std::string name, url;
  Kind kind;
  std::shared_ptr<const Source> src;  // dropped once value is built
  Global<Module> mod;
  Global<Value> value;  // synthetic default export, or the CommonJS `module`
  int cjs = 0;          // CommonJS: 0 not run, 1 running, 2 done
};

struct Ctx {
  int id;
  Global<Context> ctx;  // weak: v8go owns the context
  std::unordered_map<std::string, std::unique_ptr<ModRec>> byName;
  std::unordered_map<std::string, ModRec*> byURL;
  std::unordered_multimap<int, ModRec*> byHash;
};

struct Rejection {
  Global<Promise> promise;
  Global<Value> reason;
  bool dispatched = false;  // handed to the runtime for its unhandledrejection event
};

}  // namespace

struct ExtIso {
  Isolate* iso;
  uintptr_t handle;  // cgo.Handle of the Go *Ext
  size_t headroom;
  ArrayBuffer::Allocator* alloc;
  Account* account = nullptr;
  std::atomic<int> hits{0};

  std::mutex srcMu;  // Go may register sources from any goroutine
  std::unordered_map<std::string, std::shared_ptr<const Source>> sources;

  std::vector<std::unique_ptr<Ctx>> ctxs;
  int nextID = 0;

  // Module naming (ext_set_module_naming): URL = urlPrefix + name; import.meta.url only if
  // metaURL. Set before the first import.
  std::string urlPrefix = "file:///";
  bool metaURL = true;
  // The runtime's stack formatter (__ext.stackFormatter), when it installed one.
  Global<Function> stackFormatter;

  std::vector<Rejection> rejections;
  int dropped = 0;
  // Promises handled after their rejection went unhandled at a checkpoint (rejectionhandled
  // events), kept once the runtime has asked for rejection events.
  std::vector<Global<Promise>> handledLate;
  bool trackLate = true;

  // BytesFromJS: the view's bytes, kept alive by staged (or copied to small
  // for on-heap typed arrays, which have no backing store yet).
  std::shared_ptr<v8::BackingStore> staged;
  std::string small;
  const uint8_t* stagedData = nullptr;
  size_t stagedLen = 0;

  // BytesToJS: memory from alloc waiting for __ext.bytes.take().
  void* pending = nullptr;
  size_t pendingLen = 0;
  bool pendingSet = false;
};

namespace {

ExtIso* IsoOf(Isolate* iso) {
  return static_cast<ExtIso*>(iso->GetData(kIsoSlot));
}

Ctx* CtxOf(ExtIso* st, Local<Context> ctx) {
  for (auto& c : st->ctxs)
    if (c->ctx == ctx) return c.get();
  return nullptr;
}

ModRec* RecOf(Ctx* cs, Local<Module> m) {
  auto r = cs->byHash.equal_range(m->GetIdentityHash());
  for (auto it = r.first; it != r.second; ++it)
    if (it->second->mod == m) return it->second;
  return nullptr;
}

MaybeLocal<String> NewString(Isolate* iso, const std::string& s) {
  if (s.size() > size_t(String::kMaxLength)) return {};
  return String::NewFromUtf8(iso, s.data(), v8::NewStringType::kNormal,
                             int(s.size()));
}

// For our own short strings (names, messages).
Local<String> Str(Isolate* iso, const std::string& s) {
  Local<String> r;
  return NewString(iso, s).ToLocal(&r) ? r : String::Empty(iso);
}

std::string Utf8(Isolate* iso, Local<Value> v) {
  if (v.IsEmpty() || !v->IsString()) return std::string();
  String::Utf8Value u(iso, v);
  return *u ? std::string(*u, u.length()) : std::string();
}

void Throw(Isolate* iso, Local<Value> (*make)(Local<String>),
           const std::string& msg) {
  iso->ThrowException(make(Str(iso, msg)));
}

// Names that carry a scheme ("node:buffer") are URLs already.
std::string URLOf(ExtIso* st, const std::string& name) {
  size_t colon = name.find(':'), slash = name.find('/');
  if (colon != std::string::npos && colon > 0 &&
      (slash == std::string::npos || colon < slash))
    return name;
  return st->urlPrefix + name;
}

std::shared_ptr<const Source> SourceOf(ExtIso* st, const std::string& name) {
  std::lock_guard<std::mutex> g(st->srcMu);
  auto it = st->sources.find(name);
  return it == st->sources.end() ? nullptr : it->second;
}

// Go decides what a specifier means (Ext.resolve in modules.go).
bool Resolve(ExtIso* st, const std::string& spec, const std::string& ref,
             std::string* out) {
  char* r = extGoResolve(st->handle, const_cast<char*>(spec.data()),
                         spec.size(), const_cast<char*>(ref.data()),
                         ref.size());
  if (r == nullptr) return false;
  out->assign(r);
  free(r);
  return true;
}

// NotFound throws workerd's error for a module that does not exist, naming it as resolved.
void NotFound(Isolate* iso, const std::string& name, const std::string&) {
  Throw(iso, v8::Exception::Error, "No such module \"" + name + "\".");
}

// A new ArrayBuffer holding a copy of src, allocated through the isolate's
// allocator so that the budget applies. ArrayBuffer::New(iso, n) would abort
// the process when the allocation fails; this throws a RangeError instead.
MaybeLocal<ArrayBuffer> NewBuffer(ExtIso* st, const void* src, size_t n) {
  Isolate* iso = st->iso;
  if (n == 0) return ArrayBuffer::New(iso, 0);
  void* p = n > kMaxBytes ? nullptr : AllocForCopy(st->alloc, n);
  if (p == nullptr) {
    Throw(iso, v8::Exception::RangeError, "Array buffer allocation failed");
    return {};
  }
  memcpy(p, src, n);
  return ArrayBuffer::New(
      iso, ArrayBuffer::NewBackingStore(p, n, FreeBacking, st->alloc));
}

MaybeLocal<Promise> Rejected(Local<Context> ctx, Local<Value> reason) {
  Local<Promise::Resolver> r;
  if (!Promise::Resolver::New(ctx).ToLocal(&r) ||
      r->Reject(ctx, reason).IsNothing())
    return {};
  return r->GetPromise();
}

// Turns what tc caught into a rejected promise. A termination is left to
// propagate: returning empty is how a callback lets it continue.
MaybeLocal<Promise> RejectCaught(Local<Context> ctx, TryCatch& tc) {
  if (tc.HasTerminated() || !tc.CanContinue()) return {};
  Isolate* iso = ctx->GetIsolate();
  Local<Value> e = tc.HasCaught()
                       ? tc.Exception()
                       : v8::Exception::Error(Str(iso, "module loading failed"));
  return Rejected(ctx, e);
}

// Compile and link errors carry their location only in the message, not in
// .stack: copy it onto the error so that JS and Go both see file:line:col.
void AddLocation(Isolate* iso, Local<Context> ctx, TryCatch& tc) {
  if (!tc.HasCaught() || tc.HasTerminated()) return;
  Local<Value> e = tc.Exception();
  Local<v8::Message> msg = tc.Message();
  // Only V8's own parse and link errors: others carry a stack already.
  if (!e->IsNativeError() || msg.IsEmpty() ||
      Utf8(iso, e.As<Object>()->GetConstructorName()) != "SyntaxError")
    return;
  std::string file = Utf8(iso, msg->GetScriptResourceName());
  int line = msg->GetLineNumber(ctx).FromMaybe(0);
  int col = msg->GetStartColumn(ctx).FromMaybe(0) + 1;
  if (file.empty() || line <= 0) return;
  std::string head = Utf8(iso, msg->Get());
  if (head.rfind("Uncaught ", 0) == 0) head.erase(0, 9);
  std::string stack = head + "\n    at " + file + ":" + std::to_string(line) +
                      ":" + std::to_string(col);
  TryCatch inner(iso);  // a failure here must not replace tc's exception
  const std::pair<const char*, Local<Value>> props[] = {
      {"fileName", Str(iso, file)},
      {"lineNumber", v8::Integer::New(iso, line)},
      {"columnNumber", v8::Integer::New(iso, col)},
      {"stack", Str(iso, stack)}};
  for (const auto& p : props)
    if (!e.As<Object>()->Set(ctx, Str(iso, p.first), p.second).FromMaybe(false))
      return;
}

void ReturnData(const FunctionCallbackInfo<Value>& info) {
  info.GetReturnValue().Set(info.Data());
}

// Untrack forgets a rejection that got its handler before it was logged. It returns true when
// the rejection was pending and not yet announced to the runtime (no event to undo).
bool Untrack(ExtIso* st, Local<Promise> p) {
  for (auto it = st->rejections.begin(); it != st->rejections.end(); ++it) {
    if (it->promise == p) {
      bool announced = it->dispatched;
      st->rejections.erase(it);
      return !announced;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------
// Modules

MaybeLocal<Value> SyntheticSteps(Local<Context> ctx, Local<Module> m);
MaybeLocal<Module> ResolveStatic(Local<Context> ctx, Local<String> spec,
                                 Local<v8::FixedArray>, Local<Module> referrer);
MaybeLocal<Promise> ImportName(ExtIso* st, Ctx* cs, Local<Context> ctx,
                               const std::string& name);

MaybeLocal<String> SourceText(Isolate* iso, const std::string& s,
                              const std::string& name) {
  Local<String> r;
  if (!NewString(iso, s).ToLocal(&r)) {
    Throw(iso, v8::Exception::RangeError, "module '" + name + "' is too large");
    return {};
  }
  return r;
}

// Returns the context's record for name, compiling it on first use; nullptr
// with an exception thrown when the module is missing or does not compile.
// spec and from (the referrer) are for the not-found message.
ModRec* Load(ExtIso* st, Ctx* cs, Local<Context> ctx, const std::string& name,
             const std::string& spec, const std::string& from) {
  auto found = cs->byName.find(name);
  if (found != cs->byName.end()) return found->second.get();
  Isolate* iso = st->iso;
  std::shared_ptr<const Source> src = SourceOf(st, name);
  if (!src) {
    NotFound(iso, name, from);
    return nullptr;
  }
  auto rec = std::make_unique<ModRec>();
  rec->name = name;
  rec->url = URLOf(st, name);
  rec->kind = src->kind;
  rec->src = src;
  Local<String> url = Str(iso, rec->url);
  Local<Module> m;
  if (src->kind == Kind::kESM) {
    Local<String> text;
    if (!SourceText(iso, src->bytes, name).ToLocal(&text)) return nullptr;
    v8::ScriptOrigin origin(iso, url, 0, 0, false, -1, Local<Value>(), false,
                            false, true);
    v8::ScriptCompiler::Source source(text, origin);
    TryCatch tc(iso);
    if (!v8::ScriptCompiler::CompileModule(iso, &source).ToLocal(&m)) {
      AddLocation(iso, ctx, tc);
      if (!tc.HasTerminated()) tc.ReThrow();
      return nullptr;
    }
  } else {
    std::vector<Local<String>> exports{Str(iso, "default")};
    for (const std::string& n : src->named) exports.push_back(Str(iso, n));
    m = Module::CreateSyntheticModule(iso, url, exports, SyntheticSteps);
  }
  rec->mod.Reset(iso, m);
  ModRec* r = rec.get();
  cs->byHash.emplace(m->GetIdentityHash(), r);
  cs->byURL[r->url] = r;
  cs->byName[name] = std::move(rec);
  return r;
}

void RequireCb(const FunctionCallbackInfo<Value>& info);

// Runs a CommonJS module once per context and returns its module.exports. A
// require cycle sees the partial exports, as in Node.
MaybeLocal<Value> RunCommonJS(ExtIso* st, ModRec* rec, Local<Context> ctx) {
  Isolate* iso = st->iso;
  Local<String> exportsKey = Str(iso, "exports");
  if (rec->cjs != 0)
    return rec->value.Get(iso).As<Object>()->Get(ctx, exportsKey);
  Local<String> text;
  if (!SourceText(iso, rec->src->bytes, rec->name).ToLocal(&text)) return {};
  Local<String> params[] = {exportsKey, Str(iso, "require"),
                            Str(iso, "module"), Str(iso, "__filename"),
                            Str(iso, "__dirname")};
  v8::ScriptOrigin origin(iso, Str(iso, rec->url));
  v8::ScriptCompiler::Source source(text, origin);
  Local<Function> fn;
  {
    TryCatch tc(iso);
    if (!v8::ScriptCompiler::CompileFunction(ctx, &source, 5, params)
             .ToLocal(&fn)) {
      AddLocation(iso, ctx, tc);
      if (!tc.HasTerminated()) tc.ReThrow();
      return {};
    }
  }
  Local<Object> module = Object::New(iso);
  Local<Object> exports = Object::New(iso);
  Local<Function> require;
  std::string file = "/" + rec->name;
  std::string dir = file.substr(0, file.rfind('/'));
  if (dir.empty()) dir = "/";
  if (module->Set(ctx, exportsKey, exports).IsNothing() ||
      !Function::New(ctx, RequireCb, Str(iso, rec->name), 1,
                     v8::ConstructorBehavior::kThrow)
           .ToLocal(&require))
    return {};
  Local<Value> args[] = {exports, require, module, Str(iso, file),
                         Str(iso, dir)};
  rec->value.Reset(iso, module);
  rec->cjs = 1;
  if (fn->Call(ctx, exports, 5, args).IsEmpty()) {
    rec->cjs = 0;  // a failed module runs again on the next require
    rec->value.Reset();
    return {};
  }
  rec->cjs = 2;
  return module->Get(ctx, exportsKey);
}

// The default export of a non-ESM module, built once per context.
MaybeLocal<Value> ValueOf(ExtIso* st, ModRec* rec, Local<Context> ctx) {
  if (rec->kind == Kind::kCommonJS) return RunCommonJS(st, rec, ctx);
  Isolate* iso = st->iso;
  if (!rec->value.IsEmpty()) return rec->value.Get(iso);
  const std::string& b = rec->src->bytes;
  Local<Value> v;
  Local<String> text;
  switch (rec->kind) {
    case Kind::kText:
      if (!SourceText(iso, b, rec->name).ToLocal(&text)) return {};
      v = text;
      break;
    case Kind::kData: {
      Local<ArrayBuffer> ab;
      if (!NewBuffer(st, b.data(), b.size()).ToLocal(&ab)) return {};
      v = ab;
      break;
    }
    case Kind::kJSON:
      if (!SourceText(iso, b, rec->name).ToLocal(&text) ||
          !v8::JSON::Parse(ctx, text).ToLocal(&v))
        return {};
      break;
    case Kind::kWasm: {
      Local<v8::WasmModuleObject> w;
      if (!v8::WasmModuleObject::Compile(
               iso, v8::MemorySpan<const uint8_t>(
                        reinterpret_cast<const uint8_t*>(b.data()), b.size()))
               .ToLocal(&w))
        return {};
      v = w;
      break;
    }
    default:
      Throw(iso, v8::Exception::Error, "bad module kind");
      return {};
  }
  rec->value.Reset(iso, v);
  rec->src.reset();
  return v;
}

MaybeLocal<Value> BuildSynthetic(Local<Context> ctx, Local<Module> m) {
  Isolate* iso = ctx->GetIsolate();
  ExtIso* st = IsoOf(iso);
  Ctx* cs = st ? CtxOf(st, ctx) : nullptr;
  ModRec* rec = cs ? RecOf(cs, m) : nullptr;
  if (rec == nullptr) {
    Throw(iso, v8::Exception::Error, "module is not registered here");
    return {};
  }
  Local<Value> v;
  if (!ValueOf(st, rec, ctx).ToLocal(&v) ||
      m->SetSyntheticModuleExport(iso, Str(iso, "default"), v).IsNothing())
    return {};
  if (rec->kind == Kind::kCommonJS) {
    for (const std::string& n : rec->src->named) {
      Local<Value> x = v8::Undefined(iso);
      if ((v->IsObject() &&
           !v.As<Object>()->Get(ctx, Str(iso, n)).ToLocal(&x)) ||
          m->SetSyntheticModuleExport(iso, Str(iso, n), x).IsNothing())
        return {};
    }
  }
  Local<Promise::Resolver> done;
  if (!Promise::Resolver::New(ctx).ToLocal(&done) ||
      done->Resolve(ctx, v8::Undefined(iso)).IsNothing())
    return {};
  return done->GetPromise();
}

// V8 expects an exception pending or scheduled when these steps fail. A
// failed API call (JSON::Parse, a CommonJS throw) with no JS frame between it
// and an outer TryCatch of ours has its exception cleared instead, so it is
// caught here and thrown again (TryCatch::ReThrow schedules it).
MaybeLocal<Value> SyntheticSteps(Local<Context> ctx, Local<Module> m) {
  TryCatch tc(ctx->GetIsolate());
  MaybeLocal<Value> r = BuildSynthetic(ctx, m);
  if (r.IsEmpty() && tc.HasCaught() && !tc.HasTerminated()) tc.ReThrow();
  return r;
}

MaybeLocal<Module> ResolveStatic(Local<Context> ctx, Local<String> spec,
                                 Local<v8::FixedArray>,
                                 Local<Module> referrer) {
  Isolate* iso = ctx->GetIsolate();
  ExtIso* st = IsoOf(iso);
  Ctx* cs = st ? CtxOf(st, ctx) : nullptr;
  if (cs == nullptr) {
    Throw(iso, v8::Exception::Error, "modules are not enabled in this context");
    return {};
  }
  ModRec* ref = RecOf(cs, referrer);
  std::string from = ref ? ref->name : std::string();
  std::string s = Utf8(iso, spec), name;
  if (!Resolve(st, s, from, &name)) {
    NotFound(iso, s, from);
    return {};
  }
  ModRec* rec = Load(st, cs, ctx, name, s, from);
  if (rec == nullptr) return {};
  Local<Module> m = rec->mod.Get(iso);
  // V8 10.9 ignores the rejection when a module graph depends on a synthetic
  // module that failed before: the importer would evaluate without it and the
  // error would surface as an unhandled rejection. Fail the link instead.
  if (m->IsSyntheticModule() && m->GetStatus() == Module::kErrored) {
    iso->ThrowException(m->GetException());
    return {};
  }
  return m;
}

void RetryImport(const FunctionCallbackInfo<Value>& info) {
  Isolate* iso = info.GetIsolate();
  Local<Context> ctx = iso->GetCurrentContext();
  ExtIso* st = IsoOf(iso);
  Ctx* cs = st ? CtxOf(st, ctx) : nullptr;
  if (cs == nullptr) {
    Throw(iso, v8::Exception::Error, "context is no longer bound");
    return;
  }
  Local<Promise> p;
  if (ImportName(st, cs, ctx, Utf8(iso, info.Data())).ToLocal(&p))
    info.GetReturnValue().Set(p);
}

// Module::Evaluate CHECK-fails on a module that is evaluating further up the
// stack (e.g. it imports itself during its own top-level code). Such an import
// waits one microtask, by which time the synchronous part has finished.
MaybeLocal<Promise> Deferred(Local<Context> ctx, const std::string& name) {
  Isolate* iso = ctx->GetIsolate();
  Local<Promise::Resolver> r;
  Local<Function> retry;
  if (!Promise::Resolver::New(ctx).ToLocal(&r) ||
      r->Resolve(ctx, v8::Undefined(iso)).IsNothing() ||
      !Function::New(ctx, RetryImport, Str(iso, name), 0,
                     v8::ConstructorBehavior::kThrow)
           .ToLocal(&retry))
    return {};
  return r->GetPromise()->Then(ctx, retry);
}

// Loads, links and evaluates name; the promise resolves to its namespace.
// Errors of any stage reject the promise; only termination returns empty.
MaybeLocal<Promise> ImportName(ExtIso* st, Ctx* cs, Local<Context> ctx,
                               const std::string& name) {
  Isolate* iso = st->iso;
  TryCatch tc(iso);
  ModRec* rec = Load(st, cs, ctx, name, name, "");
  if (rec == nullptr) return RejectCaught(ctx, tc);
  Local<Module> m = rec->mod.Get(iso);
  switch (m->GetStatus()) {
    case Module::kUninstantiated:
      if (!m->InstantiateModule(ctx, ResolveStatic).FromMaybe(false)) {
        AddLocation(iso, ctx, tc);
        return RejectCaught(ctx, tc);
      }
      break;
    case Module::kInstantiating:
    case Module::kEvaluating:
      return Deferred(ctx, name);
    default:
      break;
  }
  Local<Value> result;
  if (!m->Evaluate(ctx).ToLocal(&result)) return RejectCaught(ctx, tc);
  Local<Promise> evaluated;
  Local<Function> ns;
  if (result->IsPromise()) {
    evaluated = result.As<Promise>();
  } else {
    Local<Promise::Resolver> r;
    if (!Promise::Resolver::New(ctx).ToLocal(&r) ||
        r->Resolve(ctx, v8::Undefined(iso)).IsNothing())
      return RejectCaught(ctx, tc);
    evaluated = r->GetPromise();
  }
  Local<Promise> out;
  if (!Function::New(ctx, ReturnData, m->GetModuleNamespace(), 0,
                     v8::ConstructorBehavior::kThrow)
           .ToLocal(&ns) ||
      !evaluated->Then(ctx, ns).ToLocal(&out))
    return RejectCaught(ctx, tc);
  return out;
}

// require(specifier) inside CommonJS modules: synchronous, same registry.
void RequireCb(const FunctionCallbackInfo<Value>& info) {
  Isolate* iso = info.GetIsolate();
  Local<Context> ctx = iso->GetCurrentContext();
  ExtIso* st = IsoOf(iso);
  Ctx* cs = st ? CtxOf(st, ctx) : nullptr;
  if (cs == nullptr) {
    Throw(iso, v8::Exception::Error, "context is no longer bound");
    return;
  }
  if (info.Length() < 1 || !info[0]->IsString()) {
    Throw(iso, v8::Exception::TypeError, "require() expects a string");
    return;
  }
  std::string spec = Utf8(iso, info[0]), from = Utf8(iso, info.Data()), name;
  if (!Resolve(st, spec, from, &name)) {
    NotFound(iso, spec, from);
    return;
  }
  ModRec* rec = Load(st, cs, ctx, name, spec, from);
  if (rec == nullptr) return;
  if (rec->kind != Kind::kESM) {
    Local<Value> v;
    if (ValueOf(st, rec, ctx).ToLocal(&v)) info.GetReturnValue().Set(v);
    return;
  }
  // require(esm): allowed when the module graph evaluates synchronously.
  Local<Module> m = rec->mod.Get(iso);
  if (m->GetStatus() == Module::kUninstantiated) {
    TryCatch tc(iso);
    if (!m->InstantiateModule(ctx, ResolveStatic).FromMaybe(false)) {
      AddLocation(iso, ctx, tc);
      if (!tc.HasTerminated()) tc.ReThrow();
      return;
    }
  }
  if (m->GetStatus() == Module::kInstantiating ||
      m->GetStatus() == Module::kEvaluating) {
    Throw(iso, v8::Exception::Error,
          "require() of ES module '" + name + "' inside its own import cycle");
    return;
  }
  Local<Value> r;
  if (!m->Evaluate(ctx).ToLocal(&r)) return;
  if (r->IsPromise()) {
    Local<Promise> p = r.As<Promise>();
    if (p->State() == Promise::kRejected) {
      // It was reported as unhandled when it rejected; it is thrown instead.
      p->MarkAsHandled();
      Untrack(st, p);
      iso->ThrowException(p->Result());
      return;
    }
    if (p->State() == Promise::kPending) {
      Throw(iso, v8::Exception::Error,
            "require() of ES module '" + name +
                "' which uses top-level await; use import() instead");
      return;
    }
  }
  info.GetReturnValue().Set(m->GetModuleNamespace());
}

void ImportCb(const FunctionCallbackInfo<Value>& info) {
  Isolate* iso = info.GetIsolate();
  Local<Context> ctx = iso->GetCurrentContext();
  ExtIso* st = IsoOf(iso);
  Ctx* cs = st ? CtxOf(st, ctx) : nullptr;
  if (cs == nullptr) {
    Throw(iso, v8::Exception::Error, "context is no longer bound");
    return;
  }
  if (info.Length() < 1 || !info[0]->IsString()) {
    Throw(iso, v8::Exception::TypeError, "__ext.import() expects a name");
    return;
  }
  Local<Promise> p;
  if (ImportName(st, cs, ctx, Utf8(iso, info[0])).ToLocal(&p))
    info.GetReturnValue().Set(p);
}

MaybeLocal<Promise> DynamicImport(Local<Context> ctx, Local<v8::Data>,
                                  Local<Value> resource, Local<String> spec,
                                  Local<v8::FixedArray>) {
  Isolate* iso = ctx->GetIsolate();
  ExtIso* st = IsoOf(iso);
  Ctx* cs = st ? CtxOf(st, ctx) : nullptr;
  if (cs == nullptr)
    return Rejected(ctx, v8::Exception::Error(Str(
                             iso, "import() is not available in this context")));
  // A module's URL maps back to its name; a classic script's name is kept.
  std::string from = Utf8(iso, resource), s = Utf8(iso, spec), name;
  auto it = cs->byURL.find(from);
  if (it != cs->byURL.end()) from = it->second->name;
  if (!Resolve(st, s, from, &name)) {
    TryCatch tc(iso);
    NotFound(iso, s, from);
    return RejectCaught(ctx, tc);
  }
  return ImportName(st, cs, ctx, name);
}

void ImportMeta(Local<Context> ctx, Local<Module> m, Local<Object> meta) {
  Isolate* iso = ctx->GetIsolate();
  ExtIso* st = IsoOf(iso);
  Ctx* cs = st ? CtxOf(st, ctx) : nullptr;
  ModRec* rec = cs ? RecOf(cs, m) : nullptr;
  if (rec == nullptr || !st->metaURL) return;
  // Best effort: a failure leaves import.meta.url undefined.
  meta->CreateDataProperty(ctx, Str(iso, "url"), Str(iso, rec->url))
      .FromMaybe(false);
}

// ---------------------------------------------------------------------------
// Isolate callbacks

void OnReject(v8::PromiseRejectMessage msg) {
  Isolate* iso = Isolate::GetCurrent();
  ExtIso* st = IsoOf(iso);
  if (st == nullptr) return;
  switch (msg.GetEvent()) {
    case v8::kPromiseRejectWithNoHandler:
      if (st->rejections.size() >= kMaxRejections) {
        st->dropped++;
        return;
      }
      st->rejections.push_back(Rejection{Global<Promise>(iso, msg.GetPromise()),
                                         Global<Value>(iso, msg.GetValue())});
      return;
    case v8::kPromiseHandlerAddedAfterReject:
      if (!Untrack(st, msg.GetPromise()) && st->trackLate &&
          st->handledLate.size() < kMaxRejections)
        st->handledLate.emplace_back(iso, msg.GetPromise());
      return;
    default:
      return;
  }
}

size_t NearHeapLimit(void* data, size_t current, size_t) {
  ExtIso* st = static_cast<ExtIso*>(data);
  st->hits++;
  st->iso->TerminateExecution();
  return current + st->headroom;  // room for V8 to unwind instead of aborting
}

// Formats a rejection reason without running JS: Message::Get uses V8's
// side-effect-free ToString, and frames come from the captured stack trace
// rather than the (user-overridable) .stack property.
void Describe(Isolate* iso, Local<Context> ctx, Local<Value> reason,
              std::string* message, std::string* stack) {
  TryCatch tc(iso);  // nothing below should throw; never let it escape
  Local<v8::Message> msg = v8::Exception::CreateMessage(iso, reason);
  std::string head = Utf8(iso, msg->Get());
  if (head.rfind("Uncaught ", 0) == 0) head.erase(0, 9);
  *message = head;
  *stack = head;
  Local<v8::StackTrace> trace = v8::Exception::GetStackTrace(reason);
  if (trace.IsEmpty()) trace = msg->GetStackTrace();
  int frames = trace.IsEmpty() ? 0 : trace->GetFrameCount();
  for (int i = 0; i < frames; i++) {
    Local<v8::StackFrame> f = trace->GetFrame(iso, uint32_t(i));
    std::string script = Utf8(iso, f->GetScriptNameOrSourceURL());
    if (script.rfind("nanod:", 0) == 0) continue;  // the runtime's own frames, as in error.stack
    std::string fn = Utf8(iso, f->GetFunctionName());
    std::string loc = script + ":" +
                      std::to_string(f->GetLineNumber()) + ":" +
                      std::to_string(f->GetColumn());
    *stack += "\n    at " + (fn.empty() ? loc : fn + " (" + loc + ")");
  }
  if (frames > 0) return;
  // Syntax and link errors have no frames, only a message location.
  std::string file = Utf8(iso, msg->GetScriptResourceName());
  int line = msg->GetLineNumber(ctx).FromMaybe(0);
  if (!file.empty() && line > 0)
    *stack += "\n    at " + file + ":" + std::to_string(line) + ":" +
              std::to_string(msg->GetStartColumn(ctx).FromMaybe(0) + 1);
}

// ---------------------------------------------------------------------------
// __ext.bytes

void StageCb(const FunctionCallbackInfo<Value>& info) {
  Isolate* iso = info.GetIsolate();
  ExtIso* st = IsoOf(iso);
  if (st == nullptr) {
    Throw(iso, v8::Exception::Error, "v8ext is detached");
    return;
  }
  st->staged.reset();
  st->stagedLen = 0;
  Local<Value> v = info[0];
  if (v->IsArrayBufferView()) {
    Local<v8::ArrayBufferView> view = v.As<v8::ArrayBufferView>();
    size_t n = view->ByteLength();
    if (view->HasBuffer()) {
      // Buffer() would allocate (and abort the process if that failed) for
      // an array still on the V8 heap; HasBuffer() rules that out.
      st->staged = view->Buffer()->GetBackingStore();
      st->stagedData =
          static_cast<const uint8_t*>(st->staged->Data()) + view->ByteOffset();
    } else {
      st->small.resize(n);
      view->CopyContents(&st->small[0], n);
      st->stagedData = reinterpret_cast<const uint8_t*>(st->small.data());
    }
    st->stagedLen = n;
  } else if (v->IsArrayBuffer() || v->IsSharedArrayBuffer()) {
    if (v->IsArrayBuffer()) {
      st->staged = v.As<ArrayBuffer>()->GetBackingStore();
      st->stagedLen = v.As<ArrayBuffer>()->ByteLength();
    } else {
      st->staged = v.As<v8::SharedArrayBuffer>()->GetBackingStore();
      st->stagedLen = v.As<v8::SharedArrayBuffer>()->ByteLength();
    }
    st->stagedData = static_cast<const uint8_t*>(st->staged->Data());
  } else {
    Throw(iso, v8::Exception::TypeError,
          "expected an ArrayBuffer or an ArrayBufferView");
  }
}

void DropPending(ExtIso* st) {
  if (st->pending != nullptr) st->alloc->Free(st->pending, st->pendingLen);
  st->pending = nullptr;
  st->pendingLen = 0;
  st->pendingSet = false;
}

void TakeCb(const FunctionCallbackInfo<Value>& info) {
  Isolate* iso = info.GetIsolate();
  ExtIso* st = IsoOf(iso);
  if (st == nullptr || !st->pendingSet) {
    Throw(iso, v8::Exception::Error, "no bytes staged");
    return;
  }
  size_t n = st->pendingLen;
  void* p = st->pending;
  st->pending = nullptr;
  st->pendingSet = false;
  Local<ArrayBuffer> ab =
      n == 0 ? ArrayBuffer::New(iso, 0)
             : ArrayBuffer::New(iso, ArrayBuffer::NewBackingStore(
                                         p, n, FreeBacking, st->alloc));
  info.GetReturnValue().Set(v8::Uint8Array::New(ab, 0, n));
}

// PrepareStack formats error.stack through the runtime's formatter, which leaves out the
// runtime's own frames (workerd's callers are C++, invisible in stacks).
MaybeLocal<Value> PrepareStack(Local<Context> ctx, Local<Value> error,
                               v8::Local<v8::Array> sites) {
  Isolate* iso = ctx->GetIsolate();
  ExtIso* st = IsoOf(iso);
  if (st == nullptr || st->stackFormatter.IsEmpty()) return error;
  Local<Value> args[] = {error, sites};
  return st->stackFormatter.Get(iso)->Call(ctx, v8::Undefined(iso), 2, args);
}

// __ext.stackFormatter(fn): from now on fn(error, callSites) makes every stack string.
void StackFormatterCb(const FunctionCallbackInfo<Value>& info) {
  Isolate* iso = info.GetIsolate();
  ExtIso* st = IsoOf(iso);
  if (st == nullptr || info.Length() < 1 || !info[0]->IsFunction()) return;
  st->stackFormatter.Reset(iso, info[0].As<Function>());
  iso->SetPrepareStackTraceCallback(PrepareStack);
}

// __ext.unsafeEval(mode, source, name, argNames): workerd's UnsafeEval binding. mode 0 runs a
// classic script named name and returns its value; 1 compiles a function of argNames; 2
// compiles Wasm bytes. Code generation from strings is allowed while it runs (as workerd's
// setAllowEval), and exceptions propagate to the caller unchanged.
void UnsafeEvalCb(const FunctionCallbackInfo<Value>& info) {
  Isolate* iso = info.GetIsolate();
  Local<Context> ctx = iso->GetCurrentContext();
  int mode = info.Length() > 0 ? info[0]->Int32Value(ctx).FromMaybe(-1) : -1;
  bool was = ctx->IsCodeGenerationFromStringsAllowed();
  ctx->AllowCodeGenerationFromStrings(true);
  struct Restore {
    Local<Context> ctx;
    bool was;
    ~Restore() { ctx->AllowCodeGenerationFromStrings(was); }
  } restore{ctx, was};
  if (mode == 2) {
    if (info.Length() < 2 || !info[1]->IsArrayBufferView()) return;
    Local<v8::ArrayBufferView> view = info[1].As<v8::ArrayBufferView>();
    std::string bytes(view->ByteLength(), '\0');
    view->CopyContents(bytes.data(), bytes.size());
    Local<v8::WasmModuleObject> m;
    if (v8::WasmModuleObject::Compile(
            iso, v8::MemorySpan<const uint8_t>(
                     reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()))
            .ToLocal(&m))
      info.GetReturnValue().Set(m);
    return;
  }
  if (info.Length() < 3 || !info[1]->IsString() || !info[2]->IsString()) return;
  Local<String> name = info[2].As<String>();
  v8::ScriptOrigin origin(iso, name);
  v8::ScriptCompiler::Source source(info[1].As<String>(), origin);
  if (mode == 0) {
    Local<v8::Script> script;
    Local<Value> result;
    if (v8::ScriptCompiler::Compile(ctx, &source).ToLocal(&script) &&
        script->Run(ctx).ToLocal(&result))
      info.GetReturnValue().Set(result);
    return;
  }
  if (mode == 1) {
    std::vector<Local<String>> args;
    if (info.Length() > 3 && info[3]->IsArray()) {
      Local<v8::Array> a = info[3].As<v8::Array>();
      for (uint32_t i = 0; i < a->Length(); i++) {
        Local<Value> v;
        Local<String> sv;
        if (!a->Get(ctx, i).ToLocal(&v) || !v->ToString(ctx).ToLocal(&sv)) return;
        args.push_back(sv);
      }
    }
    Local<Function> fn;
    if (v8::ScriptCompiler::CompileFunction(ctx, &source, args.size(), args.data())
            .ToLocal(&fn)) {
      fn->SetName(name);
      info.GetReturnValue().Set(fn);
    }
  }
}

// ---------------------------------------------------------------------------
// __ext.details: what util.inspect needs from the engine but JS cannot see
// without side effects (Node's getProxyDetails / getPromiseDetails /
// previewEntries). details(v) returns
//   [0, target, handler]  for a proxy (both null once revoked),
//   [1, state, result]    for a promise (state 0 pending, 1 fulfilled, 2 rejected),
//   [2, entries, isKeyValue, which] for a Map iterator (which 0), a Set
//     iterator (1), a WeakMap (2) or a WeakSet (3),
//   [3, isGenerator, isAsync] for any other function (whatever its prototype),
//   [4, constructorName] for any other object (V8's, which remembers the
//     function that made it even when its prototype chain no longer does),
// and undefined for anything else. It never runs user code (no traps).

void DetailsCb(const FunctionCallbackInfo<Value>& info) {
  Isolate* iso = info.GetIsolate();
  Local<Value> v = info[0];
  Local<Value> out[4];
  if (v->IsProxy()) {
    Local<v8::Proxy> p = v.As<v8::Proxy>();
    out[0] = v8::Integer::New(iso, 0);
    out[1] = p->GetTarget();
    out[2] = p->GetHandler();
  } else if (v->IsPromise()) {
    Local<Promise> p = v.As<Promise>();
    Promise::PromiseState state = p->State();
    out[0] = v8::Integer::New(iso, 1);
    out[1] = v8::Integer::New(iso, state == Promise::kPending     ? 0
                                    : state == Promise::kFulfilled ? 1
                                                                   : 2);
    out[2] = state == Promise::kPending ? v8::Undefined(iso).As<Value>()
                                        : p->Result();
  } else if (v->IsMapIterator() || v->IsSetIterator() || v->IsWeakMap() ||
             v->IsWeakSet()) {
    bool kv = false;
    Local<v8::Array> entries;
    if (!v.As<Object>()->PreviewEntries(&kv).ToLocal(&entries)) return;
    out[0] = v8::Integer::New(iso, 2);
    out[1] = entries;
    out[2] = v8::Boolean::New(iso, kv);
    out[3] = v8::Integer::New(iso, v->IsMapIterator()   ? 0
                                   : v->IsSetIterator() ? 1
                                   : v->IsWeakMap()     ? 2
                                                        : 3);
    info.GetReturnValue().Set(v8::Array::New(iso, out, 4));
    return;
  } else if (v->IsFunction()) {
    out[0] = v8::Integer::New(iso, 3);
    out[1] = v8::Boolean::New(iso, v->IsGeneratorFunction());
    out[2] = v8::Boolean::New(iso, v->IsAsyncFunction());
  } else if (v->IsObject()) {
    out[0] = v8::Integer::New(iso, 4);
    out[1] = v.As<Object>()->GetConstructorName();
    out[2] = v8::Undefined(iso);
  } else {
    return;
  }
  info.GetReturnValue().Set(v8::Array::New(iso, out, 3));
}

// __ext.rejectionEvents(): the unhandled rejections not yet handed out, as [promise, reason]
// pairs, and the promises handled late since the last call, as [promises]; the runtime turns
// them into unhandledrejection / rejectionhandled events. (They stay recorded for the log.)
void RejectionEventsCb(const FunctionCallbackInfo<Value>& info) {
  Isolate* iso = info.GetIsolate();
  ExtIso* st = IsoOf(iso);
  if (st == nullptr) return;
  st->trackLate = true;
  Local<Context> ctx = iso->GetCurrentContext();
  Local<v8::Array> fresh = v8::Array::New(iso);
  uint32_t n = 0;
  for (Rejection& r : st->rejections) {
    if (r.dispatched) continue;
    r.dispatched = true;
    Local<Value> pair[] = {r.promise.Get(iso), r.reason.Get(iso)};
    if (!fresh->Set(ctx, n++, v8::Array::New(iso, pair, 2)).FromMaybe(false)) return;
  }
  Local<v8::Array> late = v8::Array::New(iso);
  uint32_t m = 0;
  for (auto& p : st->handledLate) {
    if (!late->Set(ctx, m++, p.Get(iso)).FromMaybe(false)) return;
  }
  st->handledLate.clear();
  Local<Value> both[] = {fresh, late};
  info.GetReturnValue().Set(v8::Array::New(iso, both, 2));
}

bool SetFn(Local<Context> ctx, Local<Object> on, const char* name,
           v8::FunctionCallback cb, int length) {
  Isolate* iso = ctx->GetIsolate();
  Local<Function> fn;
  return Function::New(ctx, cb, Local<Value>(), length,
                       v8::ConstructorBehavior::kThrow)
             .ToLocal(&fn) &&
         on->Set(ctx, Str(iso, name), fn).FromMaybe(false);
}

void ResetCtx(ExtIso* st, Ctx* cs) {
  Isolate* iso = st->iso;
  if (!cs->ctx.IsEmpty()) {
    // Rejections keep their context alive; drop this context's ones.
    Local<Context> ctx = cs->ctx.Get(iso);
    auto& rs = st->rejections;
    for (auto it = rs.begin(); it != rs.end();) {
      Local<Context> c;
      if (!it->promise.Get(iso)->GetCreationContext().ToLocal(&c) || c == ctx)
        it = rs.erase(it);
      else
        ++it;
    }
  }
  cs->byHash.clear();
  cs->byURL.clear();
  cs->byName.clear();  // resets every Global<Module> and Global<Value>
  cs->ctx.Reset();
}

void CopyErr(char* err, size_t cap, const char* msg) {
  if (cap == 0) return;
  strncpy(err, msg, cap - 1);
  err[cap - 1] = 0;
}

}  // namespace

// ---------------------------------------------------------------------------
// C interface

extern "C" {

void ext_install_allocator(void) {
  static std::once_flag once;
  std::call_once(once, [] {
    BudgetAllocator* a = new BudgetAllocator(default_allocator);
    g_alloc = a;
    default_allocator = a;
  });
}

int ext_uses_budget_allocator(void* iso) {
  BudgetAllocator* a = g_alloc;
  return a != nullptr &&
         static_cast<Isolate*>(iso)->GetArrayBufferAllocator() == a;
}

int64_t ext_ab_total(void) {
  BudgetAllocator* a = g_alloc;
  return a ? a->Total() : 0;
}

ExtIso* ext_attach(void* p, uintptr_t handle, size_t headroom,
                   int64_t budget) {
  Isolate* iso = static_cast<Isolate*>(p);
  Locker locker(iso);
  Isolate::Scope scope(iso);
  ExtIso* st = new ExtIso;
  st->iso = iso;
  st->handle = handle;
  st->headroom = headroom;
  st->alloc = iso->GetArrayBufferAllocator();
  if (BudgetAllocator* a = g_alloc) st->account = a->Open(iso, budget);
  iso->SetData(kIsoSlot, st);
  iso->SetHostImportModuleDynamicallyCallback(DynamicImport);
  iso->SetHostInitializeImportMetaObjectCallback(ImportMeta);
  iso->SetPromiseRejectCallback(OnReject);
  iso->AddNearHeapLimitCallback(NearHeapLimit, st);
  return st;
}

void ext_detach(ExtIso* st) {
  Isolate* iso = st->iso;
  Locker locker(iso);
  Isolate::Scope scope(iso);
  HandleScope hs(iso);
  for (auto& c : st->ctxs) ResetCtx(st, c.get());
  st->ctxs.clear();
  st->rejections.clear();
  st->handledLate.clear();
  st->stackFormatter.Reset();
  iso->SetPrepareStackTraceCallback(nullptr);
  st->staged.reset();
  DropPending(st);
  iso->RemoveNearHeapLimitCallback(NearHeapLimit, 0);
  iso->SetPromiseRejectCallback(nullptr);
  iso->SetHostImportModuleDynamicallyCallback(
      static_cast<v8::HostImportModuleDynamicallyCallback>(nullptr));
  iso->SetHostInitializeImportMetaObjectCallback(nullptr);
  iso->SetData(kIsoSlot, nullptr);
  if (BudgetAllocator* a = g_alloc) a->Close(iso);
  delete st;
}

void ext_set_module(ExtIso* st, const char* name, size_t name_len, int kind,
                    const char* src, size_t src_len, const char* named,
                    size_t named_len) {
  auto s = std::make_shared<Source>();
  s->kind = static_cast<Kind>(kind);
  s->bytes.assign(src, src_len);
  for (size_t i = 0; i < named_len;) {
    std::string n(named + i, strnlen(named + i, named_len - i));
    i += n.size() + 1;
    if (n != "default" &&
        std::find(s->named.begin(), s->named.end(), n) == s->named.end())
      s->named.push_back(std::move(n));
  }
  std::lock_guard<std::mutex> g(st->srcMu);
  st->sources[std::string(name, name_len)] = std::move(s);
}

int ext_bind_current(ExtIso* st, char* err, size_t cap) {
  Isolate* iso = st->iso;
  Locker locker(iso);
  Isolate::Scope scope(iso);
  HandleScope hs(iso);
  Local<Context> ctx = iso->GetCurrentContext();
  if (ctx.IsEmpty()) {
    CopyErr(err, cap, "no current context");
    return -1;
  }
  if (Ctx* c = CtxOf(st, ctx)) return c->id;
  TryCatch tc(iso);  // a failure is reported through err, not thrown
  Local<Object> ext = Object::New(iso);
  Local<Object> bytes = Object::New(iso);
  if (!SetFn(ctx, ext, "import", ImportCb, 1) ||
      !SetFn(ctx, ext, "stackFormatter", StackFormatterCb, 1) ||
      !SetFn(ctx, ext, "unsafeEval", UnsafeEvalCb, 4) ||
      !SetFn(ctx, ext, "rejectionEvents", RejectionEventsCb, 0) ||
      !SetFn(ctx, bytes, "stage", StageCb, 1) ||
      !SetFn(ctx, bytes, "take", TakeCb, 0) ||
      !SetFn(ctx, ext, "details", DetailsCb, 1) ||
      !ext->Set(ctx, Str(iso, "bytes"), bytes).FromMaybe(false) ||
      !ctx->Global()
           ->DefineOwnProperty(ctx, Str(iso, "__ext"), ext, v8::DontEnum)
           .FromMaybe(false)) {
    CopyErr(err, cap, "cannot install __ext");
    return -1;
  }
  auto c = std::make_unique<Ctx>();
  c->id = ++st->nextID;
  c->ctx.Reset(iso, ctx);
  c->ctx.SetWeak();
  st->ctxs.push_back(std::move(c));
  return st->nextID;
}

void ext_unbind(ExtIso* st, int id) {
  Isolate* iso = st->iso;
  Locker locker(iso);
  Isolate::Scope scope(iso);
  HandleScope hs(iso);
  for (auto it = st->ctxs.begin(); it != st->ctxs.end(); ++it) {
    if ((*it)->id == id) {
      ResetCtx(st, it->get());
      st->ctxs.erase(it);
      return;
    }
  }
}

int ext_heap_limit_hits(ExtIso* st) { return st->hits; }

void ext_cancel_terminate(ExtIso* st) {
  Locker locker(st->iso);
  Isolate::Scope scope(st->iso);
  st->iso->CancelTerminateExecution();
}

void ext_heap_stats(ExtIso* st, uint64_t out[4]) {
  Locker locker(st->iso);
  Isolate::Scope scope(st->iso);
  v8::HeapStatistics hs;
  st->iso->GetHeapStatistics(&hs);
  out[0] = hs.used_heap_size();
  out[1] = hs.total_heap_size();
  out[2] = hs.heap_size_limit();
  out[3] = hs.external_memory();
}

int64_t ext_ab_bytes(ExtIso* st) {
  return st->account ? int64_t(st->account->used) : 0;
}

char* ext_take_rejections(ExtIso* st, int* count, size_t* len) {
  Isolate* iso = st->iso;
  Locker locker(iso);
  Isolate::Scope scope(iso);
  HandleScope hs(iso);
  std::string out;
  int n = 0;
  for (Rejection& r : st->rejections) {
    Local<Context> ctx;
    if (!r.promise.Get(iso)->GetCreationContext().ToLocal(&ctx)) continue;
    Context::Scope cscope(ctx);
    std::string message, stack;
    Describe(iso, ctx, r.reason.Get(iso), &message, &stack);
    out.append(message).push_back('\0');
    out.append(stack).push_back('\0');
    n++;
  }
  st->rejections.clear();
  if (st->dropped > 0) {
    out.append(std::to_string(st->dropped) +
               " more unhandled rejections were not recorded")
        .push_back('\0');
    out.push_back('\0');
    n++;
    st->dropped = 0;
  }
  *count = n;
  *len = out.size();
  if (n == 0) return nullptr;
  char* buf = static_cast<char*>(malloc(out.size()));
  memcpy(buf, out.data(), out.size());
  return buf;
}

size_t ext_staged_len(ExtIso* st) { return st->stagedLen; }

void ext_unstage(ExtIso* st, void* dst) {
  if (st->stagedLen > 0) memcpy(dst, st->stagedData, st->stagedLen);
  st->staged.reset();
  st->stagedData = nullptr;
  st->stagedLen = 0;
}

int ext_stage_in(ExtIso* st, const void* src, size_t n) {
  if (n > kMaxBytes) return -1;
  Locker locker(st->iso);
  Isolate::Scope scope(st->iso);  // so the allocator charges this isolate
  DropPending(st);
  void* p = nullptr;
  if (n > 0) {
    p = AllocForCopy(st->alloc, n);
    if (p == nullptr) return -1;
    memcpy(p, src, n);
  }
  st->pending = p;
  st->pendingLen = n;
  st->pendingSet = true;
  return 0;
}

}  // extern "C"

// Wasm compilation follows the same switch as eval, as in workerd: a context that may not
// generate code from strings may not compile Wasm either.
static bool AllowWasmCodegen(Local<Context> ctx, Local<String>) {
  return ctx->IsCodeGenerationFromStringsAllowed();
}

int ext_allow_codegen(ExtIso* st, int id, int allow) {
  Isolate* iso = st->iso;
  Locker locker(iso);
  Isolate::Scope scope(iso);
  HandleScope hs(iso);
  iso->SetAllowWasmCodeGenerationCallback(AllowWasmCodegen);
  for (auto& c : st->ctxs) {
    if (c->id == id && !c->ctx.IsEmpty()) {
      c->ctx.Get(iso)->AllowCodeGenerationFromStrings(allow != 0);
      return 0;
    }
  }
  return -1;
}

void ext_set_module_naming(ExtIso* st, const char* prefix, size_t len, int meta) {
  if (len == 0) st->urlPrefix.clear(); else st->urlPrefix.assign(prefix, len);
  st->metaURL = meta != 0;
}

// ---------------------------------------------------------------------------
// ArrayBuffer detaching: V8 10.9 has no JS way to detach a buffer (no
// ArrayBuffer.prototype.transfer), which the Streams and HTML standards need.

namespace {

// DetachCb(buffer, mode) on an ArrayBuffer buffer:
//   mode 0 (or absent): detaches it (a no-op when it is detached already);
//   mode 1: returns whether it is detached;
//   mode 2: detaches it and returns a new ArrayBuffer that owns its memory,
//           without copying (TransferArrayBuffer / ArrayBuffer.prototype.transfer);
//   mode 3: returns whether it can be detached.
// Anything but an ArrayBuffer (SharedArrayBuffers included), or a buffer V8
// refuses to detach (WebAssembly memory), is a TypeError: detaching those
// would abort the process.
void DetachCb(const FunctionCallbackInfo<Value>& info) {
  Isolate* iso = info.GetIsolate();
  Local<Value> v = info[0];
  if (!v->IsArrayBuffer()) {
    Throw(iso, v8::Exception::TypeError,
          "The provided value is not of type 'ArrayBuffer'");
    return;
  }
  Local<ArrayBuffer> ab = v.As<ArrayBuffer>();
  int mode = info[1]->IsInt32() ? info[1].As<v8::Int32>()->Value() : 0;
  if (mode == 1 || mode == 3) {
    info.GetReturnValue().Set(mode == 1 ? ab->WasDetached() : ab->IsDetachable());
    return;
  }
  if (!ab->IsDetachable()) {
    Throw(iso, v8::Exception::TypeError,
          "ArrayBuffer is not detachable and could not be cloned.");
    return;
  }
  if (mode == 2 && ab->WasDetached()) {
    Throw(iso, v8::Exception::TypeError, "The ArrayBuffer is detached");
    return;
  }
  std::shared_ptr<v8::BackingStore> bs;
  if (mode == 2) bs = ab->GetBackingStore();
  // Detach() (not Detach(key)): its result type differs between the 11.1
  // headers and the 10.9 library. We never set a detach key.
  if (!ab->WasDetached()) ab->Detach();
  if (mode == 2) info.GetReturnValue().Set(ArrayBuffer::New(iso, std::move(bs)));
}

}  // namespace

int ext_new_detach_fn(ExtIso* st, int id, const char* name) {
  Isolate* iso = st->iso;
  Locker locker(iso);
  Isolate::Scope scope(iso);
  HandleScope hs(iso);
  for (auto& c : st->ctxs) {
    if (c->id != id || c->ctx.IsEmpty()) continue;
    Local<Context> ctx = c->ctx.Get(iso);
    Context::Scope cscope(ctx);
    TryCatch tc(iso);
    Local<Function> fn;
    if (!Function::New(ctx, DetachCb, Local<Value>(), 1,
                       v8::ConstructorBehavior::kThrow)
             .ToLocal(&fn) ||
        !ctx->Global()
             ->DefineOwnProperty(ctx, Str(iso, name), fn, v8::DontEnum)
             .FromMaybe(false))
      return -1;
    return 0;
  }
  return -1;
}

int ext_rejection_work(ExtIso* st) {
  if (!st->handledLate.empty()) return 1;
  for (const Rejection& r : st->rejections)
    if (!r.dispatched) return 1;
  return 0;
}
