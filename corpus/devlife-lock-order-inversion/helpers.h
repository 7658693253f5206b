/* SPDX-License-Identifier: GPL-2.0 */
/* Shared by helpers_a.c and helpers_b.c: a sensor hub whose core file
 * exports lock helpers that its bus file calls. */
#ifndef LHX_HELPERS_H
#define LHX_HELPERS_H

#include <linux/device.h>
#include <linux/mutex.h>
#include <linux/workqueue.h>

struct lhx_hub {
	struct device *dev;
	struct mutex state_lock;	/* power state */
	struct mutex io_lock;		/* the bus */
	u32 state;
	u32 reg;
	struct work_struct resume_work;	/* takes state_lock */
};

/* helpers_a.c: return with state_lock held, and release it */
void lhx_lock_state(struct lhx_hub *hub);
void lhx_unlock_state(struct lhx_hub *hub);

#endif /* LHX_HELPERS_H */
