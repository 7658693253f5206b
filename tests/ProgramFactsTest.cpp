//===- ProgramFactsTest.cpp - What one TU tells the program model ---------===//
//
// Each test parses a small driver against the corpus headers (the shapes of
// the real 6.12 macros) and checks the facts collectProgramFacts() gives.
//
//===----------------------------------------------------------------------===//
#include "checks/ProgramCollector.h"
#include "core/TUAnalysis.h"
#include "tests/TestSupport.h"

#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace devlife::program {
namespace {

using Classes = std::vector<std::string>;

const ApiModel &model() {
  static const ApiModel M = [] {
    auto Loaded = ApiModel::builtin();
    if (!Loaded) {
      ADD_FAILURE() << llvm::toString(Loaded.takeError());
      return ApiModel();
    }
    return std::move(*Loaded);
  }();
  return M;
}

/// The facts of one snippet, and the absolute name its static keys use.
struct Collected {
  std::unique_ptr<clang::ASTUnit> AST;
  TUProgramFacts Facts;
  std::string File;
  std::string key(const std::string &StaticName) const {
    return File + "::" + StaticName;
  }
};

Collected collect(const std::string &Code, const std::string &QuoteDir = "") {
  Collected C;
  C.File = "/devlife-test/input.c";
  std::vector<std::string> Args = {"-std=gnu11", "-nostdinc", "-isystem",
                                   DEVLIFE_CORPUS_DIR "/include", "-D__KERNEL__",
                                   "-Wno-unused-value"};
  if (!QuoteDir.empty())
    Args.insert(Args.end(), {"-iquote", QuoteDir});
  C.AST = clang::tooling::buildASTFromCodeWithArgs(Code, Args, C.File);
  EXPECT_TRUE(C.AST);
  if (!C.AST)
    return C;
  EXPECT_FALSE(C.AST->getDiagnostics().hasErrorOccurred()) << Code;
  C.Facts = collectProgramFacts(C.AST->getASTContext(), model());
  if (std::getenv("DEVLIFE_DUMP_FACTS")) // to see what a failing test got
    llvm::errs() << nlohmann::json(C.Facts).dump(1) << "\n";
  return C;
}

const FunctionFacts *function(const TUProgramFacts &F, const std::string &Name) {
  for (const FunctionFacts &Fn : F.Functions)
    if (Fn.Name == Name)
      return &Fn;
  return nullptr;
}

const FunctionFacts &fn(const TUProgramFacts &F, const std::string &Name) {
  static const FunctionFacts None;
  const FunctionFacts *Found = function(F, Name);
  EXPECT_NE(Found, nullptr) << "no facts for " << Name;
  return Found ? *Found : None;
}

Classes classes(const std::vector<HeldLock> &Held) {
  Classes R;
  for (const HeldLock &H : Held)
    R.push_back(H.Class);
  return R;
}

/// Lock classes held at the (only) call to Callee in F.
Classes heldAt(const FunctionFacts &F, const std::string &Callee) {
  for (const CallSite &C : F.Calls)
    if (C.Text == Callee)
      return classes(C.Held);
  ADD_FAILURE() << F.Name << " has no call to " << Callee;
  return {};
}

Classes lockClasses(const FunctionFacts &F) {
  Classes R;
  for (const LockSite &L : F.Locks)
    R.push_back(L.Class);
  return R;
}

const BarrierSite *barrier(const FunctionFacts &F, const std::string &Api,
                           unsigned Nth = 0) {
  for (const BarrierSite &B : F.Barriers)
    if (B.Api == Api && Nth-- == 0)
      return &B;
  ADD_FAILURE() << F.Name << " has no barrier " << Api;
  return nullptr;
}

std::vector<const Binding *> bindings(const TUProgramFacts &F,
                                      const std::string &Api) {
  std::vector<const Binding *> R;
  for (const Binding &B : F.Bindings)
    if (B.Api == Api)
      R.push_back(&B);
  return R;
}

const std::string LockHeader = R"(
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/lockdep.h>
#include <linux/errno.h>
struct foo_inner { struct mutex lock; };
struct foo_ctx { struct mutex lock; struct foo_inner inner; spinlock_t slock; };
struct foo_glob { struct mutex lock; };
void at_a(void); void at_b(void); void at_c(void); void at_d(void);
)";

TEST(ProgramFacts, LockClassesNameFieldPathsGlobalsParametersAndSubclasses) {
  Collected C = collect(LockHeader + R"(
DEFINE_MUTEX(of_mutex);
static DEFINE_MUTEX(local_mutex);
struct foo_glob foo;
void helper(struct mutex *m) { mutex_lock(m); }
void take_all(struct foo_ctx *ctx)
{
	struct mutex *m = &ctx->inner.lock;
	unsigned long flags;

	lockdep_assert_held(&ctx->lock);
	mutex_lock_nested(&ctx->inner.lock, SINGLE_DEPTH_NESTING);
	mutex_lock(&of_mutex);
	mutex_lock(&local_mutex);
	mutex_lock(&foo.lock);
	spin_lock_irqsave(&ctx->slock, flags);
	mutex_lock(m);
	helper(&ctx->lock);
}
)");
  const FunctionFacts &Take = fn(C.Facts, "take_all");
  EXPECT_EQ(lockClasses(Take),
            (Classes{"struct foo_ctx.inner.lock/1", "of_mutex",
                     C.key("local_mutex"), "foo.lock", "struct foo_ctx.slock",
                     "struct foo_ctx.inner.lock"}));
  // &(l)->dep_map in lockdep_assert_held() names the lock itself.
  EXPECT_EQ(Take.AssertsHeld, Classes{"struct foo_ctx.lock"});
  EXPECT_EQ(Take.Locks[1].Held[0].Text, "&ctx->lock");
  EXPECT_EQ(Take.Locks[0].Api, "mutex_lock_nested");
  EXPECT_EQ(Take.Locks[0].Text, "&ctx->inner.lock");
  EXPECT_TRUE(Take.Locks[0].Sleeps);
  // Written through spinlock_check() inside spin_lock_irqsave().
  EXPECT_EQ(Take.Locks[4].Text, "&ctx->slock");
  EXPECT_FALSE(Take.Locks[4].Sleeps);
  // Everything taken before is held at the last acquisition.
  EXPECT_EQ(classes(Take.Locks[5].Held),
            (Classes{"struct foo_ctx.lock", "struct foo_ctx.inner.lock/1",
                     "of_mutex", C.key("local_mutex"), "foo.lock",
                     "struct foo_ctx.slock"}));
  // The caller holds what it asserts; none of it is returned held by it.
  EXPECT_EQ(Take.ReturnsHeld,
            (Classes{"struct foo_ctx.inner.lock/1", "of_mutex",
                     C.key("local_mutex"), "foo.lock", "struct foo_ctx.slock",
                     "struct foo_ctx.inner.lock"}));

  const FunctionFacts &Helper = fn(C.Facts, "helper");
  EXPECT_EQ(lockClasses(Helper), Classes{"@0"});
  EXPECT_EQ(Helper.ReturnsHeld, Classes{"@0"});
  ASSERT_FALSE(Take.Calls.empty());
  const CallSite &ToHelper = Take.Calls.back();
  EXPECT_EQ(ToHelper.Callee, "helper");
  EXPECT_EQ(ToHelper.ArgClasses, Classes{"struct foo_ctx.lock"});
}

TEST(ProgramFacts, InternalFieldsNameTheLockThatHoldsThem) {
  Collected C = collect(LockHeader + R"(
static void my_lock(spinlock_t *l) { _raw_spin_lock(&l->rlock); }
static void my_unlock(spinlock_t *l) { _raw_spin_unlock(&(l)->rlock); }
void spin(struct foo_ctx *ctx)
{
	_raw_spin_lock(&ctx->slock.rlock);
	at_a();
	spin_unlock(&ctx->slock);
	my_lock(&ctx->slock);
	at_b();
	my_unlock(&ctx->slock);
	at_c();
}
)");
  // `&l->rlock` is the parameter's lock itself.
  const FunctionFacts &Lock = fn(C.Facts, "my_lock");
  EXPECT_EQ(lockClasses(Lock), Classes{"@0"});
  EXPECT_EQ(Lock.ReturnsHeld, Classes{"@0"});
  EXPECT_EQ(fn(C.Facts, "my_unlock").ReleasesHeld, Classes{"@0"});
  const FunctionFacts &Spin = fn(C.Facts, "spin");
  EXPECT_EQ(lockClasses(Spin), Classes{"struct foo_ctx.slock"});
  EXPECT_EQ(heldAt(Spin, "at_a"), Classes{"struct foo_ctx.slock"});
  EXPECT_EQ(heldAt(Spin, "at_b"), Classes{"struct foo_ctx.slock"});
  EXPECT_EQ(heldAt(Spin, "at_c"), Classes{});
  EXPECT_TRUE(Spin.ReleasesHeld.empty());
  EXPECT_TRUE(Spin.ReturnsHeld.empty());
}

TEST(ProgramFacts, HeldSetsIntersectWherePathsMeetAndLoopsEnd) {
  Collected C = collect(LockHeader + R"(
void join(struct foo_ctx *ctx, int x)
{
	mutex_lock(&ctx->lock);
	if (x)
		mutex_lock(&ctx->inner.lock);
	at_a();
	if (x)
		mutex_unlock(&ctx->inner.lock);
	mutex_unlock(&ctx->lock);
	at_b();
}
void loop(struct foo_ctx *ctx, int n)
{
	while (n--) {
		mutex_lock(&ctx->lock);
		at_c();
		mutex_unlock(&ctx->lock);
	}
	at_d();
}
)");
  const FunctionFacts &Join = fn(C.Facts, "join");
  EXPECT_EQ(heldAt(Join, "at_a"), Classes{"struct foo_ctx.lock"});
  EXPECT_EQ(heldAt(Join, "at_b"), Classes{});
  EXPECT_TRUE(Join.ReturnsHeld.empty());
  const FunctionFacts &Loop = fn(C.Facts, "loop");
  EXPECT_EQ(heldAt(Loop, "at_c"), Classes{"struct foo_ctx.lock"});
  EXPECT_EQ(heldAt(Loop, "at_d"), Classes{});
}

TEST(ProgramFacts, ConditionalLocksAreHeldOnTheSuccessBranch) {
  Collected C = collect(LockHeader + R"(
int try_it(struct foo_ctx *ctx)
{
	if (!mutex_trylock(&ctx->lock)) {
		at_a();
		return -EBUSY;
	}
	at_b();
	mutex_unlock(&ctx->lock);
	return 0;
}
int intr(struct foo_ctx *ctx)
{
	int ret = mutex_lock_interruptible(&ctx->lock);

	if (ret)
		return ret;
	at_a();
	mutex_unlock(&ctx->lock);
	ret = mutex_lock_interruptible(&ctx->inner.lock);
	if (ret < 0)
		return ret;
	at_b();
	mutex_unlock(&ctx->inner.lock);
	if (mutex_lock_interruptible(&ctx->lock))
		return -EINTR;
	at_c();
	mutex_unlock(&ctx->lock);
	return 0;
}
// spi_write_then_read(): the trylock is the right side of an ||.
int either(struct foo_ctx *ctx, int n)
{
	if (n > 4 || !mutex_trylock(&ctx->lock)) {
		at_a();
		return -EBUSY;
	}
	at_b();
	mutex_unlock(&ctx->lock);
	if (n && mutex_trylock(&ctx->inner.lock)) {
		at_c();
		mutex_unlock(&ctx->inner.lock);
	}
	return 0;
}
)");
  const FunctionFacts &Try = fn(C.Facts, "try_it");
  EXPECT_EQ(heldAt(Try, "at_a"), Classes{});
  EXPECT_EQ(heldAt(Try, "at_b"), Classes{"struct foo_ctx.lock"});
  ASSERT_EQ(Try.Locks.size(), 1u);
  EXPECT_TRUE(Try.Locks[0].Try);
  EXPECT_TRUE(Try.ReleasesHeld.empty());
  const FunctionFacts &Intr = fn(C.Facts, "intr");
  EXPECT_EQ(heldAt(Intr, "at_a"), Classes{"struct foo_ctx.lock"});
  EXPECT_EQ(heldAt(Intr, "at_b"), Classes{"struct foo_ctx.inner.lock"});
  EXPECT_EQ(heldAt(Intr, "at_c"), Classes{"struct foo_ctx.lock"});
  EXPECT_TRUE(Intr.ReleasesHeld.empty());
  EXPECT_TRUE(Intr.ReturnsHeld.empty());
  const FunctionFacts &Either = fn(C.Facts, "either");
  EXPECT_EQ(heldAt(Either, "at_a"), Classes{});
  EXPECT_EQ(heldAt(Either, "at_b"), Classes{"struct foo_ctx.lock"});
  EXPECT_EQ(heldAt(Either, "at_c"), Classes{"struct foo_ctx.inner.lock"});
  EXPECT_TRUE(Either.ReleasesHeld.empty());
}

TEST(ProgramFacts, HelpersThatDropAndRetakeTheCallersLockReturnItHeld) {
  Collected C = collect(LockHeader + R"(
void at_e(void);
static void drop_retake(struct foo_ctx *ctx)
{
	mutex_unlock(&ctx->lock);
	at_a();
	mutex_lock(&ctx->lock);
}
static int maybe_drop(struct foo_ctx *ctx, int x)
{
	if (x)
		drop_retake(ctx);
	return 0;
}
void apply(struct foo_ctx *ctx, int x)
{
	mutex_lock(&ctx->lock);
	maybe_drop(ctx, x);
	at_e();
	mutex_unlock(&ctx->lock);
}
)");
  const FunctionFacts &Drop = fn(C.Facts, "drop_retake");
  EXPECT_EQ(Drop.ReleasesHeld, Classes{"struct foo_ctx.lock"});
  EXPECT_EQ(Drop.ReturnsHeld, Classes{"struct foo_ctx.lock"});
  EXPECT_EQ(heldAt(Drop, "at_a"), Classes{});
  // Dropped and retaken on one path, untouched on the other.
  const FunctionFacts &Maybe = fn(C.Facts, "maybe_drop");
  EXPECT_EQ(Maybe.ReleasesHeld, Classes{"struct foo_ctx.lock"});
  EXPECT_EQ(Maybe.ReturnsHeld, Classes{"struct foo_ctx.lock"});
  const FunctionFacts &Apply = fn(C.Facts, "apply");
  EXPECT_EQ(heldAt(Apply, "at_e"), Classes{"struct foo_ctx.lock"});
  EXPECT_TRUE(Apply.ReleasesHeld.empty());
  EXPECT_TRUE(Apply.ReturnsHeld.empty());
}

// runtime.c's rpm_resume(): the parent's lock, nested, is the same class as
// the device's; unlocking it must not drop the device's lock too, or every
// pm_runtime_get_sync() caller learns that it releases power.lock.
TEST(ProgramFacts, UnlockingANestedLockKeepsTheOuterOneOfItsClass) {
  Collected C = collect(LockHeader + R"(
struct foo_node { spinlock_t lock; struct foo_node *parent; };
static int peek_parent(struct foo_node *n)
{
	spin_lock_nested(&n->parent->lock, SINGLE_DEPTH_NESTING);
	at_a();
	spin_unlock(&n->parent->lock);
	at_b();
	return 0;
}
void resume(struct foo_node *n)
{
	spin_lock(&n->lock);
	peek_parent(n);
	at_c();
	spin_lock_nested(&n->parent->lock, SINGLE_DEPTH_NESTING);
	spin_unlock(&n->parent->lock);
	at_d();
	spin_unlock(&n->lock);
}
)");
  const FunctionFacts &Peek = fn(C.Facts, "peek_parent");
  EXPECT_EQ(heldAt(Peek, "at_a"), Classes{"struct foo_node.lock/1"});
  EXPECT_EQ(heldAt(Peek, "at_b"), Classes{});
  EXPECT_TRUE(Peek.ReleasesHeld.empty());
  const FunctionFacts &Resume = fn(C.Facts, "resume");
  EXPECT_EQ(heldAt(Resume, "at_c"), Classes{"struct foo_node.lock"});
  EXPECT_EQ(heldAt(Resume, "at_d"), Classes{"struct foo_node.lock"});
  EXPECT_TRUE(Resume.ReleasesHeld.empty());
  EXPECT_TRUE(Resume.ReturnsHeld.empty());
}

// Two locks of one class held at once (a parent's and a child's mutex):
// each unlock releases its own, so nothing is released that the function
// did not take, and the outer one is still held in between.
TEST(ProgramFacts, TwoLocksOfOneClassAreReleasedOneByOne) {
  Collected C = collect(LockHeader + R"(
void nest_two(struct foo_ctx *a, struct foo_ctx *b)
{
	mutex_lock(&a->lock);
	mutex_lock(&b->lock);
	at_a();
	mutex_unlock(&b->lock);
	at_d();
	mutex_unlock(&a->lock);
	at_c();
}
)");
  const FunctionFacts &Nest = fn(C.Facts, "nest_two");
  EXPECT_EQ(heldAt(Nest, "at_a"), Classes{"struct foo_ctx.lock"});
  EXPECT_EQ(heldAt(Nest, "at_d"), Classes{"struct foo_ctx.lock"});
  EXPECT_EQ(heldAt(Nest, "at_c"), Classes{});
  EXPECT_TRUE(Nest.ReleasesHeld.empty());
  EXPECT_TRUE(Nest.ReturnsHeld.empty());
}

// bus_rescan_devices_helper(): the parent is locked and unlocked under the
// same test; the paths meet in between, but the unlock releases what the
// function itself may hold, not a lock of its caller's. So does a caller
// of a helper that returns with the lock on success only
// (tpm_try_get_ops()). An unlock before any acquisition of the function's
// own, or inside the if that relocks (__pm_runtime_barrier()), releases
// the caller's.
TEST(ProgramFacts, AnUnlockOfWhatTheFunctionMayHoldReleasesNothingOfTheCallers) {
  Collected C = collect(LockHeader + R"(
struct foo_dev { struct mutex mutex; struct foo_dev *parent; int need; };
static inline void foo_lock(struct foo_dev *d) { mutex_lock(&d->mutex); }
static inline void foo_unlock(struct foo_dev *d) { mutex_unlock(&d->mutex); }
void rescan(struct foo_dev *dev)
{
	if (dev->parent && dev->need)
		foo_lock(dev->parent);
	at_a();
	if (dev->parent && dev->need)
		foo_unlock(dev->parent);
}
static int try_get(struct foo_dev *dev)
{
	if (!dev->need)
		return -5;
	mutex_lock(&dev->mutex);
	return 0;
}
void use(struct foo_dev *dev)
{
	if (try_get(dev))
		return;
	at_a();
	foo_unlock(dev);
}
void drops_first(struct foo_dev *dev)
{
	foo_unlock(dev);
	at_b();
	if (dev->need)
		foo_lock(dev);
}
void drop_around(struct foo_dev *dev)
{
	if (dev->need) {
		foo_unlock(dev);
		at_b();
		foo_lock(dev);
	}
}
void wait_loop(struct foo_dev *dev)
{
	for (;;) {
		if (dev->need)
			break;
		foo_unlock(dev);
		at_b();
		foo_lock(dev);
	}
}
)");
  const Classes Mutex{"struct foo_dev.mutex"};
  EXPECT_TRUE(fn(C.Facts, "rescan").ReleasesHeld.empty());
  EXPECT_TRUE(fn(C.Facts, "try_get").ReturnsHeld.empty());
  EXPECT_TRUE(fn(C.Facts, "use").ReleasesHeld.empty());
  EXPECT_EQ(fn(C.Facts, "drops_first").ReleasesHeld, Mutex);
  EXPECT_EQ(fn(C.Facts, "drop_around").ReleasesHeld, Mutex);
  // What the loop's back edge brings to its unlock is no earlier lock.
  EXPECT_EQ(fn(C.Facts, "wait_loop").ReleasesHeld, Mutex);
}

TEST(ProgramFacts, GuardsHoldToTheEndOfTheirScope) {
  Collected C = collect(LockHeader + R"(
void g(struct foo_ctx *ctx, int x)
{
	{
		guard(mutex)(&ctx->inner.lock);
		at_d();
	}
	guard(mutex)(&ctx->lock);
	if (x)
		return;
	at_a();
}
void sg(struct foo_ctx *ctx)
{
	scoped_guard(mutex, &ctx->inner.lock) {
		at_b();
	}
	at_c();
}
)");
  const FunctionFacts &G = fn(C.Facts, "g");
  // The block's guard is released by its cleanup where the block ends.
  EXPECT_EQ(heldAt(G, "at_d"), Classes{"struct foo_ctx.inner.lock"});
  EXPECT_EQ(heldAt(G, "at_a"), Classes{"struct foo_ctx.lock"});
  EXPECT_EQ(lockClasses(G), (Classes{"struct foo_ctx.inner.lock", "struct foo_ctx.lock"}));
  EXPECT_EQ(G.Locks[1].Text, "&ctx->lock");
  EXPECT_TRUE(G.Locks[1].Held.empty());
  EXPECT_TRUE(G.ReturnsHeld.empty());
  EXPECT_TRUE(G.ReleasesHeld.empty());
  const FunctionFacts &SG = fn(C.Facts, "sg");
  EXPECT_EQ(heldAt(SG, "at_b"), Classes{"struct foo_ctx.inner.lock"});
  EXPECT_EQ(heldAt(SG, "at_c"), Classes{});
  EXPECT_TRUE(SG.ReturnsHeld.empty());
  // The guard constructors are lock sites, not calls.
  for (const CallSite &Call : SG.Calls)
    EXPECT_EQ(Call.Callee.find("constructor"), std::string::npos) << Call.Callee;
}

TEST(ProgramFacts, CalleesThatReleaseOrReturnHeldChangeTheCallersSet) {
  Collected C = collect(LockHeader + R"(
#include <linux/device.h>
static void unlock_it(struct foo_ctx *ctx) { mutex_unlock(&ctx->lock); }
void caller(struct foo_ctx *ctx)
{
	mutex_lock(&ctx->lock);
	at_a();
	unlock_it(ctx);
	at_b();
}
void dl(struct device *dev)
{
	device_lock(dev);
	dev_name(dev);
	at_c();
	device_unlock(dev);
	at_d();
}
)");
  EXPECT_EQ(fn(C.Facts, "unlock_it").ReleasesHeld, Classes{"struct foo_ctx.lock"});
  const FunctionFacts &Caller = fn(C.Facts, "caller");
  EXPECT_EQ(heldAt(Caller, "at_a"), Classes{"struct foo_ctx.lock"});
  EXPECT_EQ(heldAt(Caller, "at_b"), Classes{});
  EXPECT_TRUE(Caller.ReleasesHeld.empty());
  EXPECT_TRUE(Caller.ReturnsHeld.empty());
  EXPECT_EQ(Caller.Calls[1].Callee, C.key("unlock_it"));

  // device_lock() is a header inline: recorded, keyed by its header.
  const FunctionFacts *DeviceLock = function(C.Facts, "device_lock");
  ASSERT_NE(DeviceLock, nullptr);
  EXPECT_EQ(DeviceLock->ReturnsHeld, Classes{"struct device.mutex"});
  std::string Header = DEVLIFE_CORPUS_DIR "/include/linux/device.h";
  EXPECT_EQ(DeviceLock->Key, Header + "::device_lock");
  const FunctionFacts &DL = fn(C.Facts, "dl");
  EXPECT_EQ(DL.Calls[0].Callee, DeviceLock->Key);
  EXPECT_EQ(heldAt(DL, "at_c"), Classes{"struct device.mutex"});
  EXPECT_EQ(heldAt(DL, "at_d"), Classes{});
  // A header inline that touches no lock is not recorded, nor called.
  EXPECT_EQ(function(C.Facts, "dev_name"), nullptr);
  for (const CallSite &Call : DL.Calls)
    EXPECT_NE(Call.Text, "dev_name");
}

const std::string CallbackDriver = R"(
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/workqueue.h>
#include <linux/interrupt.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/timer.h>
struct foo_ctx {
	struct mutex lock;
	struct work_struct refresh;
	struct delayed_work poll;
	struct workqueue_struct *wq;
	struct task_struct *task;
	struct completion done;
	struct timer_list timer;
};
struct priv { int irq; };
struct workqueue_struct *foo_wq;
static void refresh_fn(struct work_struct *w) { }
static void poll_fn(struct work_struct *w) { }
static irqreturn_t irq_fn(int irq, void *d) { return IRQ_HANDLED; }
static irqreturn_t thread_fn(int irq, void *d) { return IRQ_HANDLED; }
static int thread_main(void *d) { return 0; }
static void timer_fn(struct timer_list *t) { }
void global_fn(struct work_struct *w) { }
DECLARE_WORK(foo_work, global_fn);
DECLARE_DELAYED_WORK(foo_dwork, global_fn);
int setup(struct foo_ctx *ctx, struct priv *priv)
{
	INIT_WORK(&ctx->refresh, refresh_fn);
	INIT_DELAYED_WORK(&ctx->poll, poll_fn);
	timer_setup(&ctx->timer, timer_fn, 0);
	ctx->task = kthread_run(thread_main, ctx, "foo");
	request_irq(priv->irq, irq_fn, 0, "foo", priv);
	request_threaded_irq(priv->irq, irq_fn, thread_fn, 0, "foo", priv);
	schedule_work(&ctx->refresh);
	return 0;
}
void done_fn(struct foo_ctx *ctx) { complete(&ctx->done); }
void teardown(struct foo_ctx *ctx, struct priv *priv)
{
	mutex_lock(&ctx->lock);
	cancel_work_sync(&ctx->refresh);
	mutex_unlock(&ctx->lock);
	cancel_delayed_work_sync(&ctx->poll);
	flush_workqueue(ctx->wq);
	flush_workqueue(foo_wq);
	free_irq(priv->irq, priv);
	kthread_stop(ctx->task);
	flush_scheduled_work();
}
)";

TEST(ProgramFacts, BarriersNameTheObjectTheyWaitOn) {
  Collected C = collect(CallbackDriver);
  const FunctionFacts &T = fn(C.Facts, "teardown");
  const BarrierSite *Cancel = barrier(T, "cancel_work_sync");
  ASSERT_NE(Cancel, nullptr);
  EXPECT_EQ(Cancel->Kind, "work");
  EXPECT_EQ(Cancel->Object, "struct foo_ctx.refresh");
  EXPECT_EQ(Cancel->Text, "&ctx->refresh");
  EXPECT_EQ(classes(Cancel->Held), Classes{"struct foo_ctx.lock"});
  EXPECT_FALSE(Cancel->Opaque);
  const BarrierSite *Delayed = barrier(T, "cancel_delayed_work_sync");
  ASSERT_NE(Delayed, nullptr);
  EXPECT_EQ(Delayed->Object, "struct foo_ctx.poll");
  EXPECT_TRUE(Delayed->Held.empty());
  // flush_workqueue() waits through its local copy `_wq = (wq)`.
  const BarrierSite *Flush = barrier(T, "__flush_workqueue");
  ASSERT_NE(Flush, nullptr);
  EXPECT_EQ(Flush->Kind, "workqueue");
  EXPECT_EQ(Flush->Object, "struct foo_ctx.wq");
  const BarrierSite *FlushGlobal = barrier(T, "__flush_workqueue", 1);
  ASSERT_NE(FlushGlobal, nullptr);
  EXPECT_EQ(FlushGlobal->Object, "foo_wq");
  EXPECT_EQ(FlushGlobal->Text, "foo_wq"); // through the macro's `_wq`
  EXPECT_FALSE(FlushGlobal->Opaque);
  const BarrierSite *Irq = barrier(T, "free_irq");
  ASSERT_NE(Irq, nullptr);
  EXPECT_EQ(Irq->Object, "struct priv.irq");
  EXPECT_EQ(Irq->Text, "priv->irq");
  const BarrierSite *Stop = barrier(T, "kthread_stop");
  ASSERT_NE(Stop, nullptr);
  EXPECT_EQ(Stop->Object, "struct foo_ctx.task");
  // The system workqueue runs work from the whole kernel.
  const BarrierSite *Scheduled = barrier(T, "__flush_workqueue", 2);
  ASSERT_NE(Scheduled, nullptr);
  EXPECT_EQ(Scheduled->Object, "system_percpu_wq");
  EXPECT_TRUE(Scheduled->Opaque);
}

TEST(ProgramFacts, BindingsFromCallsStoresAndInitialisers) {
  Collected C = collect(CallbackDriver);
  const TUProgramFacts &F = C.Facts;

  auto Stores = bindings(F, "work_struct.func");
  ASSERT_EQ(Stores.size(), 4u);
  std::map<std::string, const Binding *> ByObject;
  for (const Binding *B : Stores)
    ByObject[B->Object] = B;
  ASSERT_TRUE(ByObject.count("struct foo_ctx.refresh"));
  const Binding &Init = *ByObject["struct foo_ctx.refresh"];
  EXPECT_EQ(Init.Kind, "work");
  EXPECT_EQ(Init.Callbacks, Classes{C.key("refresh_fn")});
  EXPECT_EQ(Init.InFunction, "setup");
  EXPECT_EQ(Init.Text, "&ctx->refresh");
  ASSERT_TRUE(ByObject.count("struct foo_ctx.poll.work"));
  EXPECT_EQ(ByObject["struct foo_ctx.poll.work"]->Callbacks,
            Classes{C.key("poll_fn")});
  ASSERT_TRUE(ByObject.count("foo_work"));
  EXPECT_EQ(ByObject["foo_work"]->Callbacks, Classes{"global_fn"});
  EXPECT_EQ(ByObject["foo_work"]->InFunction, "");
  ASSERT_TRUE(ByObject.count("foo_dwork.work"));

  // timer_setup(), and the timer INIT_DELAYED_WORK() sets up.
  std::map<std::string, Classes> Timers;
  for (const Binding *B : bindings(F, "init_timer_key"))
    Timers[B->Object] = B->Callbacks;
  EXPECT_EQ(Timers, (std::map<std::string, Classes>{
                        {"struct foo_ctx.timer", {C.key("timer_fn")}},
                        {"struct foo_ctx.poll.timer", {"delayed_work_timer_fn"}}}));

  auto Thread = bindings(F, "kthread_create_on_node");
  ASSERT_EQ(Thread.size(), 1u);
  EXPECT_EQ(Thread[0]->Kind, "kthread");
  EXPECT_EQ(Thread[0]->Object, "struct foo_ctx.task");
  EXPECT_EQ(Thread[0]->Callbacks, Classes{C.key("thread_main")});

  auto Irq = bindings(F, "request_irq");
  ASSERT_EQ(Irq.size(), 1u);
  EXPECT_EQ(Irq[0]->Object, "struct priv.irq");
  EXPECT_EQ(Irq[0]->Callbacks, Classes{C.key("irq_fn")});
  auto Threaded = bindings(F, "request_threaded_irq");
  ASSERT_EQ(Threaded.size(), 1u);
  EXPECT_EQ(Threaded[0]->Callbacks,
            (Classes{C.key("irq_fn"), C.key("thread_fn")}));

  auto Queue = bindings(F, "schedule_work");
  ASSERT_EQ(Queue.size(), 1u);
  EXPECT_EQ(Queue[0]->Object, "system_percpu_wq");
  EXPECT_EQ(Queue[0]->Members, Classes{"struct foo_ctx.refresh"});
  EXPECT_EQ(Queue[0]->MemberKind, "work");

  auto Complete = bindings(F, "complete");
  ASSERT_EQ(Complete.size(), 1u);
  EXPECT_EQ(Complete[0]->Object, "struct foo_ctx.done");
  EXPECT_EQ(Complete[0]->Callbacks, Classes{"done_fn"});
  EXPECT_EQ(Complete[0]->InFunction, "done_fn");

  // The stores are callback slots as well.
  bool RefreshSlot = false;
  for (const SlotTarget &S : F.Slots)
    RefreshSlot |= S.Slot == "work_struct.func" && S.Function == C.key("refresh_fn");
  EXPECT_TRUE(RefreshSlot);
}

TEST(ProgramFacts, IndirectCallsAndSlotTargets) {
  Collected C = collect(R"(
struct foo_ctx;
struct foo_ops {
	int (*update)(struct foo_ctx *);
	void (*reset)(struct foo_ctx *);
};
struct foo_ctx { const struct foo_ops *ops; void (*done)(void); };
static int my_update(struct foo_ctx *c) { return 0; }
static void my_reset(struct foo_ctx *c) { }
static const struct foo_ops ops_designated = { .update = my_update };
static const struct foo_ops ops_positional = { my_update, my_reset };
void assign(struct foo_ops *o) { o->reset = my_reset; }
int call(struct foo_ctx *ctx, int (*fp)(struct foo_ctx *))
{
	fp(ctx);
	return ctx->ops->update(ctx);
}
)");
  const FunctionFacts &Call = fn(C.Facts, "call");
  ASSERT_EQ(Call.Calls.size(), 1u); // fp() names no slot
  EXPECT_EQ(Call.Calls[0].Callee, "*foo_ops.update");
  EXPECT_EQ(Call.Calls[0].Text, "ctx->ops->update");
  EXPECT_EQ(Call.Calls[0].ArgClasses, Classes{"@0"});

  std::multiset<std::pair<std::string, std::string>> Slots;
  for (const SlotTarget &S : C.Facts.Slots)
    Slots.insert({S.Slot, S.Function});
  EXPECT_EQ(Slots, (std::multiset<std::pair<std::string, std::string>>{
                       {"foo_ops.update", C.key("my_update")},
                       {"foo_ops.update", C.key("my_update")},
                       {"foo_ops.reset", C.key("my_reset")},
                       {"foo_ops.reset", C.key("my_reset")}}));
  EXPECT_TRUE(C.Facts.Bindings.empty());
}

TEST(ProgramFacts, CallsWhoseResultIsCachedRunOncePerObject) {
  Collected C = collect(R"(
struct foo_state { int mode; };
struct foo_dev { struct foo_state *state; };
struct foo_state *parse(struct foo_dev *d);
void cached(struct foo_dev *d)
{
	struct foo_state *st = d->state;
	if (!st) {
		st = parse(d);
		d->state = st;
	}
}
void in_place(struct foo_dev *d)
{
	if (!d->state)
		d->state = parse(d);
}
void never_kept(struct foo_dev *d)
{
	struct foo_state *st = 0;
	if (!st)
		st = parse(d);
}
void tested_after(struct foo_dev *d)
{
	d->state = parse(d);
	if (!d->state)
		return;
}
)");
  auto OnlyCall = [&](const char *Fn) -> const CallSite & {
    const FunctionFacts &F = fn(C.Facts, Fn);
    EXPECT_EQ(F.Calls.size(), 1u) << Fn;
    return F.Calls.at(0);
  };
  EXPECT_TRUE(OnlyCall("cached").Once);
  EXPECT_TRUE(OnlyCall("in_place").Once);
  EXPECT_FALSE(OnlyCall("never_kept").Once);
  EXPECT_FALSE(OnlyCall("tested_after").Once);
  nlohmann::json J = OnlyCall("cached");
  EXPECT_TRUE(J.get<CallSite>().Once);
  EXPECT_FALSE(nlohmann::json(OnlyCall("never_kept")).contains("once"));
}

TEST(ProgramFacts, JsonRoundTripKeepsEverything) {
  Collected C = collect(CallbackDriver);
  ASSERT_FALSE(C.Facts.Functions.empty());
  nlohmann::json J = C.Facts;
  TUProgramFacts Back = J.get<TUProgramFacts>();
  nlohmann::json Again = Back;
  EXPECT_EQ(J, Again);
  EXPECT_EQ(Back.Functions.size(), C.Facts.Functions.size());
  EXPECT_EQ(Back.Bindings.size(), C.Facts.Bindings.size());
  EXPECT_EQ(Back.Slots.size(), C.Facts.Slots.size());
  EXPECT_FALSE(J.at("bindings").empty());
}

TEST(ProgramFacts, FactsOfAnotherVersionAreRefused) {
  nlohmann::json J = TUProgramFacts{};
  J["version"] = FactsVersion + 1;
  EXPECT_THROW(J.get<TUProgramFacts>(), nlohmann::json::exception);
}

TEST(ProgramFacts, CorpusLockCasesGiveFacts) {
  unsigned Files = 0;
  for (const std::string &Path : test::corpusFiles()) {
    if (Path.find("/devlife-lock-") == std::string::npos)
      continue;
    ++Files;
    Collected C = collect(test::readFile(Path),
                          std::string(llvm::sys::path::parent_path(Path)));
    EXPECT_FALSE(C.Facts.Functions.empty()) << Path;
    unsigned Sites = 0;
    for (const FunctionFacts &F : C.Facts.Functions)
      Sites += F.Locks.size() + F.Barriers.size();
    EXPECT_GT(Sites, 0u) << Path;
  }
  EXPECT_GT(Files, 10u);
}

TEST(ProgramFacts, CorpusOverlayHoldsTheMutexAcrossTheWait) {
  std::string Path =
      DEVLIFE_CORPUS_DIR "/devlife-lock-across-barrier/overlay.c";
  Collected C = collect(test::readFile(Path));
  std::string Mutex = C.key("abd_of_mutex");
  const FunctionFacts &Remove = fn(C.Facts, "abd_overlay_remove");
  EXPECT_EQ(heldAt(Remove, "abd_free_overlay_changeset"), Classes{Mutex});
  const FunctionFacts &Entry = fn(C.Facts, "abd_changeset_entry_destroy");
  const BarrierSite *Wait = barrier(Entry, "device_link_wait_removal");
  ASSERT_NE(Wait, nullptr);
  EXPECT_TRUE(Wait->Opaque);
}

// On a prepared Linux tree (../shared/bench/kernel-setup.sh): the
// of_overlay_remove() chain of the 2024 devlink deadlock. The tree is
// found as tests/kernel-smoke.sh finds it: $DEVLIFE_KSRC, else the bench
// cache under $HOME.
const std::string KernelTree = [] {
  if (const char *K = std::getenv("DEVLIFE_KSRC"))
    return std::string(K);
  const char *Home = std::getenv("HOME");
  return std::string(Home ? Home : "") +
         "/.cache/devlife-bench/linux-source-6.12";
}();

TUProgramFacts kernelFacts(const std::string &Rel) {
  std::string Error;
  auto DB = clang::tooling::JSONCompilationDatabase::loadFromFile(
      KernelTree + "/compile_commands.json", Error,
      clang::tooling::JSONCommandLineSyntax::AutoDetect);
  if (!DB) {
    ADD_FAILURE() << Error;
    return {};
  }
  std::string File = KernelTree + "/" + Rel;
  std::vector<clang::tooling::CompileCommand> Cmds = DB->getCompileCommands(File);
  if (Cmds.empty()) {
    ADD_FAILURE() << "no command for " << File;
    return {};
  }
  std::vector<std::string> Args = syntaxOnlyArguments(
      Cmds[0].CommandLine, DEVLIFE_CLANG_RESOURCE_DIR);
  clang::tooling::FixedCompilationDatabase Fixed(Cmds[0].Directory, {});
  clang::tooling::ClangTool Tool(Fixed, {File});
  Tool.clearArgumentsAdjusters();
  Tool.appendArgumentsAdjuster(
      [&](const clang::tooling::CommandLineArguments &, llvm::StringRef) {
        std::vector<std::string> A = Args;
        A.erase(std::remove(A.begin(), A.end(), File), A.end());
        A.erase(std::remove(A.begin(), A.end(), Rel), A.end());
        A.push_back(File);
        return A;
      });
  std::vector<std::unique_ptr<clang::ASTUnit>> ASTs;
  Tool.buildASTs(ASTs);
  if (ASTs.empty()) {
    ADD_FAILURE() << "cannot parse " << File;
    return {};
  }
  TUProgramFacts Facts = collectProgramFacts(ASTs[0]->getASTContext(), model());
  if (std::getenv("DEVLIFE_DUMP_FACTS"))
    llvm::errs() << nlohmann::json(Facts).dump() << "\n";
  return Facts;
}

std::string functionKeyIn(const TUProgramFacts &F, const std::string &Name) {
  const FunctionFacts *Fn = function(F, Name);
  return Fn ? Fn->Key : "";
}

bool kernelTreeReady() {
  // kernel-setup.sh writes the compile database last, after every build step.
  return llvm::sys::fs::exists(KernelTree + "/compile_commands.json");
}

TEST(ProgramFactsKernel, OverlayRemoveHoldsOfMutexDownToTheDevlinkWait) {
  if (!kernelTreeReady())
    GTEST_SKIP() << "no prepared kernel tree at " << KernelTree;
  TUProgramFacts Overlay = kernelFacts("drivers/of/overlay.c");
  const FunctionFacts &Remove = fn(Overlay, "of_overlay_remove");
  bool Held = false;
  for (const CallSite &Call : Remove.Calls)
    if (Call.Text == "free_overlay_changeset")
      Held = classes(Call.Held) == Classes{"of_mutex"};
  EXPECT_TRUE(Held);
  const FunctionFacts &Free = fn(Overlay, "free_overlay_changeset");
  bool Destroys = false;
  for (const CallSite &Call : Free.Calls)
    Destroys |= Call.Callee == "of_changeset_destroy";
  EXPECT_TRUE(Destroys);

  TUProgramFacts Dynamic = kernelFacts("drivers/of/dynamic.c");
  const FunctionFacts &Destroy = fn(Dynamic, "of_changeset_destroy");
  const BarrierSite *Wait = barrier(Destroy, "device_link_wait_removal");
  ASSERT_NE(Wait, nullptr);
  EXPECT_TRUE(Wait->Opaque);

  TUProgramFacts Core = kernelFacts("drivers/base/core.c");
  const FunctionFacts &WaitRemoval = fn(Core, "device_link_wait_removal");
  const BarrierSite *Flush = barrier(WaitRemoval, "__flush_workqueue");
  ASSERT_NE(Flush, nullptr);
  EXPECT_NE(Flush->Object.find("device_link_wq"), std::string::npos)
      << Flush->Object;
  bool Bound = false, Queued = false;
  for (const Binding &B : Core.Bindings) {
    Bound |= B.Api == "work_struct.func" && B.Object == "struct device_link.rm_work" &&
             B.Callbacks == Classes{functionKeyIn(Core, "device_link_release_fn")};
    Queued |= B.Kind == "workqueue" &&
              B.Object.find("device_link_wq") != std::string::npos &&
              B.Members == Classes{"struct device_link.rm_work"};
  }
  EXPECT_TRUE(Bound);
  EXPECT_TRUE(Queued);
}

} // namespace
} // namespace devlife::program
