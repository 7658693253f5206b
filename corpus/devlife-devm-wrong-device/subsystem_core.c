// SPDX-License-Identifier: GPL-2.0
/*
 * Subsystem core code, not a driver (the shape of power_supply_core.c and
 * the TPM event log): it attaches memory to its own device objects on
 * purpose, so that the memory lives exactly as long as the object. No probe
 * is installed here, and the rule stays silent.
 */
#include <linux/kernel.h>
#include <linux/device.h>
#include <linux/iio/iio.h>

struct wds_log {
	void *data;
};

// Silent: the core's own object; released with it at its final put.
int wds_read_log(struct iio_dev *indio_dev, struct wds_log *log)
{
	log->data = devm_kzalloc(&indio_dev->dev, 256, GFP_KERNEL);
	return log->data ? 0 : -ENOMEM;
}
