// SPDX-License-Identifier: GPL-2.0
/*
 * Opaque barriers: device_link_wait_removal() and flush_scheduled_work()
 * wait for callbacks nobody can resolve statically (the device-link release
 * work, anything on the system workqueue), so holding a sleeping lock
 * across them is reported without a matching callback. The overlay case is
 * the shape of the 2024 of_overlay_remove() discussion: waiting for the
 * devlink removals from inside the changeset teardown, with of_mutex held,
 * deadlocks once a queued release ends up removing an overlay itself.
 */
#include <linux/kernel.h>
#include <linux/device.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

struct abd_changeset {
	struct device *dev;
	u32 nr_entries;
};

struct abd_overlay {
	int id;
	struct device *dev;
	struct abd_changeset cset;
};

static DEFINE_MUTEX(abd_of_mutex);
static DEFINE_MUTEX(abd_notify_mutex);
static u32 abd_nr_overlays;

// Silent: waits for pending device-link removals; holds no lock itself.
static void abd_changeset_entry_destroy(struct abd_changeset *cset)
{
	device_link_wait_removal();
	cset->nr_entries--;
}

// Silent: tears down every entry of the changeset.
static void abd_changeset_destroy(struct abd_changeset *cset)
{
	while (cset->nr_entries)
		abd_changeset_entry_destroy(cset);
}

// Silent: frees an overlay changeset; the wait is two calls down.
static void abd_free_overlay_changeset(struct abd_overlay *ovcs)
{
	abd_changeset_destroy(&ovcs->cset);
	kfree(ovcs);
}

// Bug: abd_of_mutex held across a helper that ends in device_link_wait_removal().
static int abd_overlay_remove(struct abd_overlay *ovcs)
{
	int ret = 0;

	mutex_lock(&abd_of_mutex);
	if (!abd_nr_overlays) {
		ret = -ENODEV;
		goto out_unlock;
	}
	abd_nr_overlays--;
	abd_free_overlay_changeset(ovcs); // expect: devlife-lock-across-barrier
out_unlock:
	mutex_unlock(&abd_of_mutex);
	return ret;
}

// Silent: the fixed shape: wait for the devlink removals first, then take abd_of_mutex.
static int abd_overlay_remove_fixed(struct abd_overlay *ovcs)
{
	device_link_wait_removal();

	mutex_lock(&abd_of_mutex);
	abd_nr_overlays--;
	kfree(ovcs);
	mutex_unlock(&abd_of_mutex);
	return 0;
}

// Bug: device_lock() (the device's mutex) held directly across device_link_wait_removal().
static void abd_unbind_consumer(struct abd_overlay *ovcs)
{
	device_lock(ovcs->dev);
	device_link_wait_removal(); // expect: devlife-lock-across-barrier
	device_unlock(ovcs->dev);
}

// Bug: flush_scheduled_work() with abd_notify_mutex held.
static void abd_notifier_teardown(void)
{
	mutex_lock(&abd_notify_mutex);
	abd_nr_overlays = 0;
	flush_scheduled_work(); // expect: devlife-lock-across-barrier
	mutex_unlock(&abd_notify_mutex);
}

// Silent: the lock is released before flush_scheduled_work().
static void abd_notifier_teardown_fixed(void)
{
	mutex_lock(&abd_notify_mutex);
	abd_nr_overlays = 0;
	mutex_unlock(&abd_notify_mutex);
	flush_scheduled_work();
}
