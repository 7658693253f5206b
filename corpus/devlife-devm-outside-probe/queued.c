// SPDX-License-Identifier: GPL-2.0
/*
 * A work function runs each time its work is queued. Probe deferring the
 * rest of its setup to a work it queues once (directly or through a
 * helper only probe calls) runs that work once per binding, like probe
 * itself; a work that a sysfs store can queue again runs on every write.
 */
#include <linux/kernel.h>
#include <linux/device.h>
#include <linux/platform_device.h>
#include <linux/workqueue.h>

struct dqw_priv {
	struct device *dev;
	struct work_struct setup;
	struct work_struct late;
	struct work_struct rescan;
	void *fw, *tables, *snapshot;
};

// Silent: queued from probe only.
static void dqw_setup(struct work_struct *work)
{
	struct dqw_priv *priv = container_of(work, struct dqw_priv, setup);

	priv->fw = devm_kzalloc(priv->dev, 4096, GFP_KERNEL);
}

// Silent: queued by a helper that only probe calls.
static void dqw_late(struct work_struct *work)
{
	struct dqw_priv *priv = container_of(work, struct dqw_priv, late);

	priv->tables = devm_kzalloc(priv->dev, 512, GFP_KERNEL);
}

// Bug: probe queues it, and so does every write to the rescan attribute.
static void dqw_rescan(struct work_struct *work)
{
	struct dqw_priv *priv = container_of(work, struct dqw_priv, rescan);

	priv->snapshot = devm_kzalloc(priv->dev, 256, GFP_KERNEL); // expect: devlife-devm-outside-probe
}

static ssize_t rescan_store(struct device *dev, struct device_attribute *attr,
			    const char *buf, size_t count)
{
	struct dqw_priv *priv = dev_get_drvdata(dev);

	schedule_work(&priv->rescan);
	return count;
}
static DEVICE_ATTR_WO(rescan);

static void dqw_start_late(struct dqw_priv *priv)
{
	schedule_work(&priv->late);
}

static int dqw_probe(struct platform_device *pdev)
{
	struct dqw_priv *priv = devm_kzalloc(&pdev->dev, sizeof(*priv), GFP_KERNEL);

	if (!priv)
		return -ENOMEM;
	priv->dev = &pdev->dev;
	dev_set_drvdata(&pdev->dev, priv);
	INIT_WORK(&priv->setup, dqw_setup);
	INIT_WORK(&priv->late, dqw_late);
	INIT_WORK(&priv->rescan, dqw_rescan);
	schedule_work(&priv->setup);
	dqw_start_late(priv);
	schedule_work(&priv->rescan);
	return 0;
}

static struct platform_driver dqw_driver = {
	.probe = dqw_probe,
	.driver = { .name = "dqw" },
};
