/* SPDX-License-Identifier: GPL-2.0 */
/* Shared by two_guesses_a.c and two_guesses_b.c. */
#ifndef LOT_TWO_GUESSES_H
#define LOT_TWO_GUESSES_H

#include <linux/kernel.h>
#include <linux/mutex.h>

struct lot_ctlr;

struct lot_ctlr_ops {
	int (*unprepare)(struct lot_ctlr *ctlr);
	int (*transfer)(struct lot_ctlr *ctlr, int len);
};

struct lot_ctlr {
	struct mutex bus_lock;
	struct mutex io_lock;
	const struct lot_ctlr_ops *ops;
	void *priv;
};

struct lot_map;

struct lot_map_bus {
	int (*write)(struct lot_map *map, u32 reg, u32 val);
};

struct lot_map {
	const struct lot_map_bus *bus;
	struct lot_ctlr *ctlr;
	void *ctx;
};

struct lot_chip {
	struct mutex state_lock;
	struct lot_map *map;
	int state;
};

int lot_sync(struct lot_ctlr *ctlr, int len);
int lot_map_write(struct lot_map *map, u32 reg, u32 val);
extern const struct lot_map_bus lot_map_mmio;
extern const struct lot_ctlr_ops lot_plain_ops;

#endif
