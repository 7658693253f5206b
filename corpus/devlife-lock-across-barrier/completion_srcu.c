// SPDX-License-Identifier: GPL-2.0
/*
 * Completions and SRCU. wait_for_completion*(&x->done) waits for the
 * function that calls complete(&x->done) / complete_all(&x->done);
 * synchronize_srcu(&ss) waits for every srcu_read_lock(&ss) read section;
 * srcu_barrier(&ss) waits for the callbacks queued with call_srcu(&ss).
 * A mailbox-like driver: a reply work that completes ctx->reply under
 * ctx->lock, a reset work that complete_all()s ctx->reset_done after
 * taking ctx->cfg_lock, a lookup path that takes ctx->lock inside an SRCU
 * read section, an SRCU callback that takes ctx->free_lock, and a teardown
 * that completes ctx->unhooked before it takes ctx->lock.
 */
#include <linux/kernel.h>
#include <linux/device.h>
#include <linux/completion.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/srcu.h>
#include <linux/workqueue.h>

struct abc_ctx {
	struct device *dev;
	struct mutex lock;
	struct mutex cfg_lock;
	spinlock_t free_lock;
	struct completion reply;
	struct completion reset_done;
	struct completion idle;
	struct completion unhooked;
	struct work_struct reply_work;
	struct work_struct reset_work;
	struct rcu_head rcu;
	u32 msg;
	u32 cfg;
	u32 freed;
};

DEFINE_STATIC_SRCU(abc_srcu);

// Silent: reply work, takes ctx->lock and then completes ctx->reply.
static void abc_reply_fn(struct work_struct *work)
{
	struct abc_ctx *ctx = container_of(work, struct abc_ctx, reply_work);

	mutex_lock(&ctx->lock);
	ctx->msg = 0;
	mutex_unlock(&ctx->lock);
	complete(&ctx->reply);
}

// Silent: reset work, takes ctx->cfg_lock and then complete_all()s ctx->reset_done.
static void abc_reset_fn(struct work_struct *work)
{
	struct abc_ctx *ctx = container_of(work, struct abc_ctx, reset_work);

	mutex_lock(&ctx->cfg_lock);
	ctx->cfg = 0;
	mutex_unlock(&ctx->cfg_lock);
	complete_all(&ctx->reset_done);
}

// Silent: completes ctx->idle without taking any lock.
static void abc_mark_idle(struct abc_ctx *ctx)
{
	complete(&ctx->idle);
}

// Silent: SRCU reader; takes ctx->lock inside the read section.
static u32 abc_lookup(struct abc_ctx *ctx)
{
	u32 msg;
	int idx;

	idx = srcu_read_lock(&abc_srcu);
	mutex_lock(&ctx->lock);
	msg = ctx->msg;
	mutex_unlock(&ctx->lock);
	srcu_read_unlock(&abc_srcu, idx);
	return msg;
}

// Silent: SRCU callback, takes ctx->free_lock.
static void abc_free_rcu(struct rcu_head *head)
{
	struct abc_ctx *ctx = container_of(head, struct abc_ctx, rcu);

	spin_lock(&ctx->free_lock);
	ctx->freed++;
	spin_unlock(&ctx->free_lock);
}

// Silent: sets up the completions and the works, queues the SRCU callback.
static int abc_probe(struct abc_ctx *ctx)
{
	mutex_init(&ctx->lock);
	mutex_init(&ctx->cfg_lock);
	spin_lock_init(&ctx->free_lock);
	init_completion(&ctx->reply);
	init_completion(&ctx->reset_done);
	init_completion(&ctx->idle);
	INIT_WORK(&ctx->reply_work, abc_reply_fn);
	INIT_WORK(&ctx->reset_work, abc_reset_fn);
	call_srcu(&abc_srcu, &ctx->rcu, abc_free_rcu);
	return 0;
}

// Bug: wait_for_completion() of ctx->reply under ctx->lock; the completer takes ctx->lock first.
static u32 abc_send(struct abc_ctx *ctx, u32 msg)
{
	u32 ret;

	mutex_lock(&ctx->lock);
	ctx->msg = msg;
	schedule_work(&ctx->reply_work);
	wait_for_completion(&ctx->reply); // expect: devlife-lock-across-barrier
	ret = ctx->msg;
	mutex_unlock(&ctx->lock);
	return ret;
}

// Silent: the message is posted under the lock, the wait happens after it is dropped.
static u32 abc_send_fixed(struct abc_ctx *ctx, u32 msg)
{
	mutex_lock(&ctx->lock);
	ctx->msg = msg;
	mutex_unlock(&ctx->lock);
	schedule_work(&ctx->reply_work);
	wait_for_completion(&ctx->reply);
	return abc_lookup(ctx);
}

// Silent: wait_for_completion_timeout() of ctx->reset_done under cfg_lock, and the complete_all() side takes cfg_lock;
// but a timed wait ends by itself: a stall, not a deadlock (the waits the model lists are the untimed ones).
static int abc_reset(struct abc_ctx *ctx)
{
	unsigned long left;

	mutex_lock(&ctx->cfg_lock);
	schedule_work(&ctx->reset_work);
	left = wait_for_completion_timeout(&ctx->reset_done, HZ);
	mutex_unlock(&ctx->cfg_lock);
	return left ? 0 : -ETIMEDOUT;
}

// Bug: wait_for_completion_interruptible() of ctx->reply, inside guard(mutex) on ctx->lock.
static int abc_wait_reply(struct abc_ctx *ctx)
{
	guard(mutex)(&ctx->lock);

	return wait_for_completion_interruptible(&ctx->reply); // expect: devlife-lock-across-barrier
}

// Silent: the completer of ctx->idle takes no lock.
static void abc_wait_idle(struct abc_ctx *ctx)
{
	mutex_lock(&ctx->lock);
	wait_for_completion(&ctx->idle);
	mutex_unlock(&ctx->lock);
	abc_mark_idle(ctx);
}

// Silent: cfg_lock is held, but the ctx->reply completer takes ctx->lock.
static int abc_wait_reply_cfg(struct abc_ctx *ctx)
{
	int ret;

	mutex_lock(&ctx->cfg_lock);
	ret = wait_for_completion_interruptible(&ctx->reply);
	mutex_unlock(&ctx->cfg_lock);
	return ret;
}

// Bug: synchronize_srcu() under ctx->lock waits for the reader, which takes ctx->lock inside its read section.
static void abc_replace(struct abc_ctx *ctx, u32 msg)
{
	mutex_lock(&ctx->lock);
	ctx->msg = msg;
	synchronize_srcu(&abc_srcu); // expect: devlife-lock-across-barrier
	mutex_unlock(&ctx->lock);
}

// Silent: the update is published under the lock, the grace period is waited for after it.
static void abc_replace_fixed(struct abc_ctx *ctx, u32 msg)
{
	mutex_lock(&ctx->lock);
	ctx->msg = msg;
	mutex_unlock(&ctx->lock);
	synchronize_srcu(&abc_srcu);
}

// Bug: srcu_barrier() while holding free_lock, which the call_srcu() callback takes.
static void abc_drain_frees(struct abc_ctx *ctx)
{
	spin_lock(&ctx->free_lock);
	ctx->freed = 0;
	srcu_barrier(&abc_srcu); // expect: devlife-lock-across-barrier
	spin_unlock(&ctx->free_lock);
}

// Silent: srcu_barrier() under cfg_lock; the SRCU callback only takes free_lock.
static void abc_remove(struct abc_ctx *ctx)
{
	mutex_lock(&ctx->cfg_lock);
	ctx->cfg = 0;
	srcu_barrier(&abc_srcu);
	mutex_unlock(&ctx->cfg_lock);
	cancel_work_sync(&ctx->reply_work);
	cancel_work_sync(&ctx->reset_work);
}

// Silent: completes ctx->unhooked first; the ctx->lock it takes afterwards never holds a waiter up.
static void abc_unhook(struct abc_ctx *ctx)
{
	complete_all(&ctx->unhooked);
	mutex_lock(&ctx->lock);
	ctx->msg = 0;
	mutex_unlock(&ctx->lock);
}

// Silent: waits for ctx->unhooked under ctx->lock; the completer takes ctx->lock only after complete_all().
static void abc_wait_unhooked(struct abc_ctx *ctx)
{
	mutex_lock(&ctx->lock);
	wait_for_completion(&ctx->unhooked);
	mutex_unlock(&ctx->lock);
	abc_unhook(ctx);
}
