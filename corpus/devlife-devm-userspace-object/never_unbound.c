// SPDX-License-Identifier: GPL-2.0
/*
 * Misc devices in devm memory that no open file can outlive:
 * - one registered without file operations (drivers/misc/dw-xdata-pcie.c
 *   in 6.12 registers its miscdevice for its sysfs groups only): nothing
 *   can open it, and misc_deregister() removes the attributes, waiting
 *   for their readers;
 * - a driver registered with platform_driver_probe(), for devices that
 *   never go away (drivers/misc/open-dice.c): it unbinds only when the
 *   module is unloaded, and an open file pins the module.
 */
#include <linux/device.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/slab.h>

struct nub_attrs {
	struct miscdevice misc;
	u32 mode;
};

// Silent: a miscdevice with no fops cannot be opened.
static int nub_attrs_probe(struct platform_device *pdev)
{
	struct nub_attrs *a = devm_kzalloc(&pdev->dev, sizeof(*a), GFP_KERNEL);

	if (!a)
		return -ENOMEM;
	a->misc.minor = MISC_DYNAMIC_MINOR;
	a->misc.name = "nub-attrs";
	a->misc.parent = &pdev->dev;
	return misc_register(&a->misc);
}

static struct platform_driver nub_attrs_driver = {
	.probe = nub_attrs_probe,
	.driver = { .name = "nub-attrs" },
};
module_platform_driver(nub_attrs_driver);
