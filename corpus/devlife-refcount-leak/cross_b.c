// SPDX-License-Identifier: GPL-2.0
/*
 * Cross-file, second half: calls cross_a.c's wrapper and puts what it gets,
 * as it must. Silent with and without the wrapper's summary, so a tool that
 * sees this file alone agrees; an audit still analyses it twice (once the
 * summary is learned), which is what the sharded audit tests need: the
 * re-analysis round must give the same result after a merge.
 */
#include "cross.h"

// Silent: the reference xr_get_port() hands out is put.
int xr_port_count(struct device_node *np)
{
	struct device_node *port = xr_get_port(np);
	int n;

	if (!port)
		return 0;
	n = of_get_child_count(port);
	of_node_put(port);
	return n;
}
