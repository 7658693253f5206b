// SPDX-License-Identifier: GPL-2.0
/*
 * Cross-file, first half: a wrapper other files call. Its summary ("hands
 * out a reference") is learned from this file, so an audit analyses the
 * files that call it again, with the summary (a re-analysis round).
 */
#include "cross.h"

// Silent (wrapper): returns the port child, the caller owns it.
struct device_node *xr_get_port(struct device_node *np)
{
	return of_get_child_by_name(np, "port");
}
