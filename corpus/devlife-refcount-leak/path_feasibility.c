// SPDX-License-Identifier: GPL-2.0
/*
 * Paths that cannot run must not report: a pointer tested NULL stays NULL,
 * one that was dereferenced or handed to a callee is taken as non-NULL.
 * WARN_ON()/WARN_ONCE() copy their condition into a local first.
 * Shapes from drivers/base/core.c (fw_devlink_refresh_fwnode()).
 */
#include <linux/kernel.h>
#include <linux/bug.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/of.h>
#include <linux/property.h>

int fwx_test_flag(struct fwnode_handle *fwnode, int flag);

// Silent: the loop ends only when fwnode is NULL, so `if (!fwnode)` is taken;
// a break keeps dev, and fwnode was used, so it is not NULL there.
static void fwx_refresh(struct fwnode_handle *fwnode)
{
	struct device *dev;

	fwnode_handle_get(fwnode);
	do {
		if (fwx_test_flag(fwnode, 1))
			continue;

		dev = get_dev_from_fwnode(fwnode);
		if (!dev)
			continue;

		if (dev->parent)
			break;

		put_device(dev);
	} while ((fwnode = fwnode_get_next_parent(fwnode)));

	if (!fwnode)
		return;

	put_device(dev);
	fwnode_handle_put(fwnode);
}

// Leak: the same walk, but the break path forgets dev.
static void fwx_refresh_buggy(struct fwnode_handle *fwnode)
{
	struct device *dev;

	fwnode_handle_get(fwnode);
	do {
		if (fwx_test_flag(fwnode, 1))
			continue;

		dev = get_dev_from_fwnode(fwnode);
		if (!dev)
			continue;

		if (dev->parent)
			break;

		put_device(dev);
	} while ((fwnode = fwnode_get_next_parent(fwnode)));

	if (!fwnode)
		return;

	fwnode_handle_put(fwnode);
} // expect: devlife-refcount-leak

// Silent: np->name already assumed np non-NULL, a later NULL test cannot fail.
static int fwx_name_len(struct device_node *parent)
{
	struct device_node *np = of_get_child_by_name(parent, "fw");
	int len;

	if (!np)
		return -ENODEV;
	len = np->name ? 1 : 0;
	of_node_put(np);
	if (!np)
		return -EINVAL;
	return len;
}

// Leak: tested non-NULL, then the early return forgets it.
static int fwx_name_len_buggy(struct device_node *parent)
{
	struct device_node *np = of_get_child_by_name(parent, "fw");

	if (!np)
		return -ENODEV;
	if (!np->name)
		return -EINVAL; // expect: devlife-refcount-leak
	of_node_put(np);
	return 0;
}

// Silent: WARN_ONCE(!port) returns when port is NULL (of_graph_get_next_endpoint).
static int fwx_port_id(struct device_node *ep)
{
	struct device_node *port = of_get_parent(ep);
	u32 id = 0;

	if (WARN_ONCE(!port, "%pOF has no parent\n", ep))
		return -EINVAL;
	of_property_read_u32(port, "reg", &id);
	of_node_put(port);
	return id;
}

// Silent: the same with WARN_ON().
static int fwx_port_id_warn_on(struct device_node *ep)
{
	struct device_node *port = of_get_parent(ep);

	if (WARN_ON(!port))
		return -EINVAL;
	of_node_put(port);
	return 0;
}

// Leak: WARN_ON() on something else; the early return forgets port.
static int fwx_port_id_buggy(struct device_node *ep, int bad)
{
	struct device_node *port = of_get_parent(ep);

	if (WARN_ON(bad))
		return -EINVAL; // expect: devlife-refcount-leak
	of_node_put(port);
	return 0;
}

void fwx_fatal(const char *msg) __noreturn;

// Silent: a path through a noreturn call never comes back to lose np
// (compiletime_assert() in FIELD_PREP() expands to one).
static int fwx_name_or_die(struct device_node *parent)
{
	struct device_node *np = of_get_child_by_name(parent, "fw");

	if (!np)
		return -ENODEV;
	if (!np->name)
		fwx_fatal("nameless node");
	of_node_put(np);
	return 0;
}
