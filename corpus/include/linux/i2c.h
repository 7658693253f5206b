/* SPDX-License-Identifier: GPL-2.0 */
/* Minimal stand-in for include/linux/i2c.h (Linux 6.12). */
#ifndef _LINUX_I2C_H
#define _LINUX_I2C_H

#include <linux/device.h>

#define I2C_NAME_SIZE	20

struct i2c_adapter;

struct i2c_client {
	unsigned short flags;
	unsigned short addr;
	char name[I2C_NAME_SIZE];
	struct i2c_adapter *adapter;
	struct device dev;
	int init_irq;
	int irq;
};

#endif /* _LINUX_I2C_H */
