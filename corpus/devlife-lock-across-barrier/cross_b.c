// SPDX-License-Identifier: GPL-2.0
/*
 * The callback half of a cross-file case (see cross_a.c): the link work
 * reaches port->lock through two helpers of this file; the training work
 * takes only port->train_lock. Nothing here holds a lock across a barrier.
 */
#include <linux/kernel.h>
#include "cross.h"

// Silent: innermost helper, takes port->lock.
static void abx_port_apply(struct abx_port *port, u32 state)
{
	mutex_lock(&port->lock);
	port->state = state;
	mutex_unlock(&port->lock);
}

// Silent: exported helper, one call above the lock.
int abx_port_refresh(struct abx_port *port)
{
	abx_port_apply(port, port->lanes ? 1 : 0);
	return 0;
}

// Silent: link work function (bound in cross_a.c), reaches port->lock at depth 2.
void abx_link_work_fn(struct work_struct *work)
{
	struct abx_port *port = container_of(work, struct abx_port, link_work);

	abx_port_refresh(port);
}

// Silent: link-training delayed work (bound in cross_a.c), takes only port->train_lock.
void abx_train_fn(struct work_struct *work)
{
	struct abx_port *port = container_of(to_delayed_work(work), struct abx_port, train);

	mutex_lock(&port->train_lock);
	port->lanes = 4;
	mutex_unlock(&port->train_lock);
}
