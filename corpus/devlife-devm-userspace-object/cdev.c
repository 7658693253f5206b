// SPDX-License-Identifier: GPL-2.0
/*
 * devlife-devm-userspace-object: a struct cdev (and the struct device
 * cdev_device_add() registers with it) inside devm memory. chrdev_open()
 * takes a reference on the cdev's kobject and open() finds the driver's
 * struct with container_of(inode->i_cdev, ...); cdev_device_del() in
 * remove() waits for neither, and devres frees the struct right after.
 */
#include <linux/cdev.h>
#include <linux/device.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/slab.h>

struct cdb_priv {
	struct device	dev;
	struct cdev	cdev;
	u32		status;
};

// Silent: open() reaches the struct through the inode's cdev.
static int cdb_open(struct inode *inode, struct file *file)
{
	struct cdb_priv *priv = container_of(inode->i_cdev, struct cdb_priv, cdev);

	file->private_data = priv;
	return 0;
}

static const struct file_operations cdb_fops = {
	.owner	= THIS_MODULE,
	.open	= cdb_open,
};

// Silent: an empty release, the usual companion of the devm allocation.
static void cdb_release(struct device *dev)
{
}

// Bug: cdev and device both live in the devm_kzalloc() memory of probe.
static int cdb_probe(struct platform_device *pdev)
{
	struct cdb_priv *priv;

	priv = devm_kzalloc(&pdev->dev, sizeof(*priv), GFP_KERNEL);
	if (!priv)
		return -ENOMEM;

	device_initialize(&priv->dev);
	priv->dev.parent = &pdev->dev;
	priv->dev.release = cdb_release;
	cdev_init(&priv->cdev, &cdb_fops);
	platform_set_drvdata(pdev, priv);
	return cdev_device_add(&priv->cdev, &priv->dev); // expect: devlife-devm-userspace-object
}

// Silent: the teardown itself is right.
static void cdb_remove(struct platform_device *pdev)
{
	struct cdb_priv *priv = platform_get_drvdata(pdev);

	cdev_device_del(&priv->cdev, &priv->dev);
	put_device(&priv->dev);
}

static struct platform_driver cdb_driver = {
	.driver = { .name = "cdb" },
	.probe = cdb_probe,
	.remove_new = cdb_remove,
};

/* One cdev per port, in an array from devm_kcalloc(). */
struct cda_port {
	struct cdev	cdev;
	int		index;
};

static const struct file_operations cda_fops = {
	.owner = THIS_MODULE,
};

// Bug: &ports[i].cdev is in the devm_kcalloc() array.
static int cda_probe(struct platform_device *pdev)
{
	struct cda_port *ports;
	dev_t base;
	int i, ret;

	ret = alloc_chrdev_region(&base, 0, 4, "cda");
	if (ret)
		return ret;
	ports = devm_kcalloc(&pdev->dev, 4, sizeof(*ports), GFP_KERNEL);
	if (!ports)
		return -ENOMEM;
	for (i = 0; i < 4; i++) {
		cdev_init(&ports[i].cdev, &cda_fops);
		ret = cdev_add(&ports[i].cdev, MKDEV(MAJOR(base), i), 1); // expect: devlife-devm-userspace-object
		if (ret)
			return ret;
	}
	return 0;
}

static struct platform_driver cda_driver = {
	.driver = { .name = "cda" },
	.probe = cda_probe,
};

/* Through a local pointer to the embedded cdev. */
struct cdl_priv {
	struct cdev	cdev;
};

static const struct file_operations cdl_fops = {
	.owner = THIS_MODULE,
};

// Bug: the local c points at the cdev inside the devm_kzalloc() memory.
static int cdl_probe(struct platform_device *pdev)
{
	struct cdl_priv *priv = devm_kzalloc(&pdev->dev, sizeof(struct cdl_priv), GFP_KERNEL);
	struct cdev *c;

	if (!priv)
		return -ENOMEM;
	c = &priv->cdev;
	cdev_init(c, &cdl_fops);
	return cdev_add(c, MKDEV(240, 0), 1); // expect: devlife-devm-userspace-object
}

static struct platform_driver cdl_driver = {
	.driver = { .name = "cdl" },
	.probe = cdl_probe,
};

/* A pointer to a cdev from cdev_alloc(): the cdev is refcounted on its own. */
struct cdp_priv {
	struct cdev	*cdev;
	u32		status;
};

static const struct file_operations cdp_fops = {
	.owner = THIS_MODULE,
};

// Silent: the devm memory holds only a pointer to the separately allocated cdev.
static int cdp_probe(struct platform_device *pdev)
{
	struct cdp_priv *priv;

	priv = devm_kzalloc(&pdev->dev, sizeof(*priv), GFP_KERNEL);
	if (!priv)
		return -ENOMEM;
	priv->cdev = cdev_alloc();
	if (!priv->cdev)
		return -ENOMEM;
	priv->cdev->ops = &cdp_fops;
	return cdev_add(priv->cdev, MKDEV(241, 0), 1);
}

static struct platform_driver cdp_driver = {
	.driver = { .name = "cdp" },
	.probe = cdp_probe,
};

/* The fix: kzalloc() and the device's release() frees the struct. */
struct cdk_priv {
	struct device	dev;
	struct cdev	cdev;
};

// Silent: the last reference (the cdev's, an open file's) frees the struct.
static void cdk_release(struct device *dev)
{
	kfree(container_of(dev, struct cdk_priv, dev));
}

static const struct file_operations cdk_fops = {
	.owner = THIS_MODULE,
};

// Silent: the same cdev and device in kzalloc() memory freed from the device's release.
static int cdk_probe(struct platform_device *pdev)
{
	struct cdk_priv *priv;
	int ret;

	priv = kzalloc(sizeof(*priv), GFP_KERNEL);
	if (!priv)
		return -ENOMEM;
	device_initialize(&priv->dev);
	priv->dev.parent = &pdev->dev;
	priv->dev.release = cdk_release;
	cdev_init(&priv->cdev, &cdk_fops);
	ret = cdev_device_add(&priv->cdev, &priv->dev);
	if (ret) {
		put_device(&priv->dev);
		return ret;
	}
	platform_set_drvdata(pdev, priv);
	return 0;
}

static struct platform_driver cdk_driver = {
	.driver = { .name = "cdk" },
	.probe = cdk_probe,
};
