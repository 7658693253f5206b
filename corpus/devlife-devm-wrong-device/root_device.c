// SPDX-License-Identifier: GPL-2.0
/*
 * A driver that groups its functions under a root_device_register()
 * device (seed 003: "the root_device will only release the devm resources
 * when it's freed ... but a bus device will also do it in device_del").
 * Since 6.4 device_del() releases any device's devres, so devm on the root
 * device goes when the driver unregisters it, on its own schedule, not at
 * unbind. Test code with no driver (root-device-test.c) attaches to its
 * root devices on purpose: wdr_test.c is silent.
 */
#include <linux/kernel.h>
#include <linux/device.h>
#include <linux/platform_device.h>
#include <linux/slab.h>

struct wdr_priv {
	struct device *group;
	void *buf;
};

// Bug: the driver's buffer hangs on the root device, not on the bound one.
static int wdr_probe(struct platform_device *pdev)
{
	struct wdr_priv *priv = devm_kzalloc(&pdev->dev, sizeof(*priv), GFP_KERNEL);
	struct device *dev;

	if (!priv)
		return -ENOMEM;
	dev = root_device_register("wdr-group");
	if (IS_ERR(dev))
		return PTR_ERR(dev);
	priv->group = dev;
	priv->buf = devm_kzalloc(dev, 128, GFP_KERNEL); // expect: devlife-devm-wrong-device
	return priv->buf ? 0 : -ENOMEM;
}

// Silent: plain memory, freed by remove.
static int wdr_probe_plain(struct platform_device *pdev)
{
	struct wdr_priv *priv = devm_kzalloc(&pdev->dev, sizeof(*priv), GFP_KERNEL);

	if (!priv)
		return -ENOMEM;
	priv->group = root_device_register("wdr-plain");
	if (IS_ERR(priv->group))
		return PTR_ERR(priv->group);
	priv->buf = kzalloc(128, GFP_KERNEL);
	return priv->buf ? 0 : -ENOMEM;
}

static struct platform_driver wdr_driver = {
	.probe = wdr_probe,
	.driver = { .name = "wdr" },
};

static struct platform_driver wdr_plain_driver = {
	.probe = wdr_probe_plain,
	.driver = { .name = "wdr-plain" },
};
