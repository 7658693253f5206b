// SPDX-License-Identifier: GPL-2.0
/*
 * An inversion where one edge goes through a barrier. stop() holds cfg_lock
 * across flush_work() of the poll work, and the poll work takes poll_lock:
 * that is cfg_lock -> poll_lock. set_interval() holds poll_lock and takes
 * cfg_lock through a helper: poll_lock -> cfg_lock. (The poll work never
 * takes cfg_lock, so this is not a lock held across its own callback.)
 * A sensor-poller-like driver; the stats work and its lock only ever nest
 * in one order.
 */
#include <linux/kernel.h>
#include <linux/device.h>
#include <linux/mutex.h>
#include <linux/workqueue.h>

struct lob_ctx {
	struct device *dev;
	struct mutex cfg_lock;
	struct mutex poll_lock;
	struct mutex stats_lock;
	struct work_struct poll_work;
	struct work_struct stats_work;
	u32 interval;
	u32 last;
	u64 polls;
	bool enabled;
};

// Silent: poll work, takes poll_lock.
static void lob_poll_fn(struct work_struct *work)
{
	struct lob_ctx *ctx = container_of(work, struct lob_ctx, poll_work);

	mutex_lock(&ctx->poll_lock);
	ctx->last = ctx->interval;
	mutex_unlock(&ctx->poll_lock);
}

// Silent: stats work, takes stats_lock.
static void lob_stats_fn(struct work_struct *work)
{
	struct lob_ctx *ctx = container_of(work, struct lob_ctx, stats_work);

	mutex_lock(&ctx->stats_lock);
	ctx->polls++;
	mutex_unlock(&ctx->stats_lock);
}

// Silent: binds the works.
static int lob_probe(struct lob_ctx *ctx)
{
	mutex_init(&ctx->cfg_lock);
	mutex_init(&ctx->poll_lock);
	mutex_init(&ctx->stats_lock);
	INIT_WORK(&ctx->poll_work, lob_poll_fn);
	INIT_WORK(&ctx->stats_work, lob_stats_fn);
	return 0;
}

// Bug: cfg_lock held across flush_work() of a work that takes poll_lock (edge through the barrier).
static void lob_stop(struct lob_ctx *ctx)
{
	mutex_lock(&ctx->cfg_lock);
	ctx->enabled = false;
	flush_work(&ctx->poll_work); // expect: devlife-lock-order-inversion
	mutex_unlock(&ctx->cfg_lock);
}

// Silent: helper, takes cfg_lock.
static void lob_apply_cfg(struct lob_ctx *ctx, u32 interval)
{
	mutex_lock(&ctx->cfg_lock);
	ctx->interval = interval;
	mutex_unlock(&ctx->cfg_lock);
}

// Bug: poll_lock then (through lob_apply_cfg) cfg_lock: the reverse edge.
static int lob_set_interval(struct lob_ctx *ctx, u32 interval)
{
	mutex_lock(&ctx->poll_lock);
	ctx->last = 0;
	lob_apply_cfg(ctx, interval); // expect-also: devlife-lock-order-inversion
	mutex_unlock(&ctx->poll_lock);
	return 0;
}

// Silent: cfg_lock across cancel_work_sync() of the stats work (cfg_lock -> stats_lock), never reversed.
static void lob_reset_stats(struct lob_ctx *ctx)
{
	mutex_lock(&ctx->cfg_lock);
	cancel_work_sync(&ctx->stats_work);
	ctx->polls = 0;
	mutex_unlock(&ctx->cfg_lock);
}

// Silent: stats_lock is taken after cfg_lock is dropped: no stats_lock -> cfg_lock edge.
static u64 lob_read_stats(struct lob_ctx *ctx)
{
	u64 polls;

	lob_apply_cfg(ctx, ctx->interval);
	mutex_lock(&ctx->stats_lock);
	polls = ctx->polls;
	mutex_unlock(&ctx->stats_lock);
	return polls;
}
