// SPDX-License-Identifier: GPL-2.0
/*
 * devm calls on the bound device from code that runs many times while the
 * driver is bound: a sysfs store, a work function, a threaded IRQ handler.
 * Each call adds one more resource to the device's devres list and nothing
 * frees it before unbind. Probe, helpers that only probe calls, and
 * devm_kfree() (which releases early) are correct.
 */
#include <linux/kernel.h>
#include <linux/device.h>
#include <linux/platform_device.h>
#include <linux/interrupt.h>
#include <linux/workqueue.h>

struct dop_priv {
	struct device *dev;
	struct work_struct refresh;
	char *label;
	u32 *samples;
	int irq;
};

// Bug: probe calls this helper, but so does the store below: reported on its path.
static u32 *dop_alloc_samples(struct device *dev)
{
	return devm_kzalloc(dev, 256, GFP_KERNEL); // expect: devlife-devm-outside-probe
}

// Silent: called from probe alone.
static int dop_alloc_label(struct dop_priv *priv)
{
	priv->label = devm_kstrdup(priv->dev, "dop", GFP_KERNEL);
	return priv->label ? 0 : -ENOMEM;
}

// Silent inside: a managed helper of its own; its caller's call is the finding.
static void *devm_dop_scratch(struct device *dev)
{
	return devm_kzalloc(dev, 32, GFP_KERNEL);
}

// Bug: every write to the attribute allocates again.
static ssize_t mode_store(struct device *dev, struct device_attribute *attr,
			  const char *buf, size_t count)
{
	struct dop_priv *priv = dev_get_drvdata(dev);
	char *copy = devm_kstrdup(dev, buf, GFP_KERNEL); // expect: devlife-devm-outside-probe

	if (!copy)
		return -ENOMEM;
	priv->label = copy;
	priv->samples = dop_alloc_samples(dev);
	devm_dop_scratch(dev); // expect: devlife-devm-outside-probe
	return count;
}

// Silent: allocated on the first read only, then reused.
static u32 *dop_samples_once(struct dop_priv *priv)
{
	if (!priv->samples)
		priv->samples = devm_kzalloc(priv->dev, 256, GFP_KERNEL);
	return priv->samples;
}

// Silent: an early return once it is set; allocated on the first call only.
static char *dop_label_once(struct dop_priv *priv)
{
	if (priv->label)
		return priv->label;
	priv->label = devm_kasprintf(priv->dev, GFP_KERNEL, "dop-%d", priv->irq);
	return priv->label;
}

// Bug: the test comes after the call, checking the result, not guarding it.
static ssize_t label_store(struct device *dev, struct device_attribute *attr,
			   const char *buf, size_t count)
{
	struct dop_priv *priv = dev_get_drvdata(dev);

	priv->label = devm_kstrdup(dev, buf, GFP_KERNEL); // expect: devlife-devm-outside-probe
	if (!priv->label)
		return -ENOMEM;
	return count;
}

// Bug: the guard tests another field than the one stored into.
static ssize_t label_show(struct device *dev, struct device_attribute *attr,
			  char *buf)
{
	struct dop_priv *priv = dev_get_drvdata(dev);

	if (!priv->label)
		priv->samples = devm_kzalloc(dev, 256, GFP_KERNEL); // expect: devlife-devm-outside-probe
	return sysfs_emit(buf, "%s\n", dop_label_once(priv));
}
static DEVICE_ATTR_RW(label);

// Silent: devm_kfree() releases early; nothing accumulates.
static ssize_t mode_show(struct device *dev, struct device_attribute *attr,
			 char *buf)
{
	struct dop_priv *priv = dev_get_drvdata(dev);

	devm_kfree(dev, priv->label);
	priv->label = NULL;
	dop_samples_once(priv);
	return sysfs_emit(buf, "%d\n", priv->irq);
}
static DEVICE_ATTR_RW(mode);

// Silent: the buffer is reallocated in place; the old one is freed.
// Bug: a reallocation of NULL is a new allocation on every write.
static ssize_t depth_store(struct device *dev, struct device_attribute *attr,
			   const char *buf, size_t count)
{
	struct dop_priv *priv = dev_get_drvdata(dev);

	priv->samples = devm_krealloc(dev, priv->samples, count * 4, GFP_KERNEL);
	if (!priv->samples)
		return -ENOMEM;
	priv->label = devm_krealloc(dev, NULL, count, GFP_KERNEL); // expect: devlife-devm-outside-probe
	return count;
}
static DEVICE_ATTR_WO(depth);

// Bug: the work runs each time it is queued.
static void dop_refresh(struct work_struct *work)
{
	struct dop_priv *priv = container_of(work, struct dop_priv, refresh);

	priv->samples = devm_kzalloc(priv->dev, 256, GFP_KERNEL); // expect: devlife-devm-outside-probe
}

// Bug: an allocation on every interrupt.
static irqreturn_t dop_thread(int irq, void *data)
{
	struct dop_priv *priv = data;
	u32 *snap = devm_kzalloc(priv->dev, 16, GFP_KERNEL); // expect: devlife-devm-outside-probe

	if (snap)
		schedule_work(&priv->refresh);
	return IRQ_HANDLED;
}

// Silent: probe is where devm belongs.
static int dop_probe(struct platform_device *pdev)
{
	struct dop_priv *priv = devm_kzalloc(&pdev->dev, sizeof(*priv), GFP_KERNEL);
	int ret;

	if (!priv)
		return -ENOMEM;
	priv->dev = &pdev->dev;
	priv->samples = dop_alloc_samples(&pdev->dev);
	ret = dop_alloc_label(priv);
	if (ret)
		return ret;
	INIT_WORK(&priv->refresh, dop_refresh);
	priv->irq = platform_get_irq(pdev, 0);
	dev_set_drvdata(&pdev->dev, priv);
	return devm_request_threaded_irq(&pdev->dev, priv->irq, NULL, dop_thread,
					 IRQF_ONESHOT, "dop", priv);
}

static struct platform_driver dop_driver = {
	.probe = dop_probe,
	.driver = { .name = "dop" },
};
