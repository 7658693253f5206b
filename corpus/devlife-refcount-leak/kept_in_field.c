// SPDX-License-Identifier: GPL-2.0
/*
 * A reference an object keeps in one of its pointer fields: registering a
 * device takes a reference to dev->parent that unregistering drops
 * (device_add() / device_del() / device_move()), so the get is not the
 * registering function's to put. The file's own putters say which fields
 * keep a reference; fields the model says only lend (device.of_node) never
 * do, and a field no function drops keeps nothing.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/device.h>
#include <linux/of.h>
#include <linux/slab.h>

struct gizmo {
	struct device dev;
	struct device *supplier;
	u32 id;
};

int gizmo_link(struct device *dev, struct device *parent);
void gizmo_unlink(struct device *dev);
int gizmo_check(struct device *supplier);

// Silent (putter): drops the reference the device keeps on its parent (device_del()).
void gizmo_del(struct device *dev)
{
	struct device *parent = dev->parent;

	gizmo_unlink(dev);
	put_device(parent);
}

// Silent (putter): swaps the parent and drops the old one (device_move()).
int gizmo_move(struct device *dev, struct device *new_parent)
{
	struct device *old_parent;

	new_parent = get_device(new_parent);
	old_parent = dev->parent;
	dev->parent = new_parent;
	put_device(old_parent);
	return 0;
}

// Silent: on success the parent's reference stays with dev->parent until gizmo_del() (device_add()).
int gizmo_add(struct device *dev)
{
	struct device *parent;
	int error;

	dev = get_device(dev);
	if (!dev)
		return -EINVAL;
	parent = get_device(dev->parent);
	error = gizmo_link(dev, parent);
	if (error)
		goto parent_error;
	put_device(dev);
	return 0;
parent_error:
	put_device(parent);
	put_device(dev);
	return error;
}

// Leak: no function of this file drops what gizmo.supplier holds: the get is this function's.
static int gizmo_check_supplier(struct gizmo *gz)
{
	struct device *sup = get_device(gz->supplier);

	if (gizmo_check(sup))
		return -EIO; // expect: devlife-refcount-leak
	put_device(sup);
	return 0;
}

// Silent (release callback): drops the node the device was given.
static void gizmo_release(struct device *dev)
{
	of_node_put(dev->of_node);
	kfree(container_of(dev, struct gizmo, dev));
}

// Leak: device.of_node only lends (model data), whatever gizmo_release() puts.
static int gizmo_read_id(struct gizmo *gz)
{
	struct device_node *np = of_node_get(gz->dev.of_node);

	if (of_property_read_u32(np, "reg", &gz->id))
		return -EINVAL; // expect: devlife-refcount-leak
	of_node_put(np);
	return 0;
}
