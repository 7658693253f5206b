/* SPDX-License-Identifier: GPL-2.0 */
/* Minimal stand-in for include/linux/gpio/consumer.h (CONFIG_GPIOLIB, Linux 6.12). */
#ifndef __LINUX_GPIO_CONSUMER_H
#define __LINUX_GPIO_CONSUMER_H

#include <linux/compiler.h>
#include <linux/err.h>

struct device;
struct gpio_desc;

enum gpiod_flags {
	GPIOD_ASIS	= 0,
	GPIOD_IN	= 0x01,
	GPIOD_OUT_LOW	= 0x03,
	GPIOD_OUT_HIGH	= 0x07,
};

struct gpio_desc *__must_check gpiod_get(struct device *dev,
					 const char *con_id,
					 enum gpiod_flags flags);
void gpiod_put(struct gpio_desc *desc);

struct gpio_desc *__must_check devm_gpiod_get(struct device *dev,
					      const char *con_id,
					      enum gpiod_flags flags);
struct gpio_desc *__must_check devm_gpiod_get_index(struct device *dev,
						    const char *con_id,
						    unsigned int idx,
						    enum gpiod_flags flags);
struct gpio_desc *__must_check devm_gpiod_get_optional(struct device *dev,
						       const char *con_id,
						       enum gpiod_flags flags);
void devm_gpiod_put(struct device *dev, struct gpio_desc *desc);

int gpiod_set_value_cansleep(struct gpio_desc *desc, int value);

#endif
