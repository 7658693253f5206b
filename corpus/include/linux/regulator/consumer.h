/* SPDX-License-Identifier: GPL-2.0-only */
/* Minimal stand-in for include/linux/regulator/consumer.h (CONFIG_REGULATOR, Linux 6.12). */
#ifndef __LINUX_REGULATOR_CONSUMER_H_
#define __LINUX_REGULATOR_CONSUMER_H_

#include <linux/compiler.h>
#include <linux/err.h>

struct device;
struct regulator;

struct regulator *__must_check regulator_get(struct device *dev,
					     const char *id);
struct regulator *__must_check devm_regulator_get(struct device *dev,
					     const char *id);
struct regulator *__must_check devm_regulator_get_exclusive(struct device *dev,
							const char *id);
struct regulator *__must_check devm_regulator_get_optional(struct device *dev,
							   const char *id);
void regulator_put(struct regulator *regulator);
void devm_regulator_put(struct regulator *regulator);

int regulator_enable(struct regulator *regulator);
int regulator_disable(struct regulator *regulator);

#endif
