// SPDX-License-Identifier: GPL-2.0
/*
 * A helper that calls into a lock only when a pointer argument is set,
 * called with NULL under another lock: the pinctrl shape
 * (pinconf_dump_pin() passes gname = NULL, so pinconf_generic_dump_one()
 * never calls pin_config_group_get(), which takes the device mutex, under
 * pinctrldev_list_mutex). A NULL argument cuts that branch as a constant 0
 * does, through any number of calls that pass it on; a helper that
 * replaces the NULL before the test does not get the cut.
 */
#include <linux/kernel.h>
#include <linux/mutex.h>

struct lna_dev {
	struct mutex list_lock;
	struct mutex pin_lock;
	struct mutex cfg_lock;
	int groups;
};

static void lna_group_get(struct lna_dev *d)
{
	mutex_lock(&d->pin_lock);
	d->groups++;
	mutex_unlock(&d->pin_lock);
}

static void lna_cfg_get(struct lna_dev *d)
{
	mutex_lock(&d->cfg_lock);
	d->groups--;
	mutex_unlock(&d->cfg_lock);
}

static void lna_dump_group(struct lna_dev *d, const char *group)
{
	if (group)
		lna_group_get(d);
}

static void lna_dump_named(struct lna_dev *d, const char *name)
{
	if (!name)
		name = "all";
	if (name)
		lna_cfg_get(d);
}

// Passes its group on: the NULL below reaches lna_dump_group()'s test.
static void lna_dump_each(struct lna_dev *d, const char *group)
{
	lna_dump_group(d, group);
}

// Silent: NULL group, so pin_lock is never taken under list_lock.
// Bug: the NULL name is replaced, so cfg_lock is taken under list_lock.
static void lna_dump_pins(struct lna_dev *d)
{
	mutex_lock(&d->list_lock);
	lna_dump_each(d, NULL);
	lna_dump_named(d, NULL); // expect: devlife-lock-order-inversion
	mutex_unlock(&d->list_lock);
}

// The other order for both pairs.
static void lna_rescan(struct lna_dev *d)
{
	mutex_lock(&d->pin_lock);
	mutex_lock(&d->list_lock);
	d->groups = 0;
	mutex_unlock(&d->list_lock);
	mutex_unlock(&d->pin_lock);
	mutex_lock(&d->cfg_lock);
	mutex_lock(&d->list_lock); // expect-also: devlife-lock-order-inversion
	d->groups = 1;
	mutex_unlock(&d->list_lock);
	mutex_unlock(&d->cfg_lock);
}

void lna_run(struct lna_dev *d)
{
	lna_dump_pins(d);
	lna_rescan(d);
}
