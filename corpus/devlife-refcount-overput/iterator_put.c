// SPDX-License-Identifier: GPL-2.0
/*
 * Putting the iterator variable inside a for_each_* body and then going on
 * to the next iteration (via `continue` or by reaching the end of the body):
 * the iterator step drops the same reference again. Putting it right before
 * `break`, `return` or a `goto` out of the loop is correct.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/device.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/property.h>

#define REGX_MAX	8

struct regx_priv {
	struct device *dev;
	struct device_node *rails[REGX_MAX];
	int nrails;
	u32 min_uv;
};

// Overput: put + continue on disabled children.
static int regx_count_rails(struct regx_priv *priv)
{
	struct device_node *child;
	int n = 0;

	for_each_child_of_node(priv->dev->of_node, child) {
		if (!of_device_is_available(child)) {
			of_node_put(child); // expect: devlife-refcount-overput
			continue;
		}
		n++;
	}
	return n;
}

// Overput: unconditional put at the end of the loop body.
static int regx_check_rails(struct regx_priv *priv)
{
	struct device_node *child;
	u32 uv;
	int ret = 0;

	for_each_child_of_node(priv->dev->of_node, child) {
		if (of_property_read_u32(child, "regulator-min-microvolt", &uv))
			ret = -EINVAL;
		of_node_put(child); // expect: devlife-refcount-overput
	}
	return ret;
}

// Silent: put only right before leaving the loop (break / return).
static int regx_find_min(struct regx_priv *priv)
{
	struct device_node *child;
	u32 uv;

	for_each_child_of_node(priv->dev->of_node, child) {
		if (of_property_read_u32(child, "regulator-min-microvolt", &uv)) {
			of_node_put(child);
			return -EINVAL;
		}
		if (uv == 0) {
			of_node_put(child);
			break;
		}
		if (!priv->min_uv || uv < priv->min_uv)
			priv->min_uv = uv;
	}
	return 0;
}

// Silent: put before a goto out of the loop.
static int regx_validate(struct regx_priv *priv)
{
	struct device_node *child;
	int ret = 0;

	for_each_available_child_of_node(priv->dev->of_node, child) {
		if (!of_property_read_bool(child, "regulator-name")) {
			of_node_put(child);
			ret = -EINVAL;
			goto err;
		}
	}
	return 0;
err:
	dev_err(priv->dev, "unnamed regulator\n");
	return ret;
}

// Overput: available-child iterator, put then continue.
static int regx_collect(struct regx_priv *priv)
{
	struct device_node *child;

	for_each_available_child_of_node(priv->dev->of_node, child) {
		if (priv->nrails == REGX_MAX) {
			of_node_put(child); // expect: devlife-refcount-overput
			continue;
		}
		priv->rails[priv->nrails++] = of_node_get(child);
	}
	return priv->nrails;
}

// Overput: global compatible iterator, put then continue.
static int regx_count_pmics(void)
{
	struct device_node *np;
	int n = 0;

	for_each_compatible_node(np, NULL, "acme,pmic") {
		if (!of_device_is_available(np)) {
			of_node_put(np); // expect: devlife-refcount-overput
			continue;
		}
		n++;
	}
	return n;
}

// Overput: fwnode iterator, fwnode_handle_put() then continue.
static int regx_count_fw_rails(struct regx_priv *priv)
{
	struct fwnode_handle *child;
	int n = 0;

	device_for_each_child_node(priv->dev, child) {
		if (!fwnode_device_is_available(child)) {
			fwnode_handle_put(child); // expect: devlife-refcount-overput
			continue;
		}
		n++;
	}
	return n;
}

// Silent: the body puts an extra reference it took itself.
static int regx_count_with_get(struct regx_priv *priv)
{
	struct device_node *child, *tmp;
	int n = 0;

	for_each_child_of_node(priv->dev->of_node, child) {
		tmp = of_node_get(child);
		if (of_device_is_available(tmp))
			n++;
		of_node_put(tmp);
	}
	return n;
}

// Silent: scoped iterator; the body never puts.
static int regx_count_scoped(struct regx_priv *priv)
{
	int n = 0;

	for_each_child_of_node_scoped(priv->dev->of_node, child) {
		if (!of_device_is_available(child))
			continue;
		n++;
	}
	return n;
}

static int regx_probe(struct platform_device *pdev)
{
	struct regx_priv *priv;
	int ret;

	priv = devm_kzalloc(&pdev->dev, sizeof(*priv), GFP_KERNEL);
	if (!priv)
		return -ENOMEM;
	priv->dev = &pdev->dev;

	ret = regx_validate(priv);
	if (ret)
		return ret;

	ret = regx_find_min(priv);
	if (ret)
		return ret;

	platform_set_drvdata(pdev, priv);
	return regx_count_scoped(priv) ? 0 : -ENODEV;
}

static void regx_remove(struct platform_device *pdev)
{
	struct regx_priv *priv = platform_get_drvdata(pdev);
	int i;

	for (i = 0; i < priv->nrails; i++)
		of_node_put(priv->rails[i]);
}

static const struct of_device_id regx_of_match[] = {
	{ .compatible = "acme,regx" },
	{ }
};

static struct platform_driver regx_driver = {
	.probe = regx_probe,
	.remove = regx_remove,
	.driver = {
		.name = "acme-regx",
		.of_match_table = regx_of_match,
	},
};
module_platform_driver(regx_driver);

MODULE_LICENSE("GPL");
