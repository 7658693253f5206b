/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Minimal stand-in for include/linux/pm_runtime.h (Linux 6.12, CONFIG_PM):
 * the calls that enable runtime PM on a device are externs.
 */
#ifndef _LINUX_PM_RUNTIME_H
#define _LINUX_PM_RUNTIME_H

#include <linux/pm.h>

struct device;

extern void pm_runtime_enable(struct device *dev);
extern int devm_pm_runtime_enable(struct device *dev);
extern void __pm_runtime_disable(struct device *dev, bool check_resume);

static inline void pm_runtime_disable(struct device *dev)
{
	__pm_runtime_disable(dev, true);
}

#endif
