// SPDX-License-Identifier: GPL-2.0
/*
 * Over-puts are reported once per reference, as leaks are: the first
 * release the function does not own is the finding, every other release of
 * the same reference an "also" location (of_unittest_lifecycle() puts one
 * node past zero several times on purpose). Two references over-put are two
 * findings.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/of.h>

// Overput: one node put three times: one finding, the third put an also.
static void lifecycle_put_past_zero(void)
{
	struct device_node *np = of_find_node_by_path("/testcase-data/refcount-node");

	of_node_put(np);
	of_node_put(np); // expect: devlife-refcount-overput
	of_node_put(np); // expect-also: devlife-refcount-overput
	of_node_put(np); // expect-also: devlife-refcount-overput
}

// Overput: two nodes, each put twice: a finding each.
static void lifecycle_two_nodes(void)
{
	struct device_node *a = of_find_node_by_path("/a");
	struct device_node *b = of_find_node_by_path("/b");

	of_node_put(a);
	of_node_put(b);
	of_node_put(a); // expect: devlife-refcount-overput
	of_node_put(b); // expect: devlife-refcount-overput
}

// Overput: one node over-put on two different paths: one finding.
static int lifecycle_two_paths(int mode)
{
	struct device_node *np = of_find_node_by_path("/c");

	if (!np)
		return -ENODEV;
	of_node_put(np);
	if (mode) {
		of_node_put(np); // expect: devlife-refcount-overput
		return 1;
	}
	of_node_put(np); // expect-also: devlife-refcount-overput
	return 0;
}

// Silent: each node put once.
static void lifecycle_balanced(void)
{
	struct device_node *a = of_find_node_by_path("/a");
	struct device_node *b = of_find_node_by_path("/b");

	of_node_put(a);
	of_node_put(b);
}
