// SPDX-License-Identifier: GPL-2.0
/*
 * NULL-in, NULL-out getters (model data: null_if_null): of_get_parent(NULL),
 * of_get_child_by_name(NULL, ...), fwnode_get_parent(NULL) are NULL, so on a
 * path where the argument was NULL nothing was acquired, and where the
 * result is not NULL neither was the argument (rockchip_gpio_probe()'s
 * `if (!np || !pctlnp)`). A getter that is not, or a test of some other
 * pointer, proves nothing.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/device.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/property.h>

struct pinbank {
	struct device *dev;
	struct device_node *of_node;
	u32 id;
};

int pinbank_register(struct pinbank *bank, struct device_node *pctl);

// Silent: on the `!np` path of_get_parent(np) returned NULL (rockchip_gpio_probe()).
static int pinbank_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct device_node *np = dev->of_node;
	struct device_node *pctlnp = of_get_parent(np);
	struct pinbank *bank = platform_get_drvdata(pdev);
	int ret;

	if (!np || !pctlnp)
		return -ENODEV;

	ret = pinbank_register(bank, pctlnp);
	of_node_put(pctlnp);
	return ret;
}

// Silent: the result tested first: a parent means the node was there.
static int pinbank_probe_reversed(struct pinbank *bank, struct device_node *np)
{
	struct device_node *pctlnp = of_get_parent(np);
	int ret;

	if (!pctlnp || !np)
		return -ENODEV;

	ret = pinbank_register(bank, pctlnp);
	of_node_put(pctlnp);
	return ret;
}

// Silent: a NULL parameter, tested after the child lookup.
static int pinbank_read_id(struct pinbank *bank, struct device_node *np)
{
	struct device_node *child = of_get_child_by_name(np, "bank");
	int ret;

	if (!np)
		return -EINVAL;
	if (!child)
		return -ENODEV;
	ret = of_property_read_u32(child, "reg", &bank->id);
	of_node_put(child);
	return ret;
}

// Silent: fwnode_get_parent(NULL) is NULL too.
static int pinbank_fwnode_parent(struct pinbank *bank, struct fwnode_handle *fwnode)
{
	struct fwnode_handle *parent = fwnode_get_parent(fwnode);

	if (!fwnode)
		return -EINVAL;
	fwnode_handle_put(parent);
	return 0;
}

// Leak: the test is of another pointer: the parent may be held on that path.
static int pinbank_probe_other(struct pinbank *bank, struct device_node *np)
{
	struct device_node *pctlnp = of_get_parent(np);
	int ret;

	if (!bank->dev || !pctlnp)
		return -ENODEV; // expect: devlife-refcount-leak

	ret = pinbank_register(bank, pctlnp);
	of_node_put(pctlnp);
	return ret;
}

// Leak: the node is there (it was passed on), so of_get_parent() may have made a reference the early return loses.
static int pinbank_probe_late(struct pinbank *bank, struct device_node *np)
{
	struct device_node *pctlnp = of_get_parent(np);
	int ret;

	if (!np || !pctlnp)
		return -ENODEV;

	ret = pinbank_register(bank, np);
	if (ret)
		return ret; // expect: devlife-refcount-leak
	of_node_put(pctlnp);
	return 0;
}

// Leak: of_find_compatible_node(NULL, ...) searches the whole tree: NULL in is not NULL out.
static int pinbank_find_mux(struct pinbank *bank, struct device_node *np)
{
	struct device_node *mux = of_find_compatible_node(NULL, NULL, "acme,pinmux");

	if (!np || !mux)
		return -ENODEV; // expect: devlife-refcount-leak
	of_node_put(mux);
	return 0;
}
