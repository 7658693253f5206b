// SPDX-License-Identifier: GPL-2.0
/*
 * Cross-file, second half: what cross_a.c's probe obtained with devm calls
 * is released by hand here; priv->tx is reallocated with kzalloc(), so it
 * is not devm's alone.
 */
#include "cross.h"

// Silent: the new tx buffer is plain kzalloc() memory, freed by hand.
int dmx_resize_tx(struct dmx_priv *priv, size_t len)
{
	u8 *tx = kzalloc(len, GFP_KERNEL);

	if (!tx)
		return -ENOMEM;
	kfree(priv->tx);
	priv->tx = tx;
	priv->tx_len = len;
	return 0;
}

// Bug: rx, name and the IRQ go twice: here and at unbind.
void dmx_remove(struct platform_device *pdev)
{
	struct dmx_priv *priv = platform_get_drvdata(pdev);

	free_irq(priv->irq, priv); // expect: devlife-devm-manual-free
	kfree(priv->tx);
	kfree(priv->rx); // expect: devlife-devm-manual-free
	kfree(priv->name); // expect: devlife-devm-manual-free
}
