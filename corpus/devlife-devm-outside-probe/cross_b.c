// SPDX-License-Identifier: GPL-2.0
/*
 * The library half of a two-file case: nothing here says who calls these
 * helpers; only the program model knows that cross_a.c's work function
 * calls dox_grab_frame() and its probe dox_build_table().
 */
#include <linux/kernel.h>
#include "cross.h"

// Bug: reached from the poll work in cross_a.c, every time it runs.
void *dox_grab_frame(struct dox_priv *priv)
{
	return devm_kzalloc(priv->dev, 4096, GFP_KERNEL); // expect: devlife-devm-outside-probe
}

// Silent: only probe calls it.
int dox_build_table(struct dox_priv *priv)
{
	priv->table = devm_kzalloc(priv->dev, 64, GFP_KERNEL);
	return priv->table ? 0 : -ENOMEM;
}
