/* SPDX-License-Identifier: GPL-2.0 */
/* The wrapper cross_a.c defines and cross_b.c calls. */
#ifndef CROSS_H
#define CROSS_H

#include <linux/of.h>

struct device_node *xr_get_port(struct device_node *np);

#endif
