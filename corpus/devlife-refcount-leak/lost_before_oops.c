// SPDX-License-Identifier: GPL-2.0
/*
 * A result never stored is lost by the call itself, whatever the path does
 * next; a path that dereferences a pointer known to be NULL oopses there,
 * and what it would lose later is never lost. Found by the path oracle
 * (tests/RefcountOracleTest.cpp): the first was noticed only at the
 * function's end, so a path that never got there reported nothing; the
 * second reported what came after the oops.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/of.h>

struct lbo_priv {
	struct device_node *np;
	const char *label;
};

// Leak: the node is dropped at once, before the path oopses.
static void lbo_discard_then_oops(struct device_node *bus, struct lbo_priv *priv)
{
	struct device_node *np = NULL;

	of_get_child_by_name(bus, "port"); // expect: devlife-refcount-leak
	priv->label = np->name;
}

// Silent: np is NULL, so the read of np->name oopses before anything is
// put twice.
static void lbo_oops_then_put(struct device_node *bus, struct lbo_priv *priv)
{
	struct device_node *np = NULL;
	struct device_node *port = of_get_child_by_name(bus, "port");

	priv->label = np->name;
	of_node_put(port);
	of_node_put(port);
}
