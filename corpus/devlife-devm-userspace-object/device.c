// SPDX-License-Identifier: GPL-2.0
/*
 * devlife-devm-userspace-object: a struct device with its own release()
 * inside devm memory. Once registered, sysfs files, an open file of a
 * cdev parented to it, any get_device() can hold it past unbind; devres
 * frees the memory at unbind anyway, and the final put runs release() on
 * freed memory.
 */
#include <linux/device.h>
#include <linux/errno.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/slab.h>

struct dvr_priv {
	struct device	dev;
	u32		mode;
};

// Silent: an empty release on a device embedded in devm memory.
static void dvr_release(struct device *dev)
{
}

// Bug: the registered device is embedded in the devm_kzalloc() memory.
static int dvr_probe(struct platform_device *pdev)
{
	struct dvr_priv *priv;

	priv = devm_kzalloc(&pdev->dev, sizeof(*priv), GFP_KERNEL);
	if (!priv)
		return -ENOMEM;
	priv->dev.parent = &pdev->dev;
	priv->dev.release = dvr_release;
	dev_set_name(&priv->dev, "dvr0");
	platform_set_drvdata(pdev, priv);
	return device_register(&priv->dev); // expect: devlife-devm-userspace-object
}

static struct platform_driver dvr_driver = {
	.driver = { .name = "dvr" },
	.probe = dvr_probe,
};

/* Nested: the device is in a struct embedded in the devm struct. */
struct dvn_port {
	int		id;
	struct device	dev;
};

struct dvn_priv {
	u32		flags;
	struct dvn_port	port;
};

// Silent: the release has nothing to free, the memory is devm's.
static void dvn_release(struct device *dev)
{
}

// Bug: &priv->port.dev is inside the devm_kzalloc() memory of dvn_probe().
static int dvn_add_port(struct dvn_priv *priv, struct device *parent)
{
	device_initialize(&priv->port.dev);
	priv->port.dev.parent = parent;
	priv->port.dev.release = dvn_release;
	return device_add(&priv->port.dev); // expect: devlife-devm-userspace-object
}

// Silent: the allocation; the finding is at the registration.
static int dvn_probe(struct platform_device *pdev)
{
	struct dvn_priv *priv = devm_kzalloc(&pdev->dev, sizeof(*priv), GFP_KERNEL);

	if (!priv)
		return -ENOMEM;
	return dvn_add_port(priv, &pdev->dev);
}

static struct platform_driver dvn_driver = {
	.driver = { .name = "dvn" },
	.probe = dvn_probe,
};

/* A struct device embedded in devm memory that is never registered. */
struct dvu_priv {
	struct device	dev;
	u32		cache;
};

// Silent: device_initialize() alone hands nothing to user space.
static int dvu_probe(struct platform_device *pdev)
{
	struct dvu_priv *priv;

	priv = devm_kzalloc(&pdev->dev, sizeof(*priv), GFP_KERNEL);
	if (!priv)
		return -ENOMEM;
	device_initialize(&priv->dev);
	priv->cache = 1;
	return 0;
}

static struct platform_driver dvu_driver = {
	.driver = { .name = "dvu" },
	.probe = dvu_probe,
};

/* A devm struct holding a pointer to a separately allocated child device. */
struct dvc_child {
	struct device	dev;
};

struct dvc_priv {
	struct dvc_child	*child;
};

// Silent: the child's own release frees it.
static void dvc_child_release(struct device *dev)
{
	kfree(container_of(dev, struct dvc_child, dev));
}

// Silent: the registered device is in kzalloc() memory, only the pointer is devm's.
static int dvc_probe(struct platform_device *pdev)
{
	struct dvc_priv *priv;

	priv = devm_kzalloc(&pdev->dev, sizeof(*priv), GFP_KERNEL);
	if (!priv)
		return -ENOMEM;
	priv->child = kzalloc(sizeof(*priv->child), GFP_KERNEL);
	if (!priv->child)
		return -ENOMEM;
	priv->child->dev.parent = &pdev->dev;
	priv->child->dev.release = dvc_child_release;
	return device_register(&priv->child->dev);
}

static struct platform_driver dvc_driver = {
	.driver = { .name = "dvc" },
	.probe = dvc_probe,
};
