// SPDX-License-Identifier: GPL-2.0
/*
 * Helpers defined in the same file: a static function that returns the
 * result of an acquiring call is itself an acquiring call; a static function
 * that puts its argument is itself a release.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/device.h>
#include <linux/of.h>
#include <linux/platform_device.h>

struct csi2_priv {
	struct device *dev;
	struct device_node *sensor;
	u32 lanes;
	u32 port_reg;
};

// Silent (wrapper): returns the port child, the caller owns it.
static struct device_node *csi2_get_port(struct device_node *np)
{
	return of_get_child_by_name(np, "port");
}

// Silent (wrapper): one of two counted lookups, the caller owns the result.
static struct device_node *csi2_find_sensor(struct device_node *np)
{
	struct device_node *sensor;

	sensor = of_parse_phandle(np, "acme,sensor", 0);
	if (!sensor)
		sensor = of_get_child_by_name(np, "sensor");
	return sensor;
}

// Silent (wrapper of a wrapper): port is put, the endpoint is returned.
static struct device_node *csi2_get_endpoint(struct device_node *np)
{
	struct device_node *port, *ep;

	port = csi2_get_port(np);
	if (!port)
		return NULL;

	ep = of_get_next_child(port, NULL);
	of_node_put(port);
	return ep;
}

// Silent (release wrapper): drops its argument.
static void csi2_put_node(struct device_node *np)
{
	of_node_put(np);
}

// Silent (keeping helper): stores the node it is given, so it keeps the
// caller's reference (of_alias_add() in drivers/of/base.c).
static void csi2_keep_sensor(struct csi2_priv *priv, struct device_node *np)
{
	priv->sensor = np;
}

// Silent: the sensor's reference goes to priv through the keeping helper.
static int csi2_adopt_sensor(struct csi2_priv *priv)
{
	struct device_node *np = of_get_child_by_name(priv->dev->of_node, "sensor");

	if (!np)
		return -ENODEV;
	csi2_keep_sensor(priv, np);
	return 0;
}

struct csi2_walk {
	struct device_node *parent;
	int pos;
};

// Silent (exported helper): stores np in the caller's walk state, which may
// sit on the caller's stack (of_phandle_iterator_init()); it keeps nothing.
void csi2_walk_init(struct csi2_walk *w, struct device_node *np)
{
	w->parent = np;
	w->pos = 0;
}

// Leak: the walk state lives on this stack; the ports node is never put.
static int csi2_walk_ports(struct csi2_priv *priv)
{
	struct csi2_walk w;
	struct device_node *ports = of_get_child_by_name(priv->dev->of_node, "ports");

	if (!ports)
		return -ENODEV;
	csi2_walk_init(&w, ports);
	return w.pos; // expect: devlife-refcount-leak
}

// Silent (not an acquiring wrapper): returns a borrowed pointer.
static struct device_node *csi2_dev_node(struct csi2_priv *priv)
{
	return priv->dev->of_node;
}

// Leak: the port from the acquiring wrapper is never put.
static int csi2_port_reg(struct csi2_priv *priv)
{
	struct device_node *port;

	port = csi2_get_port(priv->dev->of_node);
	if (!port)
		return -ENODEV;

	if (of_property_read_u32(port, "reg", &priv->port_reg))
		priv->port_reg = 0;
	return 0; // expect: devlife-refcount-leak
}

// Silent: wrapper result released through the release wrapper.
static int csi2_port_present(struct csi2_priv *priv)
{
	struct device_node *port;

	port = csi2_get_port(priv->dev->of_node);
	if (!port)
		return 0;

	csi2_put_node(port);
	return 1;
}

// Leak: sensor from the conditional wrapper leaks on the error path only.
static int csi2_bind_sensor(struct csi2_priv *priv)
{
	struct device_node *sensor;

	sensor = csi2_find_sensor(priv->dev->of_node);
	if (!sensor)
		return -EPROBE_DEFER;

	if (!of_device_is_available(sensor))
		return -ENODEV; // expect: devlife-refcount-leak

	priv->sensor = sensor;
	return 0;
}

// Leak: endpoint from the two-level wrapper is never put.
static int csi2_parse_lanes(struct csi2_priv *priv)
{
	struct device_node *ep;

	ep = csi2_get_endpoint(priv->dev->of_node);
	if (!ep)
		return -ENODEV;

	return of_property_read_u32(ep, "data-lanes", &priv->lanes); // expect: devlife-refcount-leak
}

// Silent: endpoint from the two-level wrapper, put with of_node_put().
static int csi2_parse_lanes_fixed(struct csi2_priv *priv)
{
	struct device_node *ep;
	int ret;

	ep = csi2_get_endpoint(priv->dev->of_node);
	if (!ep)
		return -ENODEV;

	ret = of_property_read_u32(ep, "data-lanes", &priv->lanes);
	csi2_put_node(ep);
	return ret;
}

// Silent: the borrowed-node helper does not make the caller own anything.
static bool csi2_is_dual(struct csi2_priv *priv)
{
	struct device_node *np = csi2_dev_node(priv);

	return of_property_read_bool(np, "acme,dual-port");
}

// Leak: wrapper result ignored in a condition.
static bool csi2_has_port(struct csi2_priv *priv)
{
	if (csi2_get_port(priv->dev->of_node)) // expect: devlife-refcount-leak
		return true;
	return false;
}

// Silent (iterator step): takes a reference on what it returns and drops
// the previous one, like __of_get_next_child() in drivers/of/base.c.
static struct device_node *csi2_next_child(struct device_node *node,
					   struct device_node *prev)
{
	struct device_node *next;

	if (!node)
		return NULL;
	next = prev ? prev->sibling : node->child;
	of_node_get(next);
	of_node_put(prev);
	return next;
}

// Silent: a walk with the step helper that runs to its end.
static int csi2_count_children(struct device_node *np)
{
	struct device_node *child = NULL;
	int n = 0;

	while ((child = csi2_next_child(np, child)))
		n++;
	return n;
}

// Leak: the same walk left early, holding the child.
static bool csi2_has_endpoint(struct device_node *np)
{
	struct device_node *child = NULL;

	while ((child = csi2_next_child(np, child)))
		if (of_node_name_eq(child, "endpoint"))
			return true; // expect: devlife-refcount-leak
	return false;
}

// Silent, a known limit: `of_node_get(np);` as a statement reads the same as
// a klist get callback pinning a reference for the list (klist_devices_get),
// so a missing put on the error path is not reported.
static int csi2_sensor_reg(struct csi2_priv *priv)
{
	struct device_node *np = priv->sensor;
	u32 reg;

	of_node_get(np);
	if (of_property_read_u32(np, "reg", &reg))
		return -EINVAL;
	of_node_put(np);
	return reg;
}

static int csi2_probe(struct platform_device *pdev)
{
	struct csi2_priv *priv;
	int ret;

	priv = devm_kzalloc(&pdev->dev, sizeof(*priv), GFP_KERNEL);
	if (!priv)
		return -ENOMEM;
	priv->dev = &pdev->dev;

	if (!csi2_port_present(priv))
		return -ENODEV;

	ret = csi2_parse_lanes_fixed(priv);
	if (ret)
		return ret;

	if (csi2_is_dual(priv))
		priv->lanes *= 2;

	platform_set_drvdata(pdev, priv);
	return 0;
}

static void csi2_remove(struct platform_device *pdev)
{
	struct csi2_priv *priv = platform_get_drvdata(pdev);

	csi2_put_node(priv->sensor);
}

static const struct of_device_id csi2_of_match[] = {
	{ .compatible = "acme,csi2rx" },
	{ }
};

static struct platform_driver csi2_driver = {
	.probe = csi2_probe,
	.remove = csi2_remove,
	.driver = {
		.name = "acme-csi2rx",
		.of_match_table = csi2_of_match,
	},
};
module_platform_driver(csi2_driver);

MODULE_LICENSE("GPL");
