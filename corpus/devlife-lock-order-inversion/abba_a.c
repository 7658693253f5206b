// SPDX-License-Identifier: GPL-2.0
/*
 * One half of a cross-file ABBA (see abba_b.c): here state_lock is held
 * while lox_fw_save() (abba_b.c) takes fw_lock; abba_b.c holds fw_lock
 * while lox_set_state() (this file) takes state_lock. The finding is on
 * this file's edge site, which sorts first by file path.
 */
#include <linux/kernel.h>
#include "abba.h"

// Silent: exported setter, takes state_lock on its own.
void lox_set_state(struct lox_dev *ld, u32 state)
{
	mutex_lock(&ld->state_lock);
	ld->state = state;
	mutex_unlock(&ld->state_lock);
}

// Bug: state_lock held while lox_fw_save() takes fw_lock (reverse order in abba_b.c).
static int lox_suspend(struct lox_dev *ld)
{
	int ret;

	mutex_lock(&ld->state_lock);
	ld->state = 2;
	ret = lox_fw_save(ld); // expect: devlife-lock-order-inversion
	mutex_unlock(&ld->state_lock);
	return ret;
}

// Silent: reads the firmware version with no lock of this file held.
static u32 lox_show_version(struct lox_dev *ld)
{
	return lox_fw_version(ld);
}
