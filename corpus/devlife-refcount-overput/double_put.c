// SPDX-License-Identifier: GPL-2.0
/*
 * Releasing the same reference twice on one path: a second of_node_put(),
 * an error path that puts and then jumps to a label that puts again, a
 * release wrapper followed by a put, put_device() followed by
 * platform_device_put() on the same platform device.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/device.h>
#include <linux/of.h>
#include <linux/of_platform.h>
#include <linux/platform_device.h>
#include <linux/property.h>

struct thermx_priv {
	struct device *dev;
	u32 trip_temp;
	u32 hyst;
	u32 sensor_id;
};

static void thermx_drop_node(struct device_node *np)
{
	of_node_put(np);
}

// Overput: straight double put.
static int thermx_read_trip(struct thermx_priv *priv)
{
	struct device_node *np;
	int ret;

	np = of_get_child_by_name(priv->dev->of_node, "trip");
	if (!np)
		return -ENODEV;

	ret = of_property_read_u32(np, "temperature", &priv->trip_temp);
	of_node_put(np);
	if (ret)
		return ret;

	of_node_put(np); // expect: devlife-refcount-overput
	return 0;
}

// Overput: the error branch puts, then falls into the common put.
static int thermx_read_hyst(struct thermx_priv *priv)
{
	struct device_node *np;
	int ret;

	np = of_get_child_by_name(priv->dev->of_node, "trip");
	if (!np)
		return -ENODEV;

	ret = of_property_read_u32(np, "hysteresis", &priv->hyst);
	if (ret) {
		dev_err(priv->dev, "no hysteresis in %pOF\n", np);
		of_node_put(np);
	}

	of_node_put(np); // expect: devlife-refcount-overput
	return ret;
}

// Overput: put before `goto err`, and the label puts again.
static int thermx_read_sensor(struct thermx_priv *priv)
{
	struct device_node *np;
	int ret;

	np = of_parse_phandle(priv->dev->of_node, "acme,sensor", 0);
	if (!np)
		return -ENODEV;

	ret = of_property_read_u32(np, "reg", &priv->sensor_id);
	if (ret) {
		of_node_put(np);
		goto err;
	}

	of_node_put(np);
	return 0;

err:
	of_node_put(np); // expect: devlife-refcount-overput
	return ret;
}

// Silent: puts in mutually exclusive branches.
static int thermx_sensor_available(struct thermx_priv *priv)
{
	struct device_node *np;

	np = of_parse_phandle(priv->dev->of_node, "acme,sensor", 0);
	if (!np)
		return -ENODEV;

	if (!of_device_is_available(np)) {
		of_node_put(np);
		return -ENODEV;
	}

	of_node_put(np);
	return 0;
}

// Silent: second put is on NULL after the pointer was cleared.
static int thermx_read_trip_cleared(struct thermx_priv *priv)
{
	struct device_node *np;
	int ret;

	np = of_get_child_by_name(priv->dev->of_node, "trip");
	if (!np)
		return -ENODEV;

	ret = of_property_read_u32(np, "temperature", &priv->trip_temp);
	of_node_put(np);
	np = NULL;
	if (ret)
		return ret;

	of_node_put(np);
	return 0;
}

// Overput: release wrapper, then a direct put of the same node.
static void thermx_log_zone(struct thermx_priv *priv)
{
	struct device_node *zone;

	zone = of_get_child_by_name(priv->dev->of_node, "zone");
	if (!zone)
		return;

	dev_info(priv->dev, "zone %pOF\n", zone);
	thermx_drop_node(zone);
	of_node_put(zone); // expect: devlife-refcount-overput
}

// Silent: one extra of_node_get(), so two puts are balanced.
static int thermx_share_node(struct thermx_priv *priv, struct device_node **out)
{
	struct device_node *np;

	np = of_get_child_by_name(priv->dev->of_node, "zone");
	if (!np)
		return -ENODEV;

	*out = of_node_get(np);
	of_node_put(np);
	return 0;
}

// Overput: put_device(&pdev->dev) and platform_device_put(pdev) on the same device.
static int thermx_find_adc(struct thermx_priv *priv, struct device_node *adc_np)
{
	struct platform_device *pdev;
	bool bound;

	pdev = of_find_device_by_node(adc_np);
	if (!pdev)
		return -EPROBE_DEFER;

	bound = device_is_bound(&pdev->dev);
	put_device(&pdev->dev);
	if (!bound) {
		platform_device_put(pdev); // expect: devlife-refcount-overput
		return -EPROBE_DEFER;
	}
	return 0;
}

// Overput: fwnode handle put twice.
static int thermx_read_fw_trip(struct thermx_priv *priv)
{
	struct fwnode_handle *child;
	int ret;

	child = device_get_named_child_node(priv->dev, "trip");
	if (!child)
		return -ENODEV;

	ret = fwnode_property_read_u32(child, "temperature", &priv->trip_temp);
	fwnode_handle_put(child);
	if (ret) {
		fwnode_handle_put(child); // expect: devlife-refcount-overput
		return ret;
	}
	return 0;
}

// Overput: get_device() once, put_device() twice on the error path.
static int thermx_hold_parent(struct thermx_priv *priv)
{
	struct device *parent;

	parent = get_device(priv->dev->parent);
	if (!parent)
		return -ENODEV;

	if (!device_is_bound(parent)) {
		put_device(parent);
		goto err;
	}
	put_device(parent);
	return 0;
err:
	put_device(parent); // expect: devlife-refcount-overput
	return -EPROBE_DEFER;
}

static int thermx_probe(struct platform_device *pdev)
{
	struct thermx_priv *priv;

	priv = devm_kzalloc(&pdev->dev, sizeof(*priv), GFP_KERNEL);
	if (!priv)
		return -ENOMEM;
	priv->dev = &pdev->dev;

	platform_set_drvdata(pdev, priv);
	return thermx_sensor_available(priv);
}

static const struct of_device_id thermx_of_match[] = {
	{ .compatible = "acme,thermx" },
	{ }
};

static struct platform_driver thermx_driver = {
	.probe = thermx_probe,
	.driver = {
		.name = "acme-thermx",
		.of_match_table = thermx_of_match,
	},
};
module_platform_driver(thermx_driver);

MODULE_LICENSE("GPL");
