/* SPDX-License-Identifier: GPL-2.0 */
/* Shared by abba_a.c and abba_b.c: a firmware-loading device with a state lock and a firmware lock. */
#ifndef LOX_ABBA_H
#define LOX_ABBA_H

#include <linux/device.h>
#include <linux/mutex.h>

struct lox_dev {
	struct device *dev;
	struct mutex state_lock;
	struct mutex fw_lock;
	u32 state;
	u32 fw_ver;
};

/* abba_a.c */
void lox_set_state(struct lox_dev *ld, u32 state);

/* abba_b.c */
int lox_fw_save(struct lox_dev *ld);
u32 lox_fw_version(struct lox_dev *ld);

#endif /* LOX_ABBA_H */
