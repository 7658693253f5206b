// SPDX-License-Identifier: GPL-2.0
/*
 * A uart that takes its IRQ in startup() and gives it back in shutdown(),
 * both with the managed calls: nothing accumulates. The same driver's
 * set_termios() allocates and never gives back.
 */
#include <linux/kernel.h>
#include <linux/device.h>
#include <linux/interrupt.h>
#include <linux/platform_device.h>

struct dpa_port {
	struct device *dev;
	int irq;
	void *buf;
};

/* The three members of include/linux/serial_core.h's uart_ops used here. */
struct uart_ops {
	int (*startup)(struct dpa_port *port);
	void (*shutdown)(struct dpa_port *port);
	void (*set_termios)(struct dpa_port *port);
};

static irqreturn_t dpa_irq(int irq, void *data)
{
	return IRQ_HANDLED;
}

// Silent: shutdown() below frees it with devm_free_irq().
static int dpa_startup(struct dpa_port *port)
{
	return devm_request_irq(port->dev, port->irq, dpa_irq, 0, "dpa", port);
}

// Silent: the early release.
static void dpa_shutdown(struct dpa_port *port)
{
	devm_free_irq(port->dev, port->irq, port);
}

// Bug: a buffer per termios change, never given back.
static void dpa_set_termios(struct dpa_port *port)
{
	port->buf = devm_kstrdup(port->dev, "termios", GFP_KERNEL); // expect: devlife-devm-outside-probe
}

static const struct uart_ops dpa_uart_ops = {
	.startup = dpa_startup,
	.shutdown = dpa_shutdown,
	.set_termios = dpa_set_termios,
};
