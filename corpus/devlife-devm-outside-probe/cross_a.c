// SPDX-License-Identifier: GPL-2.0
/*
 * The driver half of a two-file case: a work function here reaches a devm
 * call in cross_b.c; probe reaches another one there, which is fine.
 */
#include <linux/kernel.h>
#include <linux/platform_device.h>
#include "cross.h"

// Bug (reported in cross_b.c): the poll work calls dox_grab_frame().
static void dox_poll(struct work_struct *work)
{
	struct dox_priv *priv = container_of(work, struct dox_priv, poll);

	priv->frame = dox_grab_frame(priv);
	schedule_work(&priv->poll);
}

// Silent: probe builds the table once.
static int dox_probe(struct platform_device *pdev)
{
	struct dox_priv *priv = devm_kzalloc(&pdev->dev, sizeof(*priv), GFP_KERNEL);

	if (!priv)
		return -ENOMEM;
	priv->dev = &pdev->dev;
	INIT_WORK(&priv->poll, dox_poll);
	schedule_work(&priv->poll);
	return dox_build_table(priv);
}

static struct platform_driver dox_driver = {
	.probe = dox_probe,
	.driver = { .name = "dox" },
};
