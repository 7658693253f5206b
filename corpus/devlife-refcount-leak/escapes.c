// SPDX-License-Identifier: GPL-2.0
/*
 * Where a reference may legitimately go: returned to the caller, stored in
 * a struct field / global / array element / dev->of_node, or its address
 * taken. Passing it as an ordinary argument only borrows it.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/device.h>
#include <linux/of.h>
#include <linux/platform_device.h>

#define MFD_MAX_CELLS	4

struct mfd_lite {
	struct device *dev;
	struct device_node *regulators;
	struct device_node *cells[MFD_MAX_CELLS];
	struct platform_device *rtc_pdev;
	int ncells;
	u32 irq_base;
};

static struct device_node *mfd_lite_pmic_np;

int mfd_lite_register_cell(struct mfd_lite *mfd, struct device_node *np);
void mfd_lite_adopt_node(struct mfd_lite *mfd, struct device_node **npp);

// Silent: the node is returned, the caller owns it now.
static struct device_node *mfd_lite_get_regulators(struct mfd_lite *mfd)
{
	struct device_node *np;

	np = of_get_child_by_name(mfd->dev->of_node, "regulators");
	if (!np)
		return NULL;

	if (!of_device_is_available(np)) {
		of_node_put(np);
		return NULL;
	}
	return np;
}

// Silent: stored into a struct field.
static int mfd_lite_parse_regulators(struct mfd_lite *mfd)
{
	struct device_node *np;

	np = of_get_child_by_name(mfd->dev->of_node, "regulators");
	if (!np)
		return -ENODEV;

	mfd->regulators = np;
	return 0;
}

// Silent: stored into a global.
static int mfd_lite_find_pmic(void)
{
	struct device_node *np;

	np = of_find_compatible_node(NULL, NULL, "acme,pmic");
	if (!np)
		return -ENODEV;

	mfd_lite_pmic_np = np;
	return 0;
}

// Silent: stored into an array element.
static int mfd_lite_collect_cells(struct mfd_lite *mfd)
{
	static const char * const names[] = { "rtc", "gpio", "adc", "wdt" };
	struct device_node *np;
	int i;

	for (i = 0; i < ARRAY_SIZE(names); i++) {
		np = of_get_child_by_name(mfd->dev->of_node, names[i]);
		if (!np)
			continue;
		mfd->cells[mfd->ncells++] = np;
	}
	return mfd->ncells;
}

// Silent: the node becomes the of_node of a child platform device.
static int mfd_lite_add_rtc(struct mfd_lite *mfd)
{
	struct platform_device *pdev;
	struct device_node *np;

	np = of_get_child_by_name(mfd->dev->of_node, "rtc");
	if (!np)
		return 0;

	pdev = platform_device_alloc("acme-rtc", -1);
	if (!pdev) {
		of_node_put(np);
		return -ENOMEM;
	}
	pdev->dev.parent = mfd->dev;
	pdev->dev.of_node = np;
	mfd->rtc_pdev = pdev;
	return platform_device_add(pdev);
}

// Silent: device_set_node() makes the device keep the node it is given
// (of_device_alloc() in drivers/of/platform.c).
static struct platform_device *mfd_lite_alloc_child(struct device_node *np)
{
	struct platform_device *pdev = platform_device_alloc("acme-child", -1);

	if (!pdev)
		return NULL;
	device_set_node(&pdev->dev, of_fwnode_handle(of_node_get(np)));
	return pdev;
}

// Silent: address taken, the callee may take the reference over.
static void mfd_lite_adopt_wdt(struct mfd_lite *mfd)
{
	struct device_node *np;

	np = of_get_child_by_name(mfd->dev->of_node, "wdt");
	if (!np)
		return;

	mfd_lite_adopt_node(mfd, &np);
}

// Leak: passing the node to a helper only borrows it; still owned afterwards.
static int mfd_lite_register_adc(struct mfd_lite *mfd)
{
	struct device_node *np;
	int ret;

	np = of_get_child_by_name(mfd->dev->of_node, "adc");
	if (!np)
		return 0;

	ret = mfd_lite_register_cell(mfd, np);
	return ret; // expect: devlife-refcount-leak
}

// Leak: a log line borrows the node too.
static void mfd_lite_log_gpio(struct mfd_lite *mfd)
{
	struct device_node *np;

	np = of_get_child_by_name(mfd->dev->of_node, "gpio");
	if (!np)
		return;

	dev_info(mfd->dev, "gpio cell at %pOF\n", np);
} // expect: devlife-refcount-leak

// Leak: storing a *value read through* the node is not storing the node.
static int mfd_lite_read_irq_base(struct mfd_lite *mfd)
{
	struct device_node *np;
	u32 base;

	np = of_get_child_by_name(mfd->dev->of_node, "irq");
	if (!np)
		return -ENODEV;

	if (of_property_read_u32(np, "acme,base", &base))
		base = 0;
	mfd->irq_base = base;
	return 0; // expect: devlife-refcount-leak
}

static int mfd_lite_probe(struct platform_device *pdev)
{
	struct mfd_lite *mfd;
	int ret;

	mfd = devm_kzalloc(&pdev->dev, sizeof(*mfd), GFP_KERNEL);
	if (!mfd)
		return -ENOMEM;
	mfd->dev = &pdev->dev;

	ret = mfd_lite_parse_regulators(mfd);
	if (ret)
		return ret;

	mfd_lite_collect_cells(mfd);
	platform_set_drvdata(pdev, mfd);
	return mfd_lite_add_rtc(mfd);
}

static void mfd_lite_remove(struct platform_device *pdev)
{
	struct mfd_lite *mfd = platform_get_drvdata(pdev);
	int i;

	for (i = 0; i < mfd->ncells; i++)
		of_node_put(mfd->cells[i]);
	of_node_put(mfd->regulators);
}

static const struct of_device_id mfd_lite_of_match[] = {
	{ .compatible = "acme,mfd-lite" },
	{ }
};

static struct platform_driver mfd_lite_driver = {
	.probe = mfd_lite_probe,
	.remove = mfd_lite_remove,
	.driver = {
		.name = "acme-mfd-lite",
		.of_match_table = mfd_lite_of_match,
	},
};
module_platform_driver(mfd_lite_driver);

MODULE_LICENSE("GPL");

static void escx_put_node(void *data)
{
	of_node_put(data);
}

// Silent: the devm action owns the node and puts it at unbind (or at once
// if it cannot be registered).
static int escx_keep_for_unbind(struct device *dev)
{
	struct device_node *np = of_get_child_by_name(dev->of_node, "clk");
	int ret;

	if (!np)
		return -ENODEV;
	ret = devm_add_action_or_reset(dev, escx_put_node, np);
	if (ret)
		return ret;
	return of_property_read_bool(np, "always-on");
}

// Leak: the devm action is registered only on one path.
static int escx_keep_sometimes(struct device *dev, bool managed)
{
	struct device_node *np = of_get_child_by_name(dev->of_node, "clk");

	if (!np)
		return -ENODEV;
	if (managed)
		return devm_add_action(dev, escx_put_node, np);
	return 0; // expect: devlife-refcount-leak
}
