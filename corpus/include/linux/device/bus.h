/* SPDX-License-Identifier: GPL-2.0 */
/* Minimal stand-in for include/linux/device/bus.h. */
#ifndef _DEVICE_BUS_H_
#define _DEVICE_BUS_H_

#include <linux/types.h>

struct device;
struct device_driver;
struct device_node;
struct fwnode_handle;

struct bus_type {
	const char		*name;
	const char		*dev_name;
	int (*match)(struct device *dev, const struct device_driver *drv);
	int (*probe)(struct device *dev);
	void (*remove)(struct device *dev);
};

int __must_check bus_register(const struct bus_type *bus);
void bus_unregister(const struct bus_type *bus);

/* Generic device matching functions that all busses can use to match with */
typedef int (*device_match_t)(struct device *dev, const void *data);

int device_match_name(struct device *dev, const void *name);
int device_match_of_node(struct device *dev, const void *np);
int device_match_fwnode(struct device *dev, const void *fwnode);
int device_match_any(struct device *dev, const void *unused);

/* iterator helpers for buses */
int bus_for_each_dev(const struct bus_type *bus, struct device *start,
		     void *data, int (*fn)(struct device *dev, void *data));
struct device *bus_find_device(const struct bus_type *bus, struct device *start,
			       const void *data, device_match_t match);

/**
 * bus_find_device_by_name - device iterator for locating a particular device
 * of a specific name.
 */
static inline struct device *bus_find_device_by_name(const struct bus_type *bus,
						     struct device *start,
						     const char *name)
{
	return bus_find_device(bus, start, name, device_match_name);
}

/**
 * bus_find_device_by_of_node : device iterator for locating a particular device
 * matching the of_node.
 */
static inline struct device *
bus_find_device_by_of_node(const struct bus_type *bus, const struct device_node *np)
{
	return bus_find_device(bus, NULL, np, device_match_of_node);
}

/**
 * bus_find_device_by_fwnode : device iterator for locating a particular device
 * matching the fwnode.
 */
static inline struct device *
bus_find_device_by_fwnode(const struct bus_type *bus, const struct fwnode_handle *fwnode)
{
	return bus_find_device(bus, NULL, fwnode, device_match_fwnode);
}

#endif /* _DEVICE_BUS_H_ */
