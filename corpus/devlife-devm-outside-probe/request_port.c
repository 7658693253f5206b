// SPDX-License-Identifier: GPL-2.0
/*
 * The shape of 6.12's qcom_geni_serial.c and lantiq.c: a uart's
 * request_port() maps its registers with a managed call. The serial core
 * calls it again on TIOCSERCONFIG, and the first mapping still holds the
 * region in the device's devres, so the second call fails with -EBUSY.
 * A managed allocation in the same callback accumulates instead.
 */
#include <linux/kernel.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/io.h>
#include <linux/platform_device.h>

struct rqp_port {
	struct platform_device *pdev;
	void __iomem *membase;
	void *scratch;
};

/* The members of include/linux/serial_core.h's uart_ops used here. */
struct uart_ops {
	int (*request_port)(struct rqp_port *port);
	void (*config_port)(struct rqp_port *port, int flags);
};

// Bug: the second call finds the region still claimed.
static int rqp_request_port(struct rqp_port *port)
{
	port->membase = devm_platform_ioremap_resource(port->pdev, 0); // expect: devlife-devm-outside-probe
	return IS_ERR(port->membase) ? PTR_ERR(port->membase) : 0;
}

// Bug: a buffer per configuration, never given back.
static void rqp_config_port(struct rqp_port *port, int flags)
{
	port->scratch = devm_kzalloc(&port->pdev->dev, 64, GFP_KERNEL); // expect: devlife-devm-outside-probe
}

static const struct uart_ops rqp_uart_ops = {
	.request_port = rqp_request_port,
	.config_port = rqp_config_port,
};
