// SPDX-License-Identifier: GPL-2.0
/*
 * A helper that waits only when a flag parameter says so (the shape of
 * serial_mctrl_gpio.c's mctrl_gpio_disable_ms(gpios, sync)): called with a
 * constant false, it never reaches disable_irq(), so holding the lock the
 * handler takes is fine there; called with true, it deadlocks.
 */
#include <linux/kernel.h>
#include <linux/interrupt.h>
#include <linux/spinlock.h>

struct abk_port {
	spinlock_t lock;
	int irq;
	bool enabled;
};

// Silent: the handler takes port->lock.
static irqreturn_t abk_irq(int irq, void *data)
{
	struct abk_port *port = data;

	spin_lock(&port->lock);
	port->enabled = !port->enabled;
	spin_unlock(&port->lock);
	return IRQ_HANDLED;
}

// Silent: waits or not as told; it holds nothing.
static void abk_disable(struct abk_port *port, bool sync)
{
	port->enabled = false;
	if (sync)
		disable_irq(port->irq);
	else
		disable_irq_nosync(port->irq);
}

// Silent: the no-wait flavour, as mctrl_gpio_disable_ms_no_sync().
void abk_disable_no_sync(struct abk_port *port)
{
	abk_disable(port, false);
}

// Silent: holding the handler's lock across the no-wait flavour.
void abk_stop_tx(struct abk_port *port)
{
	unsigned long flags;

	spin_lock_irqsave(&port->lock, flags);
	abk_disable_no_sync(port);
	spin_unlock_irqrestore(&port->lock, flags);
}

// Bug: the waiting flavour with the handler's lock held.
void abk_shutdown(struct abk_port *port)
{
	unsigned long flags;

	spin_lock_irqsave(&port->lock, flags);
	abk_disable(port, true); // expect: devlife-lock-across-barrier
	spin_unlock_irqrestore(&port->lock, flags);
}

// Silent: a flag the caller does not fix is not a constant.
void abk_toggle(struct abk_port *port, bool sync)
{
	abk_disable(port, sync);
}

int abk_setup(struct abk_port *port)
{
	spin_lock_init(&port->lock);
	return request_irq(port->irq, abk_irq, 0, "abk", port);
}
