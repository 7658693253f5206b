// SPDX-License-Identifier: GPL-2.0
/*
 * Child / parent / cpu getters: of_get_child_by_name, of_get_compatible_child,
 * of_get_next_child(np, NULL), of_get_next_available_child, of_get_parent,
 * of_get_next_parent, of_get_cpu_node, of_node_get.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/platform_device.h>

struct qphy_priv {
	struct device *dev;
	u32 lanes;
	u32 mode;
	int cpu_id;
	bool in_soc_bus;
};

// Silent: named child, read, put on both the error and the success path.
static int qphy_parse_lanes(struct qphy_priv *priv)
{
	struct device_node *np = priv->dev->of_node;
	struct device_node *lanes;
	int ret;

	lanes = of_get_child_by_name(np, "lanes");
	if (!lanes)
		return -EINVAL;

	ret = of_property_read_u32(lanes, "count", &priv->lanes);
	of_node_put(lanes);
	if (ret)
		return ret;

	return 0;
}

// Leak: the compatible child is checked and used but never put.
static int qphy_parse_mode(struct qphy_priv *priv)
{
	struct device_node *mode_np;

	mode_np = of_get_compatible_child(priv->dev->of_node, "acme,qphy-mode");
	if (!mode_np)
		return 0;

	if (of_property_read_u32(mode_np, "acme,mode", &priv->mode))
		priv->mode = 0;

	return 0; // expect: devlife-refcount-leak
}

// Leak: of_get_parent() reference dropped on the early return only.
static int qphy_check_parent(struct qphy_priv *priv)
{
	struct device_node *parent;

	parent = of_get_parent(priv->dev->of_node);
	if (!parent)
		return -ENODEV;

	if (!of_device_is_compatible(parent, "simple-bus"))
		return -EPROBE_DEFER; // expect: devlife-refcount-leak

	priv->in_soc_bus = true;
	of_node_put(parent);
	return 0;
}

// Silent: walking up with of_get_next_parent() (it drops the reference on
// its argument), putting the final node.
static bool qphy_under_soc(struct device_node *np)
{
	struct device_node *node = of_node_get(np);

	while (node) {
		if (of_node_name_eq(node, "soc")) {
			of_node_put(node);
			return true;
		}
		node = of_get_next_parent(node);
	}
	return false;
}

// Leak: first child via of_get_next_child(np, NULL), never released.
static void qphy_dump_first_child(struct qphy_priv *priv)
{
	struct device_node *child;

	child = of_get_next_child(priv->dev->of_node, NULL);
	if (child)
		dev_info(priv->dev, "first sub-node %pOF\n", child);
} // expect: devlife-refcount-leak

// Silent: first available child, released before returning the count.
static int qphy_first_available_reg(struct qphy_priv *priv, u32 *reg)
{
	struct device_node *child;
	int ret;

	child = of_get_next_available_child(priv->dev->of_node, NULL);
	if (!child)
		return -ENODEV;

	ret = of_property_read_u32(child, "reg", reg);
	of_node_put(child);
	return ret;
}

// Leak: cpu node used for its id only; put missing on the success path.
static int qphy_bind_cpu(struct qphy_priv *priv, int cpu)
{
	struct device_node *cpu_np;
	u32 id;

	cpu_np = of_get_cpu_node(cpu, NULL);
	if (!cpu_np)
		return -ENODEV;

	if (of_property_read_u32(cpu_np, "reg", &id)) {
		of_node_put(cpu_np);
		return -EINVAL;
	}

	priv->cpu_id = id;
	return 0; // expect: devlife-refcount-leak
}

// Leak: explicit of_node_get() on the device's node without a matching put.
static int qphy_count_children(struct qphy_priv *priv)
{
	struct device_node *np = of_node_get(priv->dev->of_node);
	int n;

	n = of_get_child_count(np);
	if (n > 4)
		dev_warn(priv->dev, "%d lanes, only 4 used\n", n);

	return n; // expect: devlife-refcount-leak
}

// Silent: of_node_get() paired with of_node_put().
static int qphy_count_available(struct qphy_priv *priv)
{
	struct device_node *np = of_node_get(priv->dev->of_node);
	int n;

	n = of_get_available_child_count(np);
	of_node_put(np);
	return n;
}

static int qphy_probe(struct platform_device *pdev)
{
	struct qphy_priv *priv;
	int ret;

	priv = devm_kzalloc(&pdev->dev, sizeof(*priv), GFP_KERNEL);
	if (!priv)
		return -ENOMEM;
	priv->dev = &pdev->dev;

	ret = qphy_parse_lanes(priv);
	if (ret)
		return dev_err_probe(&pdev->dev, ret, "no lanes\n");

	if (!qphy_under_soc(pdev->dev.of_node))
		return -ENODEV;

	platform_set_drvdata(pdev, priv);
	return 0;
}

static const struct of_device_id qphy_of_match[] = {
	{ .compatible = "acme,qphy" },
	{ }
};

static struct platform_driver qphy_driver = {
	.probe = qphy_probe,
	.driver = {
		.name = "acme-qphy",
		.of_match_table = qphy_of_match,
	},
};
module_platform_driver(qphy_driver);

MODULE_LICENSE("GPL");
