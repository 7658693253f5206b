// SPDX-License-Identifier: GPL-2.0
/*
 * A __free(device_node) variable, and the loop variable of a _scoped
 * iterator, is put by its cleanup when it goes out of scope: an explicit
 * of_node_put() of it before is a second put (the conversions to cleanup.h
 * left some behind), and so is a from-consuming find handed it. Moving it
 * out first (no_free_ptr(), return_ptr()) is fine; so is overwriting a
 * plain copy. Overwriting the variable itself loses what it held: the
 * cleanup puts only the last value. Found by the path oracle
 * (tests/RefcountOracleTest.cpp): these references used to count as
 * escaped, so nothing about them was ever reported.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/cleanup.h>
#include <linux/of.h>

int cp_use(struct device_node *np);

// Overput: the cleanup puts np again at the return.
static int cp_put_free(struct device_node *bus)
{
	struct device_node *np __free(device_node) = of_get_child_by_name(bus, "port");
	int ret;

	if (!np)
		return -ENODEV;
	ret = cp_use(np);
	of_node_put(np); // expect: devlife-refcount-overput
	return ret;
}

// Overput: the loop's step or its cleanup puts child again.
static int cp_put_scoped(struct device_node *bus)
{
	for_each_child_of_node_scoped(bus, child) {
		if (cp_use(child)) {
			of_node_put(child); // expect: devlife-refcount-overput
			return -EINVAL;
		}
		of_node_put(child); // expect-also: devlife-refcount-overput
	}
	return 0;
}

// Overput: of_find_node_by_name() drops its `from`, and so does the cleanup.
static struct device_node *cp_find_from(struct device_node *bus)
{
	struct device_node *np __free(device_node) = of_get_child_by_name(bus, "a");

	return of_find_node_by_name(np, "b"); // expect: devlife-refcount-overput
}

// Silent: no_free_ptr() moves np out; the cleanup then puts NULL.
static struct device_node *cp_moved(struct device_node *bus)
{
	struct device_node *np __free(device_node) = of_get_child_by_name(bus, "a");
	struct device_node *keep;

	if (!np)
		return NULL;
	keep = no_free_ptr(np);
	return keep;
}

// Silent: the scoped iterator's variable, used and left to its cleanup.
static int cp_scoped_break(struct device_node *bus)
{
	int ret = 0;

	for_each_child_of_node_scoped(bus, child) {
		ret = cp_use(child);
		if (ret)
			break;
	}
	return ret;
}

// Leak: np is overwritten; its cleanup puts only the second node.
static int cp_overwritten(struct device_node *bus)
{
	struct device_node *np __free(device_node) = of_get_child_by_name(bus, "a");

	if (cp_use(np))
		np = of_get_child_by_name(bus, "b"); // expect: devlife-refcount-leak
	return cp_use(np);
}
