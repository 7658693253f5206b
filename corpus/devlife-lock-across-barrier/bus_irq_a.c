// SPDX-License-Identifier: GPL-2.0
/*
 * Two I2C touchscreen drivers, bus_irq_a.c and bus_irq_b.c, each binding
 * its own handler to its own client->irq. The class of the irq number is
 * the same (struct i2c_client.irq), the interrupt is not: a.c's handler,
 * which takes the input mutex, is no handler b.c's disable_irq() waits
 * for. Within one file, the client's handler is the one bound there.
 */
#include <linux/kernel.h>
#include <linux/device.h>
#include <linux/i2c.h>
#include <linux/interrupt.h>
#include "bus_irq.h"

struct bia_ts {
	struct i2c_client *client;
	struct bix_input *input;
	u32 touches;
};

// Silent: a threaded handler that reads under the input mutex.
static irqreturn_t bia_irq_thread(int irq, void *data)
{
	struct bia_ts *ts = data;

	mutex_lock(&ts->input->mutex);
	ts->touches++;
	mutex_unlock(&ts->input->mutex);
	return IRQ_HANDLED;
}

// Silent: binds the handler to the client's interrupt.
int bia_probe(struct i2c_client *client, struct bia_ts *ts)
{
	ts->client = client;
	return request_threaded_irq(client->irq, NULL, bia_irq_thread,
				    IRQF_ONESHOT, "bia", ts);
}

// Bug: disable_irq() under the input mutex waits for bia_irq_thread(), which takes it.
void bia_suspend(struct bia_ts *ts)
{
	mutex_lock(&ts->input->mutex);
	disable_irq(ts->client->irq); // expect: devlife-lock-across-barrier
	mutex_unlock(&ts->input->mutex);
}
