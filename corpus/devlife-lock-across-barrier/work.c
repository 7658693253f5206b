// SPDX-License-Identifier: GPL-2.0
/*
 * Work items: flush_work(), cancel_work_sync(), flush_delayed_work() and
 * cancel_delayed_work_sync() wait for the work function to return. Holding
 * a lock the work function takes (at any call depth) across one of them is
 * an ABBA deadlock with the worker. A sensor-hub-like driver: a refresh
 * work that reprograms the hardware under ctx->lock, a delayed poll work,
 * a log work that takes no lock and a stats work with its own lock.
 */
#include <linux/kernel.h>
#include <linux/device.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

struct abw_ctx {
	struct device *dev;
	struct mutex lock;		/* hardware state */
	struct mutex stats_lock;	/* counters only */
	spinlock_t event_lock;		/* event ring */
	struct work_struct refresh;
	struct work_struct log_work;
	struct work_struct stats_work;
	struct work_struct event_work;
	struct delayed_work poll;
	struct delayed_work retry;
	bool running;
	u32 rate;
	u32 events;
	u64 samples;
};

// Silent: the innermost helper, takes ctx->lock.
static void abw_do_update(struct abw_ctx *ctx)
{
	mutex_lock(&ctx->lock);
	ctx->rate = ctx->rate ? ctx->rate : 100;
	mutex_unlock(&ctx->lock);
}

// Silent: one more call level between the work and the lock.
static void abw_update(struct abw_ctx *ctx)
{
	if (ctx->running)
		abw_do_update(ctx);
}

// Silent: work function, reaches ctx->lock at depth 2 (refresh -> update -> do_update).
static void abw_refresh_fn(struct work_struct *work)
{
	struct abw_ctx *ctx = container_of(work, struct abw_ctx, refresh);

	abw_update(ctx);
}

// Silent: work function that takes no lock at all.
static void abw_log_fn(struct work_struct *work)
{
	struct abw_ctx *ctx = container_of(work, struct abw_ctx, log_work);

	dev_info(ctx->dev, "rate %u\n", ctx->rate);
}

// Silent: work function that takes only ctx->stats_lock.
static void abw_stats_fn(struct work_struct *work)
{
	struct abw_ctx *ctx = container_of(work, struct abw_ctx, stats_work);

	mutex_lock(&ctx->stats_lock);
	ctx->samples++;
	mutex_unlock(&ctx->stats_lock);
}

// Silent: work function that takes only ctx->lock (a mutex), never event_lock.
static void abw_event_fn(struct work_struct *work)
{
	struct abw_ctx *ctx = container_of(work, struct abw_ctx, event_work);

	mutex_lock(&ctx->lock);
	ctx->events = 0;
	mutex_unlock(&ctx->lock);
}

// Silent: delayed work function, takes ctx->lock with guard(mutex).
static void abw_poll_fn(struct work_struct *work)
{
	struct abw_ctx *ctx = container_of(to_delayed_work(work), struct abw_ctx, poll);

	guard(mutex)(&ctx->lock);
	ctx->samples++;
}

// Silent: delayed work function that only trylocks ctx->lock and re-arms itself.
static void abw_retry_fn(struct work_struct *work)
{
	struct abw_ctx *ctx = container_of(to_delayed_work(work), struct abw_ctx, retry);

	if (!mutex_trylock(&ctx->lock)) {
		schedule_delayed_work(&ctx->retry, HZ);
		return;
	}
	ctx->rate++;
	mutex_unlock(&ctx->lock);
}

// Silent: binds every work function of this file.
static int abw_probe(struct abw_ctx *ctx)
{
	mutex_init(&ctx->lock);
	mutex_init(&ctx->stats_lock);
	spin_lock_init(&ctx->event_lock);
	INIT_WORK(&ctx->refresh, abw_refresh_fn);
	INIT_WORK(&ctx->log_work, abw_log_fn);
	INIT_WORK(&ctx->stats_work, abw_stats_fn);
	INIT_WORK(&ctx->event_work, abw_event_fn);
	INIT_DELAYED_WORK(&ctx->poll, abw_poll_fn);
	INIT_DELAYED_WORK(&ctx->retry, abw_retry_fn);
	ctx->running = true;
	return 0;
}

// Bug: flush_work() of the refresh work while holding ctx->lock, which the work takes two calls down.
static void abw_set_rate(struct abw_ctx *ctx, u32 rate)
{
	mutex_lock(&ctx->lock);
	ctx->rate = rate;
	flush_work(&ctx->refresh); // expect: devlife-lock-across-barrier
	mutex_unlock(&ctx->lock);
}

// Silent: the same flush, after the lock is dropped.
static void abw_set_rate_fixed(struct abw_ctx *ctx, u32 rate)
{
	mutex_lock(&ctx->lock);
	ctx->rate = rate;
	mutex_unlock(&ctx->lock);
	flush_work(&ctx->refresh);
}

// Silent: a helper that waits for the refresh work; it holds nothing itself.
static void abw_quiesce(struct abw_ctx *ctx)
{
	cancel_work_sync(&ctx->refresh);
}

// Bug: stop() takes ctx->lock and calls a helper that ends in cancel_work_sync() of the refresh work.
static void abw_stop(struct abw_ctx *ctx)
{
	mutex_lock(&ctx->lock);
	ctx->running = false;
	abw_quiesce(ctx); // expect: devlife-lock-across-barrier
	mutex_unlock(&ctx->lock);
}

// Bug: cancel_delayed_work_sync() of the poll work (guard(mutex) on ctx->lock) under ctx->lock.
static void abw_suspend(struct abw_ctx *ctx)
{
	mutex_lock(&ctx->lock);
	ctx->running = false;
	cancel_delayed_work_sync(&ctx->poll); // expect: devlife-lock-across-barrier
	mutex_unlock(&ctx->lock);
}

// Bug: guard(mutex) keeps ctx->lock to the end of the scope, across flush_delayed_work() of the poll work.
static void abw_sync_poll(struct abw_ctx *ctx)
{
	guard(mutex)(&ctx->lock);

	ctx->rate = 0;
	flush_delayed_work(&ctx->poll); // expect: devlife-lock-across-barrier
}

// Bug: cancel_work_sync() inside a scoped_guard(mutex) block on ctx->lock.
static void abw_reset(struct abw_ctx *ctx)
{
	scoped_guard(mutex, &ctx->lock) {
		ctx->rate = 0;
		cancel_work_sync(&ctx->refresh); // expect: devlife-lock-across-barrier
	}
}

// Silent: the scoped_guard block ends before the barrier.
static void abw_reset_fixed(struct abw_ctx *ctx)
{
	scoped_guard(mutex, &ctx->lock)
		ctx->rate = 0;
	cancel_work_sync(&ctx->refresh);
}

// Silent: the log work takes no lock; flushing it under ctx->lock is fine.
static void abw_dump(struct abw_ctx *ctx)
{
	mutex_lock(&ctx->lock);
	ctx->rate++;
	flush_work(&ctx->log_work);
	mutex_unlock(&ctx->lock);
}

// Silent: the stats work takes ctx->stats_lock, another field than the one held.
static void abw_clear_stats(struct abw_ctx *ctx)
{
	mutex_lock(&ctx->lock);
	ctx->samples = 0;
	cancel_work_sync(&ctx->stats_work);
	mutex_unlock(&ctx->lock);
}

// Silent: the retry work only trylocks ctx->lock, so it cannot block on the holder.
static void abw_stop_retry(struct abw_ctx *ctx)
{
	mutex_lock(&ctx->lock);
	ctx->running = false;
	cancel_delayed_work_sync(&ctx->retry);
	mutex_unlock(&ctx->lock);
}

// Silent: event_lock (a spinlock) is held, and the event work takes only the ctx->lock mutex.
static void abw_drop_events(struct abw_ctx *ctx)
{
	unsigned long flags;

	spin_lock_irqsave(&ctx->event_lock, flags);
	ctx->events = 0;
	cancel_work_sync(&ctx->event_work);
	spin_unlock_irqrestore(&ctx->event_lock, flags);
}

// Silent: ctx->lock is released on one path before the barrier, so it is not held on every path there.
static void abw_pause(struct abw_ctx *ctx)
{
	bool was_running;

	mutex_lock(&ctx->lock);
	was_running = ctx->running;
	if (was_running) {
		ctx->running = false;
		mutex_unlock(&ctx->lock);
	}
	cancel_work_sync(&ctx->refresh);
	if (!was_running)
		mutex_unlock(&ctx->lock);
}

// Silent: on the failure path of mutex_lock_interruptible() the lock is not held.
static int abw_resume(struct abw_ctx *ctx)
{
	if (mutex_lock_interruptible(&ctx->lock)) {
		cancel_work_sync(&ctx->refresh);
		return -EINTR;
	}
	ctx->running = true;
	mutex_unlock(&ctx->lock);
	schedule_work(&ctx->refresh);
	return 0;
}

// Bug: on the success path of mutex_lock_interruptible() the lock is held across flush_work().
static int abw_resume_sync(struct abw_ctx *ctx)
{
	int ret;

	ret = mutex_lock_interruptible(&ctx->lock);
	if (ret)
		return ret;
	ctx->running = true;
	flush_work(&ctx->refresh); // expect: devlife-lock-across-barrier
	mutex_unlock(&ctx->lock);
	return 0;
}

// Silent: remove() waits for everything with no lock held.
static void abw_remove(struct abw_ctx *ctx)
{
	cancel_delayed_work_sync(&ctx->poll);
	cancel_delayed_work_sync(&ctx->retry);
	cancel_work_sync(&ctx->refresh);
	cancel_work_sync(&ctx->log_work);
	cancel_work_sync(&ctx->stats_work);
	cancel_work_sync(&ctx->event_work);
}
