/* SPDX-License-Identifier: GPL-2.0 */
/* Minimal stand-in for include/linux/device/class.h. */
#ifndef _DEVICE_CLASS_H_
#define _DEVICE_CLASS_H_

#include <linux/types.h>
#include <linux/device/bus.h>

struct device;
struct device_node;

struct class {
	const char		*name;
	void (*dev_release)(struct device *dev);
};

int __must_check class_register(const struct class *class);
void class_unregister(const struct class *class);

struct device *class_find_device(const struct class *class, const struct device *start,
				 const void *data, device_match_t match);

/**
 * class_find_device_by_name - device iterator for locating a particular device
 * of a specific name.
 */
static inline struct device *class_find_device_by_name(const struct class *class,
						       const char *name)
{
	return class_find_device(class, NULL, name, device_match_name);
}

/**
 * class_find_device_by_of_node : device iterator for locating a particular device
 * matching the of_node.
 */
static inline struct device *class_find_device_by_of_node(const struct class *class,
							  const struct device_node *np)
{
	return class_find_device(class, NULL, np, device_match_of_node);
}

#endif /* _DEVICE_CLASS_H_ */
