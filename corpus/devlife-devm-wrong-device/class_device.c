// SPDX-License-Identifier: GPL-2.0
/*
 * A driver that creates its own class device (the switchtec shape of seed
 * 004): struct wdc_dev embeds a struct device that the driver initialises
 * and adds itself. No driver is ever bound to it, so devres attached to it
 * is released only when its last reference goes, long after remove():
 * "the IRQ was tied to the switchtec class device ... it got freed in
 * time as part of the devres" only once it was moved to the PCI device.
 */
#include <linux/kernel.h>
#include <linux/device.h>
#include <linux/platform_device.h>
#include <linux/interrupt.h>
#include <linux/slab.h>

struct wdc_dev {
	struct device dev;
	struct device *ctl;
	int irq;
	void *mmio;
};

static const struct class wdc_class = { .name = "wdc" };

static void wdc_release(struct device *dev)
{
	kfree(container_of(dev, struct wdc_dev, dev));
}

static irqreturn_t wdc_irq(int irq, void *data)
{
	return IRQ_HANDLED;
}

// Silent: creating the class device is not a devm call.
static struct wdc_dev *wdc_create(struct platform_device *pdev)
{
	struct wdc_dev *stdev = kzalloc(sizeof(*stdev), GFP_KERNEL);

	if (!stdev)
		return NULL;
	device_initialize(&stdev->dev);
	stdev->dev.parent = &pdev->dev;
	stdev->dev.release = wdc_release;
	return stdev;
}

// Bug: the IRQ is tied to the class device the driver created.
static int wdc_probe(struct platform_device *pdev)
{
	struct wdc_dev *stdev = wdc_create(pdev);
	int ret;

	if (!stdev)
		return -ENOMEM;
	stdev->irq = platform_get_irq(pdev, 0);
	ret = devm_request_irq(&stdev->dev, stdev->irq, wdc_irq, 0, "wdc", stdev); // expect: devlife-devm-wrong-device
	if (ret)
		return ret;
	return device_add(&stdev->dev);
}

// Bug: a device_create() class device, kept in a field, gets devm memory.
static int wdc_probe_ctl(struct platform_device *pdev)
{
	struct wdc_dev *stdev = wdc_create(pdev);

	if (!stdev)
		return -ENOMEM;
	stdev->ctl = device_create(&wdc_class, &pdev->dev, 0, stdev, "wdc-ctl");
	stdev->mmio = devm_kzalloc(stdev->ctl, 32, GFP_KERNEL); // expect: devlife-devm-wrong-device
	return stdev->mmio ? 0 : -ENOMEM;
}

// Silent: memory kept as long as the class device the driver made and frees.
static int wdc_add_names(struct wdc_dev *stdev)
{
	stdev->mmio = devm_kzalloc(&stdev->dev, 32, GFP_KERNEL);
	return stdev->mmio ? 0 : -ENOMEM;
}

// Silent: the same IRQ on the platform device the driver is bound to.
static int wdc_probe_fixed(struct platform_device *pdev)
{
	struct wdc_dev *stdev = wdc_create(pdev);
	int ret;

	if (!stdev)
		return -ENOMEM;
	stdev->irq = platform_get_irq(pdev, 0);
	ret = devm_request_irq(&pdev->dev, stdev->irq, wdc_irq, 0, "wdc", stdev);
	if (ret)
		return ret;
	ret = wdc_add_names(stdev);
	if (ret)
		return ret;
	return device_add(&stdev->dev);
}

// Silent: a child platform device is bound by its own driver; devres goes at its unbind.
static int wdc_probe_child(struct platform_device *pdev)
{
	struct platform_device *child = platform_device_alloc("wdc-child", 0);
	void *p;

	if (!child)
		return -ENOMEM;
	p = devm_kzalloc(&child->dev, 16, GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	return platform_device_add(child);
}

static struct platform_driver wdc_driver = {
	.probe = wdc_probe,
	.driver = { .name = "wdc" },
};

static struct platform_driver wdc_ctl_driver = {
	.probe = wdc_probe_ctl,
	.driver = { .name = "wdc-ctl" },
};

static struct platform_driver wdc_fixed_driver = {
	.probe = wdc_probe_fixed,
	.driver = { .name = "wdc-fixed" },
};

static struct platform_driver wdc_child_driver = {
	.probe = wdc_probe_child,
	.driver = { .name = "wdc-child" },
};
