// SPDX-License-Identifier: GPL-2.0
/*
 * Lock order within one file. An audio-codec-like driver with several
 * mutexes in one struct (each field is its own lock class): one real ABBA
 * pair (cfg_lock / io_lock, the second edge through a helper), one pair
 * always taken in the same order, one pair seen in both orders but only
 * under the pm_lock gate, and one pair whose reverse order is a trylock.
 */
#include <linux/kernel.h>
#include <linux/device.h>
#include <linux/mutex.h>

struct loa_codec {
	struct device *dev;
	struct mutex cfg_lock;
	struct mutex io_lock;
	struct mutex list_lock;
	struct mutex hw_lock;
	struct mutex pm_lock;
	struct mutex dapm_lock;
	struct mutex reg_lock;
	struct mutex cache_lock;
	struct mutex irq_lock;
	u32 fmt;
	u32 io_errors;
	u32 routes;
	u32 cache[8];
	bool suspended;
};

// Bug: cfg_lock then io_lock; loa_io_recover() takes them the other way round.
static int loa_set_format(struct loa_codec *codec, u32 fmt)
{
	mutex_lock(&codec->cfg_lock);
	codec->fmt = fmt;
	mutex_lock(&codec->io_lock); // expect: devlife-lock-order-inversion
	codec->io_errors = 0;
	mutex_unlock(&codec->io_lock);
	mutex_unlock(&codec->cfg_lock);
	return 0;
}

// Silent: helper, takes cfg_lock on its own.
static void loa_apply_cfg(struct loa_codec *codec)
{
	mutex_lock(&codec->cfg_lock);
	codec->fmt |= 1;
	mutex_unlock(&codec->cfg_lock);
}

// Bug: io_lock then (through loa_apply_cfg) cfg_lock: the other edge of the pair.
static void loa_io_recover(struct loa_codec *codec)
{
	mutex_lock(&codec->io_lock);
	codec->io_errors++;
	loa_apply_cfg(codec); // expect-also: devlife-lock-order-inversion
	mutex_unlock(&codec->io_lock);
}

// Silent: helper, takes hw_lock.
static void loa_hw_write(struct loa_codec *codec, u32 val)
{
	mutex_lock(&codec->hw_lock);
	codec->routes = val;
	mutex_unlock(&codec->hw_lock);
}

// Silent: list_lock then hw_lock.
static void loa_add_route(struct loa_codec *codec)
{
	mutex_lock(&codec->list_lock);
	mutex_lock(&codec->hw_lock);
	codec->routes++;
	mutex_unlock(&codec->hw_lock);
	mutex_unlock(&codec->list_lock);
}

// Silent: list_lock then hw_lock again (through a helper): the same order everywhere.
static void loa_del_route(struct loa_codec *codec)
{
	mutex_lock(&codec->list_lock);
	loa_hw_write(codec, codec->routes - 1);
	mutex_unlock(&codec->list_lock);
}

// Silent: dapm_lock then reg_lock, both under the pm_lock gate.
static void loa_suspend(struct loa_codec *codec)
{
	mutex_lock(&codec->pm_lock);
	mutex_lock(&codec->dapm_lock);
	mutex_lock(&codec->reg_lock);
	codec->suspended = true;
	mutex_unlock(&codec->reg_lock);
	mutex_unlock(&codec->dapm_lock);
	mutex_unlock(&codec->pm_lock);
}

// Silent: reg_lock then dapm_lock, but again under the pm_lock gate taken before both.
static void loa_resume(struct loa_codec *codec)
{
	mutex_lock(&codec->pm_lock);
	mutex_lock(&codec->reg_lock);
	mutex_lock(&codec->dapm_lock);
	codec->suspended = false;
	mutex_unlock(&codec->dapm_lock);
	mutex_unlock(&codec->reg_lock);
	mutex_unlock(&codec->pm_lock);
}

// Silent: cache_lock then irq_lock.
static void loa_cache_irq(struct loa_codec *codec)
{
	mutex_lock(&codec->cache_lock);
	mutex_lock(&codec->irq_lock);
	codec->cache[0] = 0;
	mutex_unlock(&codec->irq_lock);
	mutex_unlock(&codec->cache_lock);
}

// Silent: irq_lock then only a trylock of cache_lock, which cannot wait.
static void loa_sync_cache(struct loa_codec *codec)
{
	mutex_lock(&codec->irq_lock);
	if (mutex_trylock(&codec->cache_lock)) {
		codec->cache[1] = 0;
		mutex_unlock(&codec->cache_lock);
	}
	mutex_unlock(&codec->irq_lock);
}

// Silent: initialises the locks.
static int loa_probe(struct loa_codec *codec)
{
	mutex_init(&codec->cfg_lock);
	mutex_init(&codec->io_lock);
	mutex_init(&codec->list_lock);
	mutex_init(&codec->hw_lock);
	mutex_init(&codec->pm_lock);
	mutex_init(&codec->dapm_lock);
	mutex_init(&codec->reg_lock);
	mutex_init(&codec->cache_lock);
	mutex_init(&codec->irq_lock);
	return 0;
}
