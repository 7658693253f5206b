/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by bus_irq_a.c and bus_irq_b.c: a subsystem object (input_dev
 * like) that both drivers register, with its own mutex, a class the two
 * drivers share.
 */
#ifndef BIX_BUS_IRQ_H
#define BIX_BUS_IRQ_H

#include <linux/mutex.h>

struct bix_input {
	struct mutex mutex;
	u32 users;
};

#endif /* BIX_BUS_IRQ_H */
