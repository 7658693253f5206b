/* SPDX-License-Identifier: GPL-2.0 */
/* Shared by guessed_a.c and guessed_b.c. */
#ifndef ABG_GUESSED_H
#define ABG_GUESSED_H

#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/workqueue.h>

struct abg_dev;
struct abg_ring;

struct abg_ring_funcs {
	void (*begin_use)(struct abg_ring *ring);
};

struct abg_pm_funcs {
	int (*set_power)(struct abg_dev *adev, bool on);
};

struct abg_ring {
	const struct abg_ring_funcs *funcs;
	struct abg_dev *adev;
};

struct abg_dev {
	struct mutex ring_lock;
	struct delayed_work idle_work;
	const struct abg_pm_funcs *pm;
	int power;
};

extern const struct abg_ring_funcs abg_uvd_funcs;
extern const struct abg_pm_funcs abg_smu_funcs;

#endif
