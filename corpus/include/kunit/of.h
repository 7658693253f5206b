/* SPDX-License-Identifier: GPL-2.0 */
/* Stand-in for include/kunit/of.h (CONFIG_OF=y). */
#ifndef _KUNIT_OF_H
#define _KUNIT_OF_H

struct kunit;
struct device_node;

/* Puts node when the test ends: a deferred of_node_put(). */
void of_node_put_kunit(struct kunit *test, struct device_node *node);

#endif /* _KUNIT_OF_H */
