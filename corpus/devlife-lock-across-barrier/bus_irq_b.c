// SPDX-License-Identifier: GPL-2.0
/*
 * The second driver of bus_irq_a.c: its handler takes no lock, so holding
 * the input mutex across disable_irq() of its own client->irq is fine,
 * whatever bus_irq_a.c's handler on its client->irq does.
 */
#include <linux/kernel.h>
#include <linux/device.h>
#include <linux/i2c.h>
#include <linux/interrupt.h>
#include "bus_irq.h"

struct bib_ts {
	struct i2c_client *client;
	struct bix_input *input;
	u32 events;
};

// Silent: counts the event, takes no lock.
static irqreturn_t bib_irq(int irq, void *data)
{
	struct bib_ts *ts = data;

	ts->events++;
	return IRQ_HANDLED;
}

// Silent: binds the lock-free handler to this client's interrupt.
int bib_probe(struct i2c_client *client, struct bib_ts *ts)
{
	ts->client = client;
	return request_irq(client->irq, bib_irq, 0, "bib", ts);
}

// Silent: the input mutex across disable_irq(); this client's handler takes no lock.
void bib_suspend(struct bib_ts *ts)
{
	mutex_lock(&ts->input->mutex);
	disable_irq(ts->client->irq);
	mutex_unlock(&ts->input->mutex);
}
