/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Minimal stand-in for include/linux/miscdevice.h (Linux 6.12): the struct
 * and the calls; of the minor numbers only MISC_DYNAMIC_MINOR.
 */
#ifndef _LINUX_MISCDEVICE_H
#define _LINUX_MISCDEVICE_H
#include <linux/list.h>
#include <linux/types.h>
#include <linux/device.h>

#define MISC_DYNAMIC_MINOR	255

struct device;
struct attribute_group;

struct miscdevice  {
	int minor;
	const char *name;
	const struct file_operations *fops;
	struct list_head list;
	struct device *parent;
	struct device *this_device;
	const struct attribute_group **groups;
	const char *nodename;
	umode_t mode;
};

extern int misc_register(struct miscdevice *misc);
extern void misc_deregister(struct miscdevice *misc);

#endif
