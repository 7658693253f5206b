// SPDX-License-Identifier: GPL-2.0
/*
 * Power management: resume runs on every system resume, so a devm call there
 * adds a resource each time (DEFINE_SIMPLE_DEV_PM_OPS() stores the
 * callbacks through pm_sleep_ptr(), a conditional expression).
 */
#include <linux/kernel.h>
#include <linux/device.h>
#include <linux/platform_device.h>
#include <linux/pm.h>

struct dpm_priv {
	struct device *dev;
	void *ctx;
};

// Silent: suspend saves state in memory probe allocated.
static int dpm_suspend(struct device *dev)
{
	struct dpm_priv *priv = dev_get_drvdata(dev);

	return priv->ctx ? 0 : -EINVAL;
}

// Bug: a new context on every resume.
static int dpm_resume(struct device *dev)
{
	struct dpm_priv *priv = dev_get_drvdata(dev);

	priv->ctx = devm_kzalloc(dev, 128, GFP_KERNEL); // expect: devlife-devm-outside-probe
	return priv->ctx ? 0 : -ENOMEM;
}

static DEFINE_SIMPLE_DEV_PM_OPS(dpm_pm_ops, dpm_suspend, dpm_resume);

// Silent: probe allocates once.
static int dpm_probe(struct platform_device *pdev)
{
	struct dpm_priv *priv = devm_kzalloc(&pdev->dev, sizeof(*priv), GFP_KERNEL);

	if (!priv)
		return -ENOMEM;
	priv->ctx = devm_kzalloc(&pdev->dev, 128, GFP_KERNEL);
	dev_set_drvdata(&pdev->dev, priv);
	return 0;
}

static struct platform_driver dpm_driver = {
	.probe = dpm_probe,
	.driver = { .name = "dpm", .pm = pm_sleep_ptr(&dpm_pm_ops) },
};
