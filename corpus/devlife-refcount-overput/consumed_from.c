// SPDX-License-Identifier: GPL-2.0
/*
 * Calls that consume the reference passed to them: of_find_node_by_name(from),
 * of_find_compatible_node(from), of_find_matching_node(from),
 * of_get_next_parent(node), of_get_next_child(parent, prev),
 * of_graph_get_next_endpoint(parent, prev), fwnode_get_next_child_node(),
 * fwnode_get_next_parent(). Putting the argument afterwards is an overput.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/init.h>
#include <linux/of.h>
#include <linux/of_graph.h>
#include <linux/property.h>
#include <linux/string.h>

static const struct of_device_id clkx_ids[] = {
	{ .compatible = "acme,clkx" },
	{ }
};

// Overput: `np` was consumed as `from` by of_find_node_by_name().
static int __init clkx_second_osc(void)
{
	struct device_node *np, *next;
	int avail;

	np = of_find_node_by_name(NULL, "osc");
	if (!np)
		return -ENODEV;

	next = of_find_node_by_name(np, "osc");
	of_node_put(np); // expect: devlife-refcount-overput
	if (!next)
		return -ENODEV;

	avail = of_device_is_available(next);
	of_node_put(next);
	return avail;
}

// Overput: of_find_compatible_node(from, ...) already dropped `prev`.
static int __init clkx_count_plls(void)
{
	struct device_node *prev, *np;
	int n = 0;

	np = of_find_compatible_node(NULL, NULL, "acme,pll");
	while (np) {
		n++;
		prev = np;
		np = of_find_compatible_node(prev, NULL, "acme,pll");
		of_node_put(prev); // expect: devlife-refcount-overput
	}
	return n;
}

// Silent: from-consuming search started from our own reference.
static int __init clkx_find_after_root(void)
{
	struct device_node *root, *np;

	root = of_find_node_by_path("/clocks");
	if (!root)
		return -ENODEV;

	np = of_find_matching_node(root, clkx_ids);
	if (!np)
		return -ENODEV;

	of_node_put(np);
	return 0;
}

// Overput: of_find_matching_node(from, ...) consumed `root`.
static int __init clkx_find_after_root_buggy(void)
{
	struct device_node *root, *np;

	root = of_find_node_by_path("/clocks");
	if (!root)
		return -ENODEV;

	np = of_find_matching_node(root, clkx_ids);
	of_node_put(root); // expect: devlife-refcount-overput
	if (!np)
		return -ENODEV;

	of_node_put(np);
	return 0;
}

// Overput: of_get_next_parent() consumed the child.
static bool __init clkx_parent_is_soc(struct device_node *clk_np)
{
	struct device_node *np, *parent;
	bool soc;

	np = of_node_get(clk_np);
	parent = of_get_next_parent(np);
	of_node_put(np); // expect: devlife-refcount-overput
	if (!parent)
		return false;

	soc = of_node_name_eq(parent, "soc");
	of_node_put(parent);
	return soc;
}

// Silent: the same walk without the extra put.
static bool __init clkx_parent_is_soc_fixed(struct device_node *clk_np)
{
	struct device_node *parent;
	bool soc;

	parent = of_get_next_parent(of_node_get(clk_np));
	if (!parent)
		return false;

	soc = of_node_name_eq(parent, "soc");
	of_node_put(parent);
	return soc;
}

// Overput: manual of_get_next_child() walk that also puts `prev`.
static int __init clkx_count_outputs(struct device_node *np)
{
	struct device_node *child, *prev;
	int n = 0;

	child = of_get_next_child(np, NULL);
	while (child) {
		n++;
		prev = child;
		child = of_get_next_child(np, prev);
		of_node_put(prev); // expect: devlife-refcount-overput
	}
	return n;
}

// Overput: of_graph_get_next_endpoint(parent, prev) consumed `ep`.
static int __init clkx_second_endpoint(struct device_node *np)
{
	struct device_node *ep, *ep2;

	ep = of_graph_get_next_endpoint(np, NULL);
	if (!ep)
		return -ENODEV;

	ep2 = of_graph_get_next_endpoint(np, ep);
	of_node_put(ep); // expect: devlife-refcount-overput
	if (!ep2)
		return -ENODEV;

	of_node_put(ep2);
	return 0;
}

// Overput: fwnode_get_next_child_node(fwnode, child) consumed `child`.
static int __init clkx_fw_second_child(struct fwnode_handle *fw)
{
	struct fwnode_handle *child, *next;

	child = fwnode_get_next_child_node(fw, NULL);
	if (!child)
		return -ENODEV;

	next = fwnode_get_next_child_node(fw, child);
	fwnode_handle_put(child); // expect: devlife-refcount-overput
	if (!next)
		return -ENODEV;

	fwnode_handle_put(next);
	return 0;
}

// Silent: fwnode_get_next_parent() walk, put only the final handle.
static int __init clkx_fw_depth(struct fwnode_handle *fw)
{
	struct fwnode_handle *node;
	int depth = 0;

	node = fwnode_get_parent(fw);
	while (node && depth < 16) {
		depth++;
		node = fwnode_get_next_parent(node);
	}
	fwnode_handle_put(node);
	return depth;
}

// Silent (wrapper): walks down a path, putting each node it leaves; returns
// a new reference, or `node` itself when there is nothing to walk (like
// __of_find_node_by_full_path()). Callers see it consume `node`.
static struct device_node *clkx_walk_down(struct device_node *node,
					  const char *path)
{
	while (node && *path == '/') {
		struct device_node *tmp = node;

		path++;
		node = of_get_child_by_name(node, path);
		of_node_put(tmp);
		path = strchrnul(path, '/');
	}
	return node;
}

// Silent: the walk consumed `np` and handed back what the caller puts.
static int __init clkx_has_path(const char *path)
{
	struct device_node *np = of_find_node_by_path("/soc");

	np = clkx_walk_down(np, path);
	of_node_put(np);
	return np != NULL;
}

// Overput: `np` was consumed by the walk, then put again.
static int __init clkx_has_path_buggy(const char *path)
{
	struct device_node *np = of_find_node_by_path("/soc");
	struct device_node *found;

	found = clkx_walk_down(np, path);
	of_node_put(np); // expect: devlife-refcount-overput
	of_node_put(found);
	return found != NULL;
}

static int __init clkx_init(void)
{
	struct device_node *np;
	int ret;

	ret = clkx_find_after_root();
	if (ret)
		return ret;
	if (clkx_has_path("/clocks/osc") || clkx_has_path_buggy("/clocks/pll"))
		return 0;

	np = of_find_compatible_node(NULL, NULL, "acme,clkx");
	if (!np)
		return -ENODEV;
	if (clkx_parent_is_soc_fixed(np))
		pr_info("clkx: on the soc bus\n");
	of_node_put(np);

	return clkx_fw_depth(NULL);
}
module_init(clkx_init);

MODULE_LICENSE("GPL");
