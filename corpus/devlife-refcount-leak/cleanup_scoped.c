// SPDX-License-Identifier: GPL-2.0
/*
 * Scope-based cleanup (<linux/cleanup.h>): __free(device_node),
 * __free(fwnode_handle), __free(put_device), return_ptr(), no_free_ptr().
 * Variables with a __free() attribute are released when they go out of
 * scope, so early returns are fine. Plain variables next to them are not.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/cleanup.h>
#include <linux/device.h>
#include <linux/mutex.h>
#include <linux/of.h>
#include <linux/of_platform.h>
#include <linux/platform_device.h>
#include <linux/property.h>
#include <linux/slab.h>

struct audmux_priv {
	struct device *dev;
	struct mutex lock;
	struct device_node *codec_np;
	struct fwnode_handle *jack;
	u32 fmt;
	u32 ports;
};

// Silent: __free(device_node) with several early returns.
static int audmux_read_fmt(struct audmux_priv *priv)
{
	struct device_node *np __free(device_node) =
		of_get_child_by_name(priv->dev->of_node, "dai-link");
	int ret;

	if (!np)
		return -ENODEV;

	ret = of_property_read_u32(np, "format", &priv->fmt);
	if (ret)
		return ret;

	if (priv->fmt > 7)
		return -EINVAL;

	return 0;
}

// Silent: return_ptr() hands the reference to the caller.
static struct device_node *audmux_get_codec(struct audmux_priv *priv)
{
	struct device_node *codec __free(device_node) =
		of_parse_phandle(priv->dev->of_node, "acme,codec", 0);

	if (!codec || !of_device_is_available(codec))
		return NULL;

	return_ptr(codec);
}

// Silent: no_free_ptr() moves the reference into the driver state.
static int audmux_bind_codec(struct audmux_priv *priv)
{
	struct device_node *codec __free(device_node) =
		of_parse_phandle(priv->dev->of_node, "acme,codec", 0);

	if (!codec)
		return -EPROBE_DEFER;

	guard(mutex)(&priv->lock);
	priv->codec_np = no_free_ptr(codec);
	return 0;
}

// Silent: __free(fwnode_handle) on a fwnode getter.
static int audmux_read_jack(struct audmux_priv *priv)
{
	struct fwnode_handle *jack __free(fwnode_handle) =
		device_get_named_child_node(priv->dev, "jack");
	u32 pin;

	if (!jack)
		return 0;

	if (fwnode_property_read_u32(jack, "acme,pin", &pin))
		return -EINVAL;

	priv->jack = no_free_ptr(jack);
	return pin;
}

// Silent: __free(put_device) on a device lookup.
static int audmux_codec_bound(struct device_node *codec_np)
{
	struct device *dev __free(put_device) =
		bus_find_device_by_of_node(&platform_bus_type, codec_np);

	if (!dev)
		return -EPROBE_DEFER;

	return device_is_bound(dev) ? 0 : -EPROBE_DEFER;
}

// Silent: __free(device_node) = NULL, assigned later.
static int audmux_count_ports(struct audmux_priv *priv)
{
	struct device_node *ports __free(device_node) = NULL;

	ports = of_get_child_by_name(priv->dev->of_node, "ports");
	if (!ports)
		return 0;

	priv->ports = of_get_child_count(ports);
	return priv->ports;
}

// Leak: only one of the two nodes is scope-managed; `port` leaks.
static int audmux_first_port_reg(struct audmux_priv *priv, u32 *reg)
{
	struct device_node *ports __free(device_node) =
		of_get_child_by_name(priv->dev->of_node, "ports");
	struct device_node *port;

	if (!ports)
		return -ENODEV;

	port = of_get_next_available_child(ports, NULL);
	if (!port)
		return -ENODEV;

	return of_property_read_u32(port, "reg", reg); // expect: devlife-refcount-leak
}

// Silent: scoped_guard() around a lookup with a scope-managed node.
static int audmux_refresh_fmt(struct audmux_priv *priv)
{
	scoped_guard(mutex, &priv->lock) {
		struct device_node *np __free(device_node) =
			of_get_child_by_name(priv->dev->of_node, "dai-link");

		if (!np)
			return -ENODEV;
		if (of_property_read_u32(np, "format", &priv->fmt))
			return -EINVAL;
	}
	return 0;
}

// Leak: guard() only protects the lock; the plain node still leaks.
static int audmux_codec_reg(struct audmux_priv *priv, u32 *reg)
{
	struct device_node *np;

	guard(mutex)(&priv->lock);

	np = of_parse_phandle(priv->dev->of_node, "acme,codec", 0);
	if (!np)
		return -ENODEV;

	if (of_property_read_u32(np, "reg", reg))
		return -EINVAL; // expect: devlife-refcount-leak

	of_node_put(np);
	return 0;
}

static int audmux_probe(struct platform_device *pdev)
{
	struct audmux_priv *priv __free(kfree) = kzalloc(sizeof(*priv), GFP_KERNEL);
	int ret;

	if (!priv)
		return -ENOMEM;
	priv->dev = &pdev->dev;
	mutex_init(&priv->lock);

	ret = audmux_read_fmt(priv);
	if (ret)
		return ret;

	ret = audmux_bind_codec(priv);
	if (ret)
		return ret;

	platform_set_drvdata(pdev, no_free_ptr(priv));
	return 0;
}

static void audmux_remove(struct platform_device *pdev)
{
	struct audmux_priv *priv = platform_get_drvdata(pdev);

	of_node_put(priv->codec_np);
	fwnode_handle_put(priv->jack);
	kfree(priv);
}

static const struct of_device_id audmux_of_match[] = {
	{ .compatible = "acme,audmux" },
	{ }
};

static struct platform_driver audmux_driver = {
	.probe = audmux_probe,
	.remove = audmux_remove,
	.driver = {
		.name = "acme-audmux",
		.of_match_table = audmux_of_match,
	},
};
module_platform_driver(audmux_driver);

MODULE_LICENSE("GPL");
