// SPDX-License-Identifier: GPL-2.0
/*
 * Lock helpers in one file, used in another (helpers_b.c): the core of a
 * sensor hub exports lhx_lock_state(), which returns with state_lock held,
 * and lhx_unlock_state(). Here io_lock is held while state_lock is taken;
 * helpers_b.c takes io_lock after lhx_lock_state(), the other order, which
 * only a caller that knows what the helper returns with can see.
 */
#include <linux/kernel.h>
#include "helpers.h"

// Silent: returns with state_lock held; its callers own the unlock.
void lhx_lock_state(struct lhx_hub *hub)
{
	mutex_lock(&hub->state_lock);
}

// Silent: releases its caller's state_lock.
void lhx_unlock_state(struct lhx_hub *hub)
{
	mutex_unlock(&hub->state_lock);
}

// Bug: io_lock held while state_lock is taken; helpers_b.c's lhx_power_io() takes them the other way round.
static void lhx_io_resume(struct lhx_hub *hub)
{
	mutex_lock(&hub->io_lock);
	mutex_lock(&hub->state_lock); // expect: devlife-lock-order-inversion
	hub->state = 1;
	mutex_unlock(&hub->state_lock);
	mutex_unlock(&hub->io_lock);
}

// Silent: the resume work takes state_lock through lhx_lock_state().
static void lhx_resume_fn(struct work_struct *work)
{
	struct lhx_hub *hub = container_of(work, struct lhx_hub, resume_work);

	lhx_lock_state(hub);
	hub->state = 0;
	lhx_unlock_state(hub);
}

// Silent: binds the resume work and runs the resume path once.
void lhx_core_init(struct lhx_hub *hub)
{
	INIT_WORK(&hub->resume_work, lhx_resume_fn);
	lhx_io_resume(hub);
}
