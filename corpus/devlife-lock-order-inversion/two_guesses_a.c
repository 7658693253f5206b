// SPDX-License-Identifier: GPL-2.0
/*
 * Calls through function-pointer fields that several functions are stored
 * in: each such call is a guess of which one runs. The spi-mem shape: the
 * SPI core holds io_mutex while it calls a controller's
 * unprepare_transfer_hardware (one guess: cs42l43's), which writes a
 * regmap, whose bus gather_write is another guess (regmap-spi's, though
 * cs42l43's regmap is on I2C or SoundWire), which takes the bus lock of
 * an SPI controller. A chain that rests on two guesses is not taken as an
 * order; one that rests on a single guess is. A call is a guess when the
 * functions stored in its field are in more than one file:
 * two_guesses_b.c holds the other map bus and the other controller.
 */
#include "two_guesses.h"

// Silent: the core's synchronous transfer takes bus_lock, then io_lock (never reversed but through two guesses).
// Bug: it calls the controller's transfer under both, and the plain controller's takes state_lock (one guess).
int lot_sync(struct lot_ctlr *ctlr, int len)
{
	int ret;

	mutex_lock(&ctlr->bus_lock);
	mutex_lock(&ctlr->io_lock);
	ret = ctlr->ops->transfer(ctlr, len); // expect: devlife-lock-order-inversion devlife-lock-order-inversion
	mutex_unlock(&ctlr->io_lock);
	mutex_unlock(&ctlr->bus_lock);
	return ret;
}

// Silent: the core ends a message with io_lock held; which unprepare runs is a guess, and the regmap bus under it another.
void lot_pump(struct lot_ctlr *ctlr)
{
	mutex_lock(&ctlr->io_lock);
	ctlr->ops->unprepare(ctlr);
	mutex_unlock(&ctlr->io_lock);
}

// Silent: the map core writes through its bus.
int lot_map_write(struct lot_map *map, u32 reg, u32 val)
{
	return map->bus->write(map, reg, val);
}

// Silent: a bus of the map core over the controller: takes the controller's locks.
static int lot_map_spi_write(struct lot_map *map, u32 reg, u32 val)
{
	return lot_sync(map->ctlr, 4);
}

static const struct lot_map_bus lot_map_spi = {
	.write = lot_map_spi_write,
};

void lot_map_init(struct lot_map *map, bool spi)
{
	map->bus = spi ? &lot_map_spi : &lot_map_mmio;
}

// Silent: a controller whose registers sit behind a map.
static int lot_codec_unprepare(struct lot_ctlr *ctlr)
{
	struct lot_map *map = ctlr->priv;

	return lot_map_write(map, 0x10, 0);
}

static int lot_codec_transfer(struct lot_ctlr *ctlr, int len)
{
	return len;
}

static const struct lot_ctlr_ops lot_codec_ops = {
	.unprepare = lot_codec_unprepare,
	.transfer = lot_codec_transfer,
};

void lot_ctlr_init(struct lot_ctlr *ctlr, bool codec)
{
	mutex_init(&ctlr->bus_lock);
	mutex_init(&ctlr->io_lock);
	ctlr->ops = codec ? &lot_codec_ops : &lot_plain_ops;
}

// Bug: state_lock held around the core's transfer, whose ops (one guess) take state_lock under bus_lock and io_lock.
void lot_chip_reset(struct lot_chip *chip, struct lot_ctlr *ctlr)
{
	mutex_lock(&chip->state_lock);
	lot_sync(ctlr, 0); // expect-also: devlife-lock-order-inversion devlife-lock-order-inversion
	mutex_unlock(&chip->state_lock);
}
