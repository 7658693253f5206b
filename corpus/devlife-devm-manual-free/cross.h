/* SPDX-License-Identifier: GPL-2.0 */
/* Shared by cross_a.c (probe) and cross_b.c (remove, resize). */
#ifndef DMX_CROSS_H
#define DMX_CROSS_H

#include <linux/kernel.h>
#include <linux/device.h>
#include <linux/platform_device.h>
#include <linux/interrupt.h>
#include <linux/slab.h>

struct dmx_priv {
	struct device *dev;
	u8 *rx;
	u8 *tx;
	char *name;
	int irq;
	size_t tx_len;
};

irqreturn_t dmx_irq(int irq, void *data);
int dmx_resize_tx(struct dmx_priv *priv, size_t len);
void dmx_remove(struct platform_device *pdev);

#endif
