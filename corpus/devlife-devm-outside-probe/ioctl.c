// SPDX-License-Identifier: GPL-2.0
/*
 * File operations: open and ioctl run whenever user space asks, so a devm
 * call there grows the device's devres list with every open and every
 * ioctl, until the driver unbinds.
 */
#include <linux/kernel.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/platform_device.h>
#include <linux/slab.h>

struct dio_priv {
	struct device *dev;
	struct miscdevice misc;
	void *scratch;
};

static struct dio_priv *dio_global;

// Bug: every open allocates a fresh buffer on the bound device.
static int dio_open(struct inode *inode, struct file *file)
{
	struct dio_priv *priv = dio_global;

	file->private_data = devm_kzalloc(priv->dev, 64, GFP_KERNEL); // expect: devlife-devm-outside-probe
	return file->private_data ? 0 : -ENOMEM;
}

// Silent: per-file memory that release frees.
static int dio_open_plain(struct inode *inode, struct file *file)
{
	file->private_data = kzalloc(64, GFP_KERNEL);
	return file->private_data ? 0 : -ENOMEM;
}

// Bug: an ioctl that allocates on the bound device, through a helper.
static void *dio_alloc_scratch(struct dio_priv *priv)
{
	return devm_kmalloc(priv->dev, 4096, GFP_KERNEL); // expect: devlife-devm-outside-probe
}

static long dio_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct dio_priv *priv = dio_global;

	priv->scratch = dio_alloc_scratch(priv);
	return priv->scratch ? 0 : -ENOMEM;
}

static const struct file_operations dio_fops = {
	.open = dio_open,
	.unlocked_ioctl = dio_ioctl,
};

static const struct file_operations dio_plain_fops = {
	.open = dio_open_plain,
};

// Silent: probe.
static int dio_probe(struct platform_device *pdev)
{
	struct dio_priv *priv = kzalloc(sizeof(*priv), GFP_KERNEL);

	if (!priv)
		return -ENOMEM;
	priv->dev = &pdev->dev;
	priv->misc.minor = MISC_DYNAMIC_MINOR;
	priv->misc.fops = &dio_fops;
	dio_global = priv;
	return misc_register(&priv->misc);
}

static struct platform_driver dio_driver = {
	.probe = dio_probe,
	.driver = { .name = "dio" },
};
