// SPDX-License-Identifier: GPL-2.0
/*
 * A helper that its callers call with the lock held, and that drops the
 * lock around the wait (runtime.c's __pm_runtime_barrier() unlocks
 * dev->power.lock around cancel_work_sync(&dev->power.work)): the work can
 * take the lock and finish, so its callers are correct. A helper that waits
 * without dropping it is the deadlock.
 */
#include <linux/kernel.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

struct daw_dev {
	spinlock_t lock;
	struct work_struct work;
	bool pending;
	int state;
};

// Silent: the work function takes the lock.
static void daw_work_fn(struct work_struct *work)
{
	struct daw_dev *d = container_of(work, struct daw_dev, work);

	spin_lock_irq(&d->lock);
	d->state = 0;
	spin_unlock_irq(&d->lock);
}

// Silent: called with d->lock held; drops it around the wait.
static void __daw_barrier(struct daw_dev *d)
{
	if (d->pending) {
		d->pending = false;
		spin_unlock_irq(&d->lock);
		cancel_work_sync(&d->work);
		spin_lock_irq(&d->lock);
	}
}

// Called with d->lock held; waits without dropping it.
static void __daw_barrier_held(struct daw_dev *d)
{
	if (d->pending)
		cancel_work_sync(&d->work);
}

// Silent: the helper drops the lock before it waits.
void daw_barrier(struct daw_dev *d)
{
	spin_lock_irq(&d->lock);
	__daw_barrier(d);
	spin_unlock_irq(&d->lock);
}

// Bug: the helper waits for the work with the lock still held.
void daw_barrier_held(struct daw_dev *d)
{
	spin_lock_irq(&d->lock);
	__daw_barrier_held(d); // expect: devlife-lock-across-barrier
	spin_unlock_irq(&d->lock);
}

void daw_init(struct daw_dev *d)
{
	spin_lock_init(&d->lock);
	INIT_WORK(&d->work, daw_work_fn);
}
