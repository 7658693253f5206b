// SPDX-License-Identifier: GPL-2.0
/*
 * dev->of_node belongs to the device: a driver that did not take its own
 * reference with of_node_get() must not drop one.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/device.h>
#include <linux/of.h>
#include <linux/slab.h>
#include <linux/platform_device.h>

struct spix_priv {
	struct device *dev;
	struct device_node *flash_np;
	u32 num_cs;
	u32 max_hz;
	struct device child;
};

// Overput: probe drops the platform device's own node.
static int spix_parse(struct platform_device *pdev, struct spix_priv *priv)
{
	int ret;

	ret = of_property_read_u32(pdev->dev.of_node, "num-cs", &priv->num_cs);
	of_node_put(pdev->dev.of_node); // expect: devlife-refcount-overput
	return ret;
}

// Overput: the same through a local alias of dev->of_node.
static int spix_parse_speed(struct spix_priv *priv)
{
	struct device_node *np = priv->dev->of_node;
	int ret;

	ret = of_property_read_u32(np, "spi-max-frequency", &priv->max_hz);
	if (ret) {
		of_node_put(np); // expect: devlife-refcount-overput
		return ret;
	}
	return 0;
}

// Silent: the driver takes its own reference first.
static int spix_parse_speed_fixed(struct spix_priv *priv)
{
	struct device_node *np = of_node_get(priv->dev->of_node);
	int ret;

	ret = of_property_read_u32(np, "spi-max-frequency", &priv->max_hz);
	of_node_put(np);
	return ret;
}

// Silent: the parent is borrowed, only the child lookup is put.
static int spix_find_flash(struct spix_priv *priv)
{
	struct device_node *np = priv->dev->of_node;
	struct device_node *flash;

	flash = of_get_child_by_name(np, "flash");
	if (!flash)
		return -ENODEV;

	priv->flash_np = flash;
	return 0;
}

// Overput: the iterator's child is put correctly, the parent is not ours.
static int spix_count_cs(struct device *dev)
{
	struct device_node *np = dev->of_node;
	struct device_node *child;
	int n = 0;

	for_each_available_child_of_node(np, child)
		n++;

	of_node_put(np); // expect: devlife-refcount-overput
	return n;
}

// Silent: put of a node the driver stored earlier (owned by the struct).
static void spix_remove(struct platform_device *pdev)
{
	struct spix_priv *priv = platform_get_drvdata(pdev);

	of_node_put(priv->flash_np);
}

// Overput: remove() drops dev->of_node, a reference probe never took.
static void spix_remove_buggy(struct platform_device *pdev)
{
	struct spix_priv *priv = platform_get_drvdata(pdev);

	of_node_put(priv->flash_np);
	of_node_put(pdev->dev.of_node); // expect: devlife-refcount-overput
}

// Silent: a device's release() owns the device and drops the node it holds.
static void spix_child_release(struct device *dev)
{
	of_node_put(dev->of_node);
	kfree(dev);
}

// Silent (refcount): this function builds priv->child (it installs the
// release), so the node device_set_of_node_from_dev() gave the child is its
// own to drop. Bug (devm): the child lives in devm memory probe allocated.
static int spix_add_child(struct spix_priv *priv)
{
	int ret;

	priv->child.parent = priv->dev;
	priv->child.release = spix_child_release;
	device_set_of_node_from_dev(&priv->child, priv->dev);
	ret = dev_set_name(&priv->child, "spix-child");
	if (ret) {
		of_node_put(priv->child.of_node);
		return ret;
	}
	return device_register(&priv->child); // expect: devlife-devm-userspace-object
}

// Silent: subsystem code that is no driver callback pairs a get elsewhere
// with this put (like spi_unregister_device()); devlife cannot tell.
void spix_core_unregister(struct device *dev)
{
	of_node_put(dev->of_node);
}

// Silent: take a reference for of_find_node_by_name() to consume (bcm_sf2).
static struct device_node *spix_find_ports(struct platform_device *pdev)
{
	struct device_node *dn = pdev->dev.of_node;

	of_node_get(dn);
	return of_find_node_by_name(dn, "ports");
}

// Overput: of_find_node_by_name() drops the device's node it was lent.
static struct device_node *spix_find_ports_buggy(struct platform_device *pdev)
{
	return of_find_node_by_name(pdev->dev.of_node, "ports"); // expect: devlife-refcount-overput
}

static int spix_probe(struct platform_device *pdev)
{
	struct spix_priv *priv;
	struct device_node *ports;
	int ret;

	priv = devm_kzalloc(&pdev->dev, sizeof(*priv), GFP_KERNEL);
	if (!priv)
		return -ENOMEM;
	priv->dev = &pdev->dev;

	ret = spix_parse(pdev, priv);
	if (ret)
		return ret;
	ret = spix_parse_speed(priv);
	if (ret)
		return ret;
	ret = spix_count_cs(&pdev->dev);
	if (ret < 0)
		return ret;
	ret = spix_parse_speed_fixed(priv);
	if (ret)
		return ret;

	ports = spix_find_ports(pdev);
	of_node_put(ports);
	ports = spix_find_ports_buggy(pdev);
	of_node_put(ports);
	priv->child.release = spix_child_release;

	ret = spix_find_flash(priv);
	if (ret)
		return ret;
	ret = spix_add_child(priv);
	if (ret)
		return ret;

	platform_set_drvdata(pdev, priv);
	return 0;
}

static const struct of_device_id spix_of_match[] = {
	{ .compatible = "acme,spix" },
	{ }
};

static struct platform_driver spix_driver = {
	.probe = spix_probe,
	.remove = spix_remove,
	.driver = {
		.name = "acme-spix",
		.of_match_table = spix_of_match,
	},
};

static struct platform_driver spix_legacy_driver = {
	.probe = spix_probe,
	.remove = spix_remove_buggy,
	.driver = {
		.name = "acme-spix-legacy",
	},
};
module_platform_driver(spix_driver);
module_platform_driver(spix_legacy_driver);

MODULE_LICENSE("GPL");
