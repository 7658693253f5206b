// SPDX-License-Identifier: GPL-2.0
/*
 * Cross-file, first half: probe keeps devm memory and a devm IRQ in the
 * private data; remove (cross_b.c) releases them by hand.
 */
#include "cross.h"

// Silent: the handler.
irqreturn_t dmx_irq(int irq, void *data)
{
	return IRQ_HANDLED;
}

// Silent: probe; priv->tx is devm here but kzalloc()ed in cross_b.c.
static int dmx_probe(struct platform_device *pdev)
{
	struct dmx_priv *priv;

	priv = devm_kzalloc(&pdev->dev, sizeof(*priv), GFP_KERNEL);
	if (!priv)
		return -ENOMEM;
	priv->dev = &pdev->dev;
	priv->rx = devm_kzalloc(&pdev->dev, 512, GFP_KERNEL);
	priv->tx = devm_kzalloc(&pdev->dev, 512, GFP_KERNEL);
	priv->tx_len = 512;
	priv->name = devm_kstrdup(&pdev->dev, "dmx", GFP_KERNEL);
	if (!priv->rx || !priv->tx || !priv->name)
		return -ENOMEM;
	priv->irq = platform_get_irq(pdev, 0);
	platform_set_drvdata(pdev, priv);
	return devm_request_irq(&pdev->dev, priv->irq, dmx_irq, 0, priv->name, priv);
}

static struct platform_driver dmx_driver = {
	.probe = dmx_probe,
	.remove = dmx_remove,
	.driver = {
		.name = "dmx",
	},
};
