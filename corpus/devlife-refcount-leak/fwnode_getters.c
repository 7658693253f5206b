// SPDX-License-Identifier: GPL-2.0
/*
 * Firmware-node (fwnode) getters from <linux/property.h>: named children,
 * parents, references (which return ERR_PTR on failure) and graph endpoints.
 * All of them return a counted handle, dropped with fwnode_handle_put().
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/property.h>

struct ledc_priv {
	struct device *dev;
	struct fwnode_handle *sensor;
	u32 max_brightness;
	u32 trigger_id;
};

// Silent: device_get_named_child_node(), read, put.
static int ledc_read_max_brightness(struct ledc_priv *priv)
{
	struct fwnode_handle *leds;
	int ret;

	leds = device_get_named_child_node(priv->dev, "leds");
	if (!leds)
		return -ENODEV;

	ret = fwnode_property_read_u32(leds, "max-brightness", &priv->max_brightness);
	fwnode_handle_put(leds);
	return ret;
}

// Leak: fwnode_get_named_child_node() handle leaks on the error return.
static int ledc_read_trigger(struct ledc_priv *priv)
{
	struct fwnode_handle *trig;

	trig = fwnode_get_named_child_node(dev_fwnode(priv->dev), "trigger");
	if (!trig)
		return 0;

	if (fwnode_property_read_u32(trig, "acme,id", &priv->trigger_id))
		return -EINVAL; // expect: devlife-refcount-leak

	fwnode_handle_put(trig);
	return 0;
}

// Silent: fwnode_find_reference() returns ERR_PTR on failure; IS_ERR path owns nothing.
static int ledc_check_supply(struct ledc_priv *priv)
{
	struct fwnode_handle *ref;
	bool avail;

	ref = fwnode_find_reference(dev_fwnode(priv->dev), "acme,supply", 0);
	if (IS_ERR(ref))
		return PTR_ERR(ref);

	avail = fwnode_device_is_available(ref);
	fwnode_handle_put(ref);
	return avail ? 0 : -EPROBE_DEFER;
}

// Leak: reference found, availability check returns without the put.
static int ledc_bind_sensor(struct ledc_priv *priv)
{
	struct fwnode_handle *ref;

	ref = fwnode_find_reference(dev_fwnode(priv->dev), "acme,light-sensor", 0);
	if (IS_ERR_OR_NULL(ref))
		return -ENODEV;

	if (!fwnode_device_is_available(ref))
		return -EPROBE_DEFER; // expect: devlife-refcount-leak

	priv->sensor = ref;	/* escapes into the driver state */
	return 0;
}

// Leak: fwnode_get_parent() result kept past the return.
static bool ledc_parent_is_pmic(struct ledc_priv *priv)
{
	struct fwnode_handle *parent;

	parent = fwnode_get_parent(dev_fwnode(priv->dev));
	if (!parent)
		return false;

	return fwnode_property_present(parent, "acme,pmic"); // expect: devlife-refcount-leak
}

// Silent: graph endpoint -> remote port parent, both handles dropped.
static int ledc_remote_is_available(struct ledc_priv *priv)
{
	struct fwnode_handle *ep, *remote;
	bool avail;

	ep = fwnode_graph_get_next_endpoint(dev_fwnode(priv->dev), NULL);
	if (!ep)
		return -ENODEV;

	remote = fwnode_graph_get_remote_port_parent(ep);
	fwnode_handle_put(ep);
	if (!remote)
		return -ENODEV;

	avail = fwnode_device_is_available(remote);
	fwnode_handle_put(remote);
	return avail;
}

// Leak: the endpoint handle is never dropped; the remote one is.
static int ledc_remote_name(struct ledc_priv *priv, const char **name)
{
	struct fwnode_handle *ep, *remote;

	ep = fwnode_graph_get_next_endpoint(dev_fwnode(priv->dev), NULL);
	if (!ep)
		return -ENODEV;

	remote = fwnode_graph_get_remote_port_parent(ep);
	if (!remote)
		return -ENOENT; // expect: devlife-refcount-leak

	*name = fwnode_get_name(remote);
	fwnode_handle_put(remote);
	return 0; // expect-also: devlife-refcount-leak
}

// Leak: extra reference via fwnode_handle_get() never dropped.
static void ledc_log_fwnode(struct ledc_priv *priv)
{
	struct fwnode_handle *fwnode = fwnode_handle_get(dev_fwnode(priv->dev));

	dev_info(priv->dev, "fwnode %s\n", fwnode_get_name(fwnode));
} // expect: devlife-refcount-leak

// Silent: an OF child returned as a fwnode handle transfers the reference.
static struct fwnode_handle *ledc_get_child_fwnode(struct ledc_priv *priv)
{
	struct device_node *np;

	np = of_get_child_by_name(priv->dev->of_node, "led");
	if (!np)
		return NULL;

	return of_fwnode_handle(np);
}

static int ledc_probe(struct platform_device *pdev)
{
	struct ledc_priv *priv;
	int ret;

	priv = devm_kzalloc(&pdev->dev, sizeof(*priv), GFP_KERNEL);
	if (!priv)
		return -ENOMEM;
	priv->dev = &pdev->dev;

	ret = ledc_read_max_brightness(priv);
	if (ret)
		return ret;
	ret = ledc_check_supply(priv);
	if (ret)
		return ret;

	platform_set_drvdata(pdev, priv);
	return 0;
}

static void ledc_remove(struct platform_device *pdev)
{
	struct ledc_priv *priv = platform_get_drvdata(pdev);

	fwnode_handle_put(priv->sensor);
}

static const struct of_device_id ledc_of_match[] = {
	{ .compatible = "acme,ledc" },
	{ }
};

static struct platform_driver ledc_driver = {
	.probe = ledc_probe,
	.remove = ledc_remove,
	.driver = {
		.name = "acme-ledc",
		.of_match_table = ledc_of_match,
	},
};
module_platform_driver(ledc_driver);

MODULE_LICENSE("GPL");
