// SPDX-License-Identifier: GPL-2.0
/*
 * Timers, tasklets and kthreads: del_timer_sync() / timer_delete_sync() /
 * timer_shutdown_sync() wait for a running timer function, tasklet_kill()
 * for a running tasklet, kthread_stop() for the thread function to return.
 * A network-adapter-like driver: a TX watchdog timer and a TX completion
 * tasklet taking the ctx->tx_lock spinlock, a stats timer and an RX tasklet
 * (tasklet_init) taking ctx->rx_lock, and a firmware-monitor kthread taking
 * the ctx->fw_lock mutex.
 */
#include <linux/kernel.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/interrupt.h>
#include <linux/kthread.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/timer.h>

struct abt_ctx {
	struct device *dev;
	spinlock_t tx_lock;
	spinlock_t rx_lock;
	struct mutex fw_lock;
	struct timer_list watchdog;
	struct timer_list stats_timer;
	struct tasklet_struct tx_done;
	struct tasklet_struct rx_task;
	struct task_struct *monitor;
	u32 tx_pending;
	u32 rx_pending;
	u32 fw_state;
};

// Silent: timer function, takes ctx->tx_lock.
static void abt_watchdog_fn(struct timer_list *t)
{
	struct abt_ctx *ctx = from_timer(ctx, t, watchdog);

	spin_lock(&ctx->tx_lock);
	ctx->tx_pending = 0;
	spin_unlock(&ctx->tx_lock);
}

// Silent: timer function, takes ctx->rx_lock and re-arms.
static void abt_stats_fn(struct timer_list *t)
{
	struct abt_ctx *ctx = from_timer(ctx, t, stats_timer);

	spin_lock(&ctx->rx_lock);
	ctx->rx_pending = 0;
	spin_unlock(&ctx->rx_lock);
	mod_timer(&ctx->stats_timer, jiffies + HZ);
}

// Silent: tasklet callback (tasklet_setup), takes ctx->tx_lock.
static void abt_tx_done_fn(struct tasklet_struct *t)
{
	struct abt_ctx *ctx = from_tasklet(ctx, t, tx_done);

	spin_lock(&ctx->tx_lock);
	ctx->tx_pending--;
	spin_unlock(&ctx->tx_lock);
}

// Silent: old-style tasklet function (tasklet_init), takes ctx->rx_lock.
static void abt_rx_fn(unsigned long data)
{
	struct abt_ctx *ctx = (struct abt_ctx *)data;

	spin_lock(&ctx->rx_lock);
	ctx->rx_pending--;
	spin_unlock(&ctx->rx_lock);
}

// Silent: kthread function, takes ctx->fw_lock on every round.
static int abt_monitor_fn(void *data)
{
	struct abt_ctx *ctx = data;

	while (!kthread_should_stop()) {
		mutex_lock(&ctx->fw_lock);
		ctx->fw_state++;
		mutex_unlock(&ctx->fw_lock);
	}
	return 0;
}

// Silent: binds the timers, the tasklets and the thread (object: ctx->monitor).
static int abt_open(struct abt_ctx *ctx)
{
	spin_lock_init(&ctx->tx_lock);
	spin_lock_init(&ctx->rx_lock);
	mutex_init(&ctx->fw_lock);
	timer_setup(&ctx->watchdog, abt_watchdog_fn, 0);
	timer_setup(&ctx->stats_timer, abt_stats_fn, 0);
	tasklet_setup(&ctx->tx_done, abt_tx_done_fn);
	tasklet_init(&ctx->rx_task, abt_rx_fn, (unsigned long)ctx);

	ctx->monitor = kthread_run(abt_monitor_fn, ctx, "abt-fw/%s", dev_name(ctx->dev));
	if (IS_ERR(ctx->monitor))
		return PTR_ERR(ctx->monitor);

	mod_timer(&ctx->watchdog, jiffies + HZ);
	mod_timer(&ctx->stats_timer, jiffies + HZ);
	return 0;
}

// Bug: del_timer_sync() of the watchdog while holding tx_lock, which the watchdog takes.
static void abt_tx_timeout_cancel(struct abt_ctx *ctx)
{
	spin_lock_bh(&ctx->tx_lock);
	ctx->tx_pending = 0;
	del_timer_sync(&ctx->watchdog); // expect: devlife-lock-across-barrier
	spin_unlock_bh(&ctx->tx_lock);
}

// Silent: the stats timer takes rx_lock, not the tx_lock held here.
static void abt_stop_stats(struct abt_ctx *ctx)
{
	spin_lock_bh(&ctx->tx_lock);
	ctx->tx_pending = 0;
	spin_unlock_bh(&ctx->tx_lock);
	timer_delete_sync(&ctx->stats_timer);
}

// Bug: timer_delete_sync() of the stats timer under rx_lock, which the stats timer takes.
static void abt_reset_rx(struct abt_ctx *ctx)
{
	spin_lock_bh(&ctx->rx_lock);
	ctx->rx_pending = 0;
	timer_delete_sync(&ctx->stats_timer); // expect: devlife-lock-across-barrier
	spin_unlock_bh(&ctx->rx_lock);
}

// Bug: timer_shutdown_sync() of the watchdog inside scoped_guard(spinlock_bh) on tx_lock.
static void abt_shutdown_watchdog(struct abt_ctx *ctx)
{
	scoped_guard(spinlock_bh, &ctx->tx_lock) {
		ctx->tx_pending = 0;
		timer_shutdown_sync(&ctx->watchdog); // expect: devlife-lock-across-barrier
	}
}

// Bug: tasklet_kill() of the TX completion tasklet while holding tx_lock.
static void abt_kill_tx(struct abt_ctx *ctx)
{
	spin_lock_bh(&ctx->tx_lock);
	tasklet_kill(&ctx->tx_done); // expect: devlife-lock-across-barrier
	ctx->tx_pending = 0;
	spin_unlock_bh(&ctx->tx_lock);
}

// Bug: tasklet_kill() of the RX tasklet (tasklet_init) while holding rx_lock.
static void abt_kill_rx(struct abt_ctx *ctx)
{
	spin_lock_bh(&ctx->rx_lock);
	tasklet_kill(&ctx->rx_task); // expect: devlife-lock-across-barrier
	spin_unlock_bh(&ctx->rx_lock);
}

// Bug: kthread_stop() of the monitor thread while holding fw_lock, which the thread loop takes.
static void abt_fw_reset(struct abt_ctx *ctx)
{
	mutex_lock(&ctx->fw_lock);
	ctx->fw_state = 0;
	kthread_stop(ctx->monitor); // expect: devlife-lock-across-barrier
	ctx->monitor = NULL;
	mutex_unlock(&ctx->fw_lock);
}

// Silent: the thread is stopped first, then fw_lock is taken.
static void abt_fw_reset_fixed(struct abt_ctx *ctx)
{
	kthread_stop(ctx->monitor);
	mutex_lock(&ctx->fw_lock);
	ctx->monitor = NULL;
	ctx->fw_state = 0;
	mutex_unlock(&ctx->fw_lock);
}

// Silent: close() waits for everything with no lock held.
static void abt_close(struct abt_ctx *ctx)
{
	timer_shutdown_sync(&ctx->watchdog);
	timer_shutdown_sync(&ctx->stats_timer);
	tasklet_kill(&ctx->tx_done);
	tasklet_kill(&ctx->rx_task);
	kthread_stop(ctx->monitor);
}
