// SPDX-License-Identifier: GPL-2.0
/*
 * A pointer set to NULL is known to be NULL until it is written again:
 * of_get_parent() of it returns NULL, and a test of it takes one side only.
 * Found by the path oracle (tests/RefcountOracleTest.cpp): before, a NULL
 * constant was "no value", so the NULL-in, NULL-out rule and branch pruning
 * never saw it.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/of.h>

int kn_register(struct device_node *np, struct device_node *parent);

// Silent: without a port, np is still NULL and so is its parent; the early
// return has nothing to put.
static int kn_port_parent(struct device_node *bus, bool has_port)
{
	struct device_node *np = NULL, *parent;
	int ret;

	if (has_port)
		np = of_get_child_by_name(bus, "port");
	parent = of_get_parent(np);
	if (!np)
		return -ENODEV;

	ret = kn_register(np, parent);
	of_node_put(parent);
	of_node_put(np);
	return ret;
}

// Silent: np was cleared, so `if (np)` cannot take the side that fetches a
// parent and forgets it.
static int kn_cleared(struct device_node *bus)
{
	struct device_node *np = of_get_child_by_name(bus, "port");
	struct device_node *parent = NULL;

	of_node_put(np);
	np = NULL;
	if (np)
		parent = of_get_parent(np);
	return kn_register(np, parent);
}

// Leak: the same with a real pointer: the parent is never put.
static int kn_not_cleared(struct device_node *bus)
{
	struct device_node *np = of_get_child_by_name(bus, "port");
	struct device_node *parent = NULL;
	int ret;

	if (np)
		parent = of_get_parent(np);
	ret = kn_register(np, parent);
	of_node_put(np);
	return ret; // expect: devlife-refcount-leak
}
