// SPDX-License-Identifier: GPL-2.0
/*
 * The other file of two_guesses_a.c: a map bus over memory and a plain
 * controller, so that each ops call of the core has targets in two files.
 */
#include "two_guesses.h"

// Silent: a bus of the map core over memory.
static int lot_map_mmio_write(struct lot_map *map, u32 reg, u32 val)
{
	*(u32 *)map->ctx = val;
	return 0;
}

const struct lot_map_bus lot_map_mmio = {
	.write = lot_map_mmio_write,
};

// Silent: a controller with a state lock that its transfer takes.
static int lot_plain_unprepare(struct lot_ctlr *ctlr)
{
	return 0;
}

static int lot_plain_transfer(struct lot_ctlr *ctlr, int len)
{
	struct lot_chip *chip = ctlr->priv;

	mutex_lock(&chip->state_lock);
	chip->state = len;
	mutex_unlock(&chip->state_lock);
	return len;
}

const struct lot_ctlr_ops lot_plain_ops = {
	.unprepare = lot_plain_unprepare,
	.transfer = lot_plain_transfer,
};

