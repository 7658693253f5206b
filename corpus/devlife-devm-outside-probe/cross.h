/* SPDX-License-Identifier: GPL-2.0 */
/* Shared by cross_a.c and cross_b.c: a helper in one file, its callers in the other. */
#ifndef DOX_CROSS_H
#define DOX_CROSS_H

#include <linux/device.h>
#include <linux/workqueue.h>

struct dox_priv {
	struct device *dev;
	struct work_struct poll;
	void *frame;
	void *table;
};

void *dox_grab_frame(struct dox_priv *priv);
int dox_build_table(struct dox_priv *priv);

#endif
