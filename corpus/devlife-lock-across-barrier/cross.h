/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by cross_a.c and cross_b.c: a display-port-like link whose work
 * functions live in cross_b.c and whose teardown lives in cross_a.c.
 */
#ifndef ABX_CROSS_H
#define ABX_CROSS_H

#include <linux/device.h>
#include <linux/mutex.h>
#include <linux/workqueue.h>

struct abx_port {
	struct device *dev;
	struct mutex lock;		/* link state */
	struct mutex train_lock;	/* link-training parameters */
	struct work_struct link_work;
	struct delayed_work train;
	u32 state;
	u32 lanes;
};

/* cross_b.c */
void abx_link_work_fn(struct work_struct *work);
void abx_train_fn(struct work_struct *work);
int abx_port_refresh(struct abx_port *port);

#endif /* ABX_CROSS_H */
