// SPDX-License-Identifier: GPL-2.0
/*
 * The barrier half of a cross-file case: the work functions bound here are
 * defined in cross_b.c, and the one that takes port->lock does so through
 * helpers in that file.
 */
#include <linux/kernel.h>
#include "cross.h"

// Silent: binds the works to functions of cross_b.c.
static int abx_probe(struct abx_port *port)
{
	mutex_init(&port->lock);
	mutex_init(&port->train_lock);
	INIT_WORK(&port->link_work, abx_link_work_fn);
	INIT_DELAYED_WORK(&port->train, abx_train_fn);
	schedule_work(&port->link_work);
	return 0;
}

// Bug: cancel_work_sync() of the link work under port->lock; the work (in cross_b.c) takes port->lock.
static void abx_port_disable(struct abx_port *port)
{
	mutex_lock(&port->lock);
	port->state = 0;
	cancel_work_sync(&port->link_work); // expect: devlife-lock-across-barrier
	mutex_unlock(&port->lock);
}

// Silent: the training work (in cross_b.c) takes port->train_lock, not port->lock.
static void abx_port_retrain(struct abx_port *port)
{
	mutex_lock(&port->lock);
	port->lanes = 0;
	cancel_delayed_work_sync(&port->train);
	mutex_unlock(&port->lock);
	abx_port_refresh(port);
}

// Silent: the link work is cancelled before port->lock is taken.
static void abx_port_disable_fixed(struct abx_port *port)
{
	cancel_work_sync(&port->link_work);
	mutex_lock(&port->lock);
	port->state = 0;
	mutex_unlock(&port->lock);
}
