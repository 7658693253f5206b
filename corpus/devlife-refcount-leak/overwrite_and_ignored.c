// SPDX-License-Identifier: GPL-2.0
/*
 * Two shapes of leak that do not involve a return: the only variable holding
 * a reference is overwritten, or the result of an acquiring call is never
 * stored at all (used inline as an argument or as a condition).
 * Overwrites through a call that consumes its argument (of_get_next_parent,
 * of_find_*(from, ...)) are fine.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/init.h>
#include <linux/of.h>
#include <linux/property.h>

static bool board_has_pmic;
static bool board_has_secure_fw;
static u32 board_variant;

// Leak: `np` is overwritten while still holding the first lookup.
static int __init board_detect_display(void)
{
	struct device_node *np;
	int found = 0;

	np = of_find_node_by_name(NULL, "lcd");
	if (np && of_device_is_available(np))
		found = 1;

	np = of_find_node_by_name(NULL, "hdmi"); // expect: devlife-refcount-leak
	if (np && of_device_is_available(np))
		found |= 2;
	of_node_put(np);

	return found;
}

// Leak: climbing with of_get_parent() overwrites (and leaks) the child.
static int __init board_depth_of(const char *path)
{
	struct device_node *np;
	int depth = 0;

	np = of_find_node_by_path(path);
	if (!np)
		return -ENOENT;

	np = of_get_parent(np); // expect: devlife-refcount-leak
	if (np)
		depth = 1;
	of_node_put(np);
	return depth;
}

// Silent: of_get_next_parent() drops the reference on its argument.
static int __init board_depth_of_fixed(const char *path)
{
	struct device_node *np;
	int depth = 0;

	np = of_find_node_by_path(path);
	while (np && !of_node_is_root(np)) {
		depth++;
		np = of_get_next_parent(np);
	}
	of_node_put(np);
	return depth;
}

// Silent: of_find_compatible_node(from, ...) consumes `from`.
static int __init board_second_uart(void)
{
	struct device_node *np;
	int avail;

	np = of_find_compatible_node(NULL, NULL, "acme,uart");
	if (!np)
		return -ENODEV;

	np = of_find_compatible_node(np, NULL, "acme,uart");
	if (!np)
		return -ENODEV;

	avail = of_device_is_available(np);
	of_node_put(np);
	return avail;
}

// Leak: lookup used directly as an argument, the result is never stored.
static void __init board_detect_pmic(void)
{
	board_has_pmic = of_property_read_bool(of_find_node_by_path("/pmic"), "acme,enabled"); // expect: devlife-refcount-leak
}

// Leak: lookup used only as an existence check in a condition.
static int __init board_detect_secure_fw(void)
{
	if (of_find_compatible_node(NULL, NULL, "acme,secure-monitor")) // expect: devlife-refcount-leak
		board_has_secure_fw = true;
	return 0;
}

// Leak: bare call whose result is discarded.
static void __init board_touch_chosen(void)
{
	of_find_node_by_path("/chosen"); // expect: devlife-refcount-leak
}

// Leak twice on one line: two unstored lookups in one condition.
static bool __init board_is_dual_display(void)
{
	if (of_find_node_by_name(NULL, "lcd") && of_find_node_by_name(NULL, "hdmi")) // expect: devlife-refcount-leak devlife-refcount-leak
		return true;
	return false;
}

// Silent: existence check done properly with a put.
static bool __init board_has_node(const char *path)
{
	struct device_node *np = of_find_node_by_path(path);
	bool found = np != NULL;

	of_node_put(np);
	return found;
}

// Leak: fwnode handle overwritten by a non-consuming getter.
static int __init board_read_variant(struct fwnode_handle *root)
{
	struct fwnode_handle *fw;

	fw = fwnode_get_named_child_node(root, "board");
	if (!fw)
		return -ENODEV;

	fw = fwnode_get_named_child_node(fw, "variant"); // expect: devlife-refcount-leak
	if (!fw)
		return -ENODEV;

	fwnode_property_read_u32(fw, "id", &board_variant);
	fwnode_handle_put(fw);
	return 0;
}

static int __init board_init(void)
{
	board_detect_pmic();
	board_detect_secure_fw();
	if (board_has_node("/soc"))
		pr_info("board: depth %d\n", board_depth_of_fixed("/soc/bus"));
	return 0;
}
module_init(board_init);

MODULE_LICENSE("GPL");
