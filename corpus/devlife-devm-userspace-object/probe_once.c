// SPDX-License-Identifier: GPL-2.0
/*
 * platform_driver_probe() is for non-hotpluggable devices: the driver is
 * never unbound while the module is loaded, and an open file of its misc
 * device pins the module (drivers/misc/open-dice.c in 6.12).
 */
#include <linux/device.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/slab.h>

struct npo_priv {
	struct miscdevice misc;
	void *base;
};

static int npo_open(struct inode *inode, struct file *file)
{
	return 0;
}

static const struct file_operations npo_fops = {
	.owner = THIS_MODULE,
	.open = npo_open,
};

// Silent: nothing unbinds this driver while a file is open.
static int npo_probe(struct platform_device *pdev)
{
	struct npo_priv *p = devm_kzalloc(&pdev->dev, sizeof(*p), GFP_KERNEL);

	if (!p)
		return -ENOMEM;
	p->misc = (struct miscdevice){
		.minor = MISC_DYNAMIC_MINOR,
		.name = "npo",
		.fops = &npo_fops,
		.parent = &pdev->dev,
	};
	return misc_register(&p->misc);
}

static struct platform_driver npo_driver = {
	.driver = { .name = "npo" },
};

static int __init npo_init(void)
{
	return platform_driver_probe(&npo_driver, npo_probe);
}
module_init(npo_init);
