// SPDX-License-Identifier: GPL-2.0
/*
 * Interrupts: synchronize_irq(), free_irq(), devm_free_irq() and
 * disable_irq() wait for the running handlers (hard and threaded) of that
 * irq number. The irq object is the irq number expression the handlers
 * were requested with (priv->irq, priv->data_irq, ...). A touchscreen-like
 * controller: the main irq has a lock-free hard handler and a threaded
 * handler taking the priv->lock mutex; the data irq's hard handler takes
 * the priv->fifo_lock spinlock; the wake and error irqs take priv->lock.
 */
#include <linux/kernel.h>
#include <linux/device.h>
#include <linux/interrupt.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>

struct abi_priv {
	struct device *dev;
	struct mutex lock;
	spinlock_t fifo_lock;
	int irq;
	int data_irq;
	int wake_irq;
	int err_irq;
	u32 fifo[16];
	u32 head;
	u32 mode;
	u32 errors;
	bool wakeup;
};

// Silent: hard handler of priv->irq, takes no lock.
static irqreturn_t abi_hardirq(int irq, void *data)
{
	return IRQ_WAKE_THREAD;
}

// Silent: threaded handler of priv->irq, takes priv->lock.
static irqreturn_t abi_thread(int irq, void *data)
{
	struct abi_priv *priv = data;

	mutex_lock(&priv->lock);
	priv->fifo[priv->head] = priv->mode;
	mutex_unlock(&priv->lock);
	return IRQ_HANDLED;
}

// Silent: hard handler of priv->data_irq, takes priv->fifo_lock.
static irqreturn_t abi_data_irq(int irq, void *data)
{
	struct abi_priv *priv = data;

	spin_lock(&priv->fifo_lock);
	priv->head = (priv->head + 1) % 16;
	spin_unlock(&priv->fifo_lock);
	return IRQ_HANDLED;
}

// Silent: threaded-only handler of priv->wake_irq, takes priv->lock.
static irqreturn_t abi_wake_thread(int irq, void *data)
{
	struct abi_priv *priv = data;

	mutex_lock(&priv->lock);
	priv->wakeup = true;
	mutex_unlock(&priv->lock);
	return IRQ_HANDLED;
}

// Silent: handler of priv->err_irq, takes priv->lock.
static irqreturn_t abi_err_irq(int irq, void *data)
{
	struct abi_priv *priv = data;

	mutex_lock(&priv->lock);
	priv->errors++;
	mutex_unlock(&priv->lock);
	return IRQ_HANDLED;
}

// Silent: binds the handlers with each of the four request calls.
static int abi_probe(struct abi_priv *priv)
{
	int ret;

	mutex_init(&priv->lock);
	spin_lock_init(&priv->fifo_lock);

	ret = devm_request_threaded_irq(priv->dev, priv->irq, abi_hardirq, abi_thread,
					IRQF_ONESHOT, "abi", priv);
	if (ret)
		return ret;

	ret = request_irq(priv->data_irq, abi_data_irq, 0, "abi-data", priv);
	if (ret)
		return ret;

	ret = request_threaded_irq(priv->wake_irq, NULL, abi_wake_thread,
				   IRQF_ONESHOT, "abi-wake", priv);
	if (ret)
		goto err_data;

	ret = devm_request_irq(priv->dev, priv->err_irq, abi_err_irq, 0, "abi-err", priv);
	if (ret)
		goto err_wake;
	return 0;

err_wake:
	free_irq(priv->wake_irq, priv);
err_data:
	free_irq(priv->data_irq, priv);
	return ret;
}

// Bug: spin_lock_irqsave(fifo_lock) held across synchronize_irq() of a hard handler taking fifo_lock.
static void abi_flush_fifo(struct abi_priv *priv)
{
	unsigned long flags;

	spin_lock_irqsave(&priv->fifo_lock, flags);
	priv->head = 0;
	synchronize_irq(priv->data_irq); // expect: devlife-lock-across-barrier
	spin_unlock_irqrestore(&priv->fifo_lock, flags);
}

// Silent: fifo_lock is dropped before synchronize_irq().
static void abi_flush_fifo_fixed(struct abi_priv *priv)
{
	unsigned long flags;

	spin_lock_irqsave(&priv->fifo_lock, flags);
	priv->head = 0;
	spin_unlock_irqrestore(&priv->fifo_lock, flags);
	synchronize_irq(priv->data_irq);
}

// Bug: disable_irq() waits for the threaded handler of priv->irq, which takes priv->lock.
static int abi_set_mode(struct abi_priv *priv, u32 mode)
{
	mutex_lock(&priv->lock);
	disable_irq(priv->irq); // expect: devlife-lock-across-barrier
	priv->mode = mode;
	enable_irq(priv->irq);
	mutex_unlock(&priv->lock);
	return 0;
}

// Silent: disable_irq() before the lock is taken.
static int abi_set_mode_fixed(struct abi_priv *priv, u32 mode)
{
	disable_irq(priv->irq);
	mutex_lock(&priv->lock);
	priv->mode = mode;
	mutex_unlock(&priv->lock);
	enable_irq(priv->irq);
	return 0;
}

// Silent: the data irq handler takes fifo_lock, not priv->lock.
static void abi_stop_data(struct abi_priv *priv)
{
	mutex_lock(&priv->lock);
	priv->mode = 0;
	free_irq(priv->data_irq, priv);
	mutex_unlock(&priv->lock);
}

// Bug: free_irq() of the wake irq, whose threaded handler takes priv->lock, under priv->lock.
static void abi_disable_wakeup(struct abi_priv *priv)
{
	mutex_lock(&priv->lock);
	priv->wakeup = false;
	free_irq(priv->wake_irq, priv); // expect: devlife-lock-across-barrier
	mutex_unlock(&priv->lock);
}

// Bug: devm_free_irq() of the error irq (handler takes priv->lock) while holding priv->lock.
static void abi_drop_err_irq(struct abi_priv *priv)
{
	mutex_lock(&priv->lock);
	priv->errors = 0;
	devm_free_irq(priv->dev, priv->err_irq, priv); // expect: devlife-lock-across-barrier
	mutex_unlock(&priv->lock);
}

// Silent: priv->lock is dropped before synchronize_irq() of priv->irq.
static void abi_quiesce(struct abi_priv *priv)
{
	mutex_lock(&priv->lock);
	priv->mode = 0;
	mutex_unlock(&priv->lock);
	synchronize_irq(priv->irq);
}
