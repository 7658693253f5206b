// SPDX-License-Identifier: GPL-2.0
/*
 * The refcount twin: a counted device_node / device reference given to a
 * memory free (kfree(np), `np __free(kfree)`) instead of its put. The node
 * is freed under every other holder, and the reference is never dropped.
 */
#include <linux/kernel.h>
#include <linux/of.h>
#include <linux/device.h>
#include <linux/slab.h>
#include <linux/cleanup.h>

// Bug: kfree() of a node from of_get_child_by_name().
static int dmn_read_port(struct device_node *parent, u32 *val)
{
	struct device_node *port;
	int ret;

	port = of_get_child_by_name(parent, "port");
	if (!port)
		return -ENODEV;
	ret = of_property_read_u32(port, "reg", val);
	kfree(port); // expect: devlife-devm-manual-free
	return ret; // expect: devlife-refcount-leak
}

// Bug: __free(kfree) on a node from of_find_compatible_node().
static bool dmn_has_pmu(void)
{
	struct device_node *np __free(kfree) = of_find_compatible_node(NULL, NULL, "dmn,pmu"); // expect: devlife-devm-manual-free

	return np != NULL;
}

// Silent: __free(device_node) is the put.
static bool dmn_has_timer(void)
{
	struct device_node *np __free(device_node) = of_find_compatible_node(NULL, NULL, "dmn,timer");

	return np != NULL;
}

// Silent: of_node_put() is the put.
static int dmn_read_ports(struct device_node *parent, u32 *val)
{
	struct device_node *port = of_get_child_by_name(parent, "ports");
	int ret;

	if (!port)
		return -ENODEV;
	ret = of_property_read_u32(port, "reg", val);
	of_node_put(port);
	return ret;
}

// Silent: __free(kfree) on kzalloc() memory.
static int dmn_scratch(void)
{
	u32 *buf __free(kfree) = kzalloc(16, GFP_KERNEL);

	return buf ? 0 : -ENOMEM;
}
