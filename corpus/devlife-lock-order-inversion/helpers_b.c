// SPDX-License-Identifier: GPL-2.0
/*
 * Callers of helpers_a.c's lock helpers: what the helper returns with is
 * held here, and what it releases is held no longer. The barrier cases
 * are reported in this file, so clang-tidy on it alone must know the
 * helpers too (from the facts an audit left).
 */
#include <linux/kernel.h>
#include "helpers.h"

// Bug: state_lock (from lhx_lock_state()) held while io_lock is taken: the other edge of helpers_a.c's pair.
void lhx_power_io(struct lhx_hub *hub)
{
	lhx_lock_state(hub);
	mutex_lock(&hub->io_lock); // expect-also: devlife-lock-order-inversion
	hub->reg = hub->state;
	mutex_unlock(&hub->io_lock);
	lhx_unlock_state(hub);
}

// Silent: state_lock is released by lhx_unlock_state() before io_lock is taken.
void lhx_read_io(struct lhx_hub *hub)
{
	mutex_lock(&hub->state_lock);
	hub->state = 2;
	lhx_unlock_state(hub);
	mutex_lock(&hub->io_lock);
	hub->reg = 0;
	mutex_unlock(&hub->io_lock);
}

// Bug: state_lock (from lhx_lock_state()) held across cancel_work_sync() of a work that takes it.
void lhx_suspend(struct lhx_hub *hub)
{
	lhx_lock_state(hub);
	hub->state = 3;
	cancel_work_sync(&hub->resume_work); // expect: devlife-lock-across-barrier
	lhx_unlock_state(hub);
}

// Silent: lhx_unlock_state() dropped state_lock before the barrier.
void lhx_suspend_unlocked(struct lhx_hub *hub)
{
	lhx_lock_state(hub);
	hub->state = 3;
	lhx_unlock_state(hub);
	cancel_work_sync(&hub->resume_work);
}
