// SPDX-License-Identifier: GPL-2.0
/*
 * Workqueues and statically declared works. flush_workqueue(),
 * drain_workqueue() and destroy_workqueue() wait for every work queued on
 * that queue (the queue object is its expression: dev->wq, dev->aux_wq,
 * the global abq_wq). DECLARE_WORK()/DECLARE_DELAYED_WORK() bind the work
 * function through the designated initialiser. A bus-controller-like
 * driver: RX/TX works on dev->wq take dev->lock, a heartbeat on
 * dev->aux_wq takes nothing, and a global rescan/gc pair on abq_wq takes
 * abq_list_mutex.
 */
#include <linux/kernel.h>
#include <linux/device.h>
#include <linux/mutex.h>
#include <linux/workqueue.h>
#include <linux/kref.h>

struct abq_dev {
	struct device *dev;
	struct mutex lock;
	struct mutex irq_lock;
	struct workqueue_struct *wq;
	struct workqueue_struct *aux_wq;
	struct work_struct rx_work;
	struct delayed_work tx_work;
	struct delayed_work hb_work;
	u32 rx_count;
	u32 tx_count;
	u32 beats;
	u32 irq_mask;
};

static DEFINE_MUTEX(abq_list_mutex);
static struct workqueue_struct *abq_wq;
static u32 abq_nr_devices;
static refcount_t abq_users;

// Silent: global rescan work, takes abq_list_mutex.
static void abq_rescan_fn(struct work_struct *work)
{
	mutex_lock(&abq_list_mutex);
	abq_nr_devices = 0;
	mutex_unlock(&abq_list_mutex);
}

// Silent: global garbage-collect delayed work, takes abq_list_mutex through guard(mutex).
static void abq_gc_fn(struct work_struct *work)
{
	guard(mutex)(&abq_list_mutex);
	abq_nr_devices--;
}

static DECLARE_WORK(abq_rescan_work, abq_rescan_fn);
static DECLARE_DELAYED_WORK(abq_gc_work, abq_gc_fn);

// Silent: RX work, takes dev->lock.
static void abq_rx_fn(struct work_struct *work)
{
	struct abq_dev *bd = container_of(work, struct abq_dev, rx_work);

	mutex_lock(&bd->lock);
	bd->rx_count++;
	mutex_unlock(&bd->lock);
}

// Silent: helper taking dev->lock.
static void abq_kick_tx(struct abq_dev *bd)
{
	mutex_lock(&bd->lock);
	bd->tx_count++;
	mutex_unlock(&bd->lock);
}

// Silent: TX delayed work, takes dev->lock through a helper.
static void abq_tx_fn(struct work_struct *work)
{
	struct abq_dev *bd = container_of(to_delayed_work(work), struct abq_dev, tx_work);

	abq_kick_tx(bd);
}

// Silent: heartbeat delayed work, takes no lock.
static void abq_hb_fn(struct work_struct *work)
{
	struct abq_dev *bd = container_of(to_delayed_work(work), struct abq_dev, hb_work);

	bd->beats++;
}

// Silent: allocates the queues, binds and queues the works.
static int abq_probe(struct abq_dev *bd)
{
	mutex_init(&bd->lock);
	mutex_init(&bd->irq_lock);
	bd->wq = alloc_workqueue("abq-io", WQ_UNBOUND | WQ_MEM_RECLAIM, 0);
	if (!bd->wq)
		return -ENOMEM;
	bd->aux_wq = alloc_ordered_workqueue("abq-aux", 0);
	if (!bd->aux_wq) {
		destroy_workqueue(bd->wq);
		return -ENOMEM;
	}
	INIT_WORK(&bd->rx_work, abq_rx_fn);
	INIT_DELAYED_WORK(&bd->tx_work, abq_tx_fn);
	INIT_DELAYED_WORK(&bd->hb_work, abq_hb_fn);

	queue_work(bd->wq, &bd->rx_work);
	queue_delayed_work(bd->wq, &bd->tx_work, HZ);
	mod_delayed_work(bd->aux_wq, &bd->hb_work, HZ);
	queue_work(abq_wq, &abq_rescan_work);
	queue_delayed_work(abq_wq, &abq_gc_work, 10 * HZ);
	return 0;
}

// Bug: flush_workqueue(dev->wq) under dev->lock; the RX work queued there takes dev->lock.
static void abq_sync(struct abq_dev *bd)
{
	mutex_lock(&bd->lock);
	bd->rx_count = 0;
	flush_workqueue(bd->wq); // expect: devlife-lock-across-barrier
	mutex_unlock(&bd->lock);
}

// Bug: drain_workqueue(dev->wq) under dev->lock.
static void abq_drain(struct abq_dev *bd)
{
	mutex_lock(&bd->lock);
	drain_workqueue(bd->wq); // expect: devlife-lock-across-barrier
	bd->tx_count = 0;
	mutex_unlock(&bd->lock);
}

// Silent: only the heartbeat (no lock) is queued on dev->aux_wq.
static void abq_sync_aux(struct abq_dev *bd)
{
	mutex_lock(&bd->lock);
	bd->beats = 0;
	flush_workqueue(bd->aux_wq);
	mutex_unlock(&bd->lock);
}

// Silent: dev->irq_lock is held; the works on dev->wq take dev->lock.
static void abq_mask_irqs(struct abq_dev *bd)
{
	mutex_lock(&bd->irq_lock);
	bd->irq_mask = ~0u;
	drain_workqueue(bd->wq);
	mutex_unlock(&bd->irq_lock);
}

// Bug: flush_work() of the DECLARE_WORK rescan work while holding abq_list_mutex.
static void abq_rescan_sync(void)
{
	mutex_lock(&abq_list_mutex);
	abq_nr_devices++;
	flush_work(&abq_rescan_work); // expect: devlife-lock-across-barrier
	mutex_unlock(&abq_list_mutex);
}

// Bug: cancel_delayed_work_sync() of the DECLARE_DELAYED_WORK gc work while holding abq_list_mutex.
static void abq_gc_stop(void)
{
	mutex_lock(&abq_list_mutex);
	cancel_delayed_work_sync(&abq_gc_work); // expect: devlife-lock-across-barrier
	mutex_unlock(&abq_list_mutex);
}

// Bug: destroy_workqueue() of the global queue (rescan and gc take abq_list_mutex) under abq_list_mutex.
static void abq_exit(void)
{
	mutex_lock(&abq_list_mutex);
	abq_nr_devices = 0;
	destroy_workqueue(abq_wq); // expect: devlife-lock-across-barrier
	abq_wq = NULL;
	mutex_unlock(&abq_list_mutex);
}

// Silent: remove() tears the device queues down with no lock held.
static void abq_remove(struct abq_dev *bd)
{
	cancel_delayed_work_sync(&bd->tx_work);
	cancel_delayed_work_sync(&bd->hb_work);
	destroy_workqueue(bd->aux_wq);
	destroy_workqueue(bd->wq);
}

// Bug: refcount_dec_and_mutex_lock() returns true holding abq_list_mutex
// (the last user, as qcom_pd_mapper's remove()); the queue's works take it.
static void abq_put_shared(void)
{
	if (refcount_dec_and_mutex_lock(&abq_users, &abq_list_mutex)) {
		abq_nr_devices = 0;
		destroy_workqueue(abq_wq); // expect: devlife-lock-across-barrier
		mutex_unlock(&abq_list_mutex);
	}
}

// Silent: on false nothing is held; on true the lock is dropped first.
static void abq_put_unlocked(void)
{
	if (!refcount_dec_and_mutex_lock(&abq_users, &abq_list_mutex)) {
		flush_workqueue(abq_wq);
		return;
	}
	mutex_unlock(&abq_list_mutex);
	destroy_workqueue(abq_wq);
}

extern int abq_register_service(struct workqueue_struct *wq);

// Silent: the queue is made here and destroyed on the error path before any
// work is queued on it, so destroy_workqueue() waits for nothing (the shape
// of qmi_handle_init(), called under qcom_pd_mapper's mutex).
static int abq_shared_init(void)
{
	int err;

	abq_wq = alloc_workqueue("abq", 0, 0);
	if (!abq_wq)
		return -ENOMEM;
	err = abq_register_service(abq_wq);
	if (err)
		destroy_workqueue(abq_wq);
	return err;
}

// Silent: the fresh queue's teardown above is reached under abq_list_mutex.
static int abq_get_shared(void)
{
	int err;

	mutex_lock(&abq_list_mutex);
	err = abq_shared_init();
	mutex_unlock(&abq_list_mutex);
	return err;
}

// Bug: the queue is made here, but the rescan work (takes abq_list_mutex) is
// queued on it before it is destroyed under the lock.
static void abq_rescan_once(void)
{
	mutex_lock(&abq_list_mutex);
	abq_wq = alloc_workqueue("abq", 0, 0);
	queue_work(abq_wq, &abq_rescan_work);
	destroy_workqueue(abq_wq); // expect: devlife-lock-across-barrier
	mutex_unlock(&abq_list_mutex);
}
