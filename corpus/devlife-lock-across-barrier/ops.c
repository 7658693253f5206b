// SPDX-License-Identifier: GPL-2.0
/*
 * Callbacks and barriers reached through ops tables. A function stored in
 * .field of a struct type (here struct abo_ops and struct abo_log_ops) is a
 * possible target of every call through that field of that type, and of no
 * call through a same-named field of another type. A PMIC-like chip: the
 * refresh work calls chip->ops->update(), which takes chip->lock; the log
 * work calls chip->log_ops->update(), which takes only chip->log_lock; the
 * ->halt op cancels the refresh work.
 */
#include <linux/kernel.h>
#include <linux/device.h>
#include <linux/mutex.h>
#include <linux/workqueue.h>

struct abo_chip;

struct abo_ops {
	int (*update)(struct abo_chip *chip);
	void (*halt)(struct abo_chip *chip);
};

struct abo_log_ops {
	int (*update)(struct abo_chip *chip);
};

struct abo_chip {
	struct device *dev;
	const struct abo_ops *ops;
	const struct abo_log_ops *log_ops;
	struct mutex lock;
	struct mutex log_lock;
	struct work_struct refresh;
	struct work_struct log_work;
	u32 vsel;
	u32 log_pos;
};

// Silent: the ->update op of struct abo_ops, takes chip->lock.
static int abo_update(struct abo_chip *chip)
{
	mutex_lock(&chip->lock);
	chip->vsel++;
	mutex_unlock(&chip->lock);
	return 0;
}

// Silent: the ->halt op of struct abo_ops, waits for the refresh work; holds nothing itself.
static void abo_halt(struct abo_chip *chip)
{
	cancel_work_sync(&chip->refresh);
}

// Silent: the ->update op of struct abo_log_ops, takes only chip->log_lock.
static int abo_log_update(struct abo_chip *chip)
{
	mutex_lock(&chip->log_lock);
	chip->log_pos++;
	mutex_unlock(&chip->log_lock);
	return 0;
}

static const struct abo_ops abo_default_ops = {
	.update = abo_update,
	.halt = abo_halt,
};

static const struct abo_log_ops abo_default_log_ops = {
	.update = abo_log_update,
};

// Silent: refresh work, reaches chip->lock through chip->ops->update.
static void abo_refresh_fn(struct work_struct *work)
{
	struct abo_chip *chip = container_of(work, struct abo_chip, refresh);

	chip->ops->update(chip);
}

// Silent: log work, calls through struct abo_log_ops.update, which only takes log_lock.
static void abo_log_fn(struct work_struct *work)
{
	struct abo_chip *chip = container_of(work, struct abo_chip, log_work);

	chip->log_ops->update(chip);
}

// Silent: installs the ops tables and binds the works.
static int abo_probe(struct abo_chip *chip)
{
	chip->ops = &abo_default_ops;
	chip->log_ops = &abo_default_log_ops;
	mutex_init(&chip->lock);
	mutex_init(&chip->log_lock);
	INIT_WORK(&chip->refresh, abo_refresh_fn);
	INIT_WORK(&chip->log_work, abo_log_fn);
	return 0;
}

// Bug: cancel_work_sync() of the refresh work under chip->lock; the work takes it through an ops call.
static void abo_set_voltage(struct abo_chip *chip, u32 vsel)
{
	mutex_lock(&chip->lock);
	chip->vsel = vsel;
	cancel_work_sync(&chip->refresh); // expect: devlife-lock-across-barrier
	mutex_unlock(&chip->lock);
}

// Bug: the barrier is behind an ops call on the lock side: ->halt cancels the refresh work.
static void abo_power_off(struct abo_chip *chip)
{
	mutex_lock(&chip->lock);
	chip->vsel = 0;
	chip->ops->halt(chip); // expect: devlife-lock-across-barrier
	mutex_unlock(&chip->lock);
}

// Silent: the log work reaches only log_lock (the same-named field of another ops type does not count).
static void abo_flush_log(struct abo_chip *chip)
{
	mutex_lock(&chip->lock);
	chip->log_pos = 0;
	flush_work(&chip->log_work);
	mutex_unlock(&chip->lock);
}

// Silent: remove() waits with no lock held.
static void abo_remove(struct abo_chip *chip)
{
	chip->ops->halt(chip);
	cancel_work_sync(&chip->log_work);
}
