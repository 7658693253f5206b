// SPDX-License-Identifier: GPL-2.0
/*
 * A test that finds a pointer NULL says its acquisition failed on that
 * path: a put before it put nothing, a __free() variable holds nothing, and
 * what of_get_parent() returned for it is NULL too, whatever was done with
 * it since. Found by the path oracle (tests/RefcountOracleTest.cpp): these
 * kept their "released" or "owned by the cleanup" state on the NULL side,
 * so a later put looked like a second one and a later test like a new
 * question.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/of.h>

int nap_next(void);

// Silent: the put on the NULL side is of a node no one ever got.
static void nap_put_when_null(struct device_node *bus)
{
	struct device_node *np = of_get_child_by_name(bus, "cfg");

	of_node_put(np);
	if (!np)
		of_node_put(np);
}

// Overput: the same put on the other side is a second one.
static void nap_put_when_not_null(struct device_node *bus)
{
	struct device_node *np = of_get_child_by_name(bus, "cfg");

	of_node_put(np);
	if (np)
		of_node_put(np); // expect: devlife-refcount-overput
}

// Silent: np = NULL is what a NULL parent gave; the parent put twice on the
// NULL side was never there.
static void nap_parent_when_null(struct device_node *np)
{
	struct device_node *parent = of_get_parent(np);

	of_node_put(parent);
	if (!np)
		of_node_put(parent);
}

// Silent: cfg is the same in every iteration, so one that takes the
// default takes it in the next one too and np is never overwritten held.
static int nap_default_each_time(struct device_node *bus)
{
	struct device_node *cfg __free(device_node) = of_get_child_by_name(bus, "cfg");
	struct device_node *np = NULL;

	while (nap_next()) {
		if (!cfg) {
			of_node_put(np);
			np = of_get_child_by_name(bus, "default");
		} else {
			np = NULL;
		}
	}
	of_node_put(np);
	return 0;
}
