// SPDX-License-Identifier: GPL-2.0
/*
 * The device_link_add() shape of drivers/base/core.c: links_lock, then
 * pm_list_lock, then the registration of the link's own device, whose
 * "unblock consumers" step takes links_lock again when the device has a
 * firmware node. The facts see pm_list_lock held while that step takes
 * links_lock, the reverse of the order above; but the chain takes again a
 * global lock this path already holds. That would deadlock on links_lock
 * alone, so it is a path that cannot run, not an ABBA. The same two locks
 * taken in both orders without the re-take are a real inversion.
 */
#include <linux/kernel.h>
#include <linux/mutex.h>

static DEFINE_MUTEX(rtg_links_lock);
static DEFINE_MUTEX(rtg_pm_list_lock);
static DEFINE_MUTEX(rtg_bus_lock);
static DEFINE_MUTEX(rtg_class_lock);

struct rtg_dev {
	void *fwnode;
	int links;
};

// Silent: takes links_lock on its own.
static void rtg_unblock_consumers(struct rtg_dev *dev)
{
	mutex_lock(&rtg_links_lock);
	dev->links = 0;
	mutex_unlock(&rtg_links_lock);
}

// Silent: only a device with a firmware node unblocks its consumers.
static void rtg_register(struct rtg_dev *dev)
{
	if (dev->fwnode)
		rtg_unblock_consumers(dev);
}

// Silent: links_lock then pm_list_lock is the only order of the two; the
// registration under both would take links_lock a second time.
static void rtg_link_add(struct rtg_dev *link_dev)
{
	mutex_lock(&rtg_links_lock);
	mutex_lock(&rtg_pm_list_lock);
	link_dev->links++;
	rtg_register(link_dev);
	mutex_unlock(&rtg_pm_list_lock);
	mutex_unlock(&rtg_links_lock);
}

// Silent: takes class_lock on its own.
static void rtg_class_add(struct rtg_dev *dev)
{
	mutex_lock(&rtg_class_lock);
	dev->links++;
	mutex_unlock(&rtg_class_lock);
}

// Bug: bus_lock held while rtg_class_add() takes class_lock; rtg_class_walk() takes them the other way round.
static void rtg_bus_add(struct rtg_dev *dev)
{
	mutex_lock(&rtg_bus_lock);
	rtg_class_add(dev); // expect: devlife-lock-order-inversion
	mutex_unlock(&rtg_bus_lock);
}

// Bug: the other edge: class_lock, then bus_lock.
static void rtg_class_walk(struct rtg_dev *dev)
{
	mutex_lock(&rtg_class_lock);
	mutex_lock(&rtg_bus_lock); // expect-also: devlife-lock-order-inversion
	dev->links--;
	mutex_unlock(&rtg_bus_lock);
	mutex_unlock(&rtg_class_lock);
}

int rtg_init(struct rtg_dev *a, struct rtg_dev *b)
{
	rtg_link_add(a);
	rtg_bus_add(a);
	rtg_class_walk(b);
	return 0;
}
