// SPDX-License-Identifier: GPL-2.0
/*
 * Other half of the cross-file ABBA of abba_a.c: fw_lock is held while
 * lox_set_state() (abba_a.c) takes state_lock.
 */
#include <linux/kernel.h>
#include "abba.h"

// Silent: exported, takes fw_lock on its own.
int lox_fw_save(struct lox_dev *ld)
{
	mutex_lock(&ld->fw_lock);
	ld->fw_ver = 0;
	mutex_unlock(&ld->fw_lock);
	return 0;
}

// Silent: exported, takes fw_lock on its own.
u32 lox_fw_version(struct lox_dev *ld)
{
	u32 ver;

	mutex_lock(&ld->fw_lock);
	ver = ld->fw_ver;
	mutex_unlock(&ld->fw_lock);
	return ver;
}

// Bug: fw_lock held while lox_set_state() takes state_lock: the other edge of the pair.
static int lox_fw_reload(struct lox_dev *ld)
{
	mutex_lock(&ld->fw_lock);
	ld->fw_ver++;
	lox_set_state(ld, 1); // expect-also: devlife-lock-order-inversion
	mutex_unlock(&ld->fw_lock);
	return 0;
}
