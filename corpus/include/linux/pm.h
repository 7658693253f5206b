/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Minimal stand-in for include/linux/pm.h (Linux 6.12). The ops macros
 * expand as in the tree: SYSTEM_SLEEP_PM_OPS() stores pm_sleep_ptr(fn),
 * which is PTR_IF(IS_ENABLED(CONFIG_PM_SLEEP), fn), a conditional
 * expression. Simplified: IS_ENABLED() of the PM options is 1 (the real
 * kconfig.h arithmetic folds to the same constant).
 */
#ifndef _LINUX_PM_H
#define _LINUX_PM_H

#include <linux/types.h>

struct device;

#ifndef PTR_IF
#define PTR_IF(cond, ptr)	((cond) ? (ptr) : NULL)
#endif
#define __devlife_pm_enabled	1

struct dev_pm_ops {
	int (*prepare)(struct device *dev);
	void (*complete)(struct device *dev);
	int (*suspend)(struct device *dev);
	int (*resume)(struct device *dev);
	int (*freeze)(struct device *dev);
	int (*thaw)(struct device *dev);
	int (*poweroff)(struct device *dev);
	int (*restore)(struct device *dev);
	int (*runtime_suspend)(struct device *dev);
	int (*runtime_resume)(struct device *dev);
	int (*runtime_idle)(struct device *dev);
};

#define pm_ptr(_ptr) PTR_IF(__devlife_pm_enabled, (_ptr))
#define pm_sleep_ptr(_ptr) PTR_IF(__devlife_pm_enabled, (_ptr))

#define SYSTEM_SLEEP_PM_OPS(suspend_fn, resume_fn) \
	.suspend = pm_sleep_ptr(suspend_fn), \
	.resume = pm_sleep_ptr(resume_fn), \
	.freeze = pm_sleep_ptr(suspend_fn), \
	.thaw = pm_sleep_ptr(resume_fn), \
	.poweroff = pm_sleep_ptr(suspend_fn), \
	.restore = pm_sleep_ptr(resume_fn),

#define RUNTIME_PM_OPS(suspend_fn, resume_fn, idle_fn) \
	.runtime_suspend = suspend_fn, \
	.runtime_resume = resume_fn, \
	.runtime_idle = idle_fn,

#define _DEFINE_DEV_PM_OPS(name, \
			   suspend_fn, resume_fn, \
			   runtime_suspend_fn, runtime_resume_fn, idle_fn) \
const struct dev_pm_ops name = { \
	SYSTEM_SLEEP_PM_OPS(suspend_fn, resume_fn) \
	RUNTIME_PM_OPS(runtime_suspend_fn, runtime_resume_fn, idle_fn) \
}

#define DEFINE_SIMPLE_DEV_PM_OPS(name, suspend_fn, resume_fn) \
	_DEFINE_DEV_PM_OPS(name, suspend_fn, resume_fn, NULL, NULL, NULL)

#endif
