/* SPDX-License-Identifier: GPL-2.0 */
/* Minimal stand-in for include/linux/kobject.h (Linux 6.12). */
#ifndef _KOBJECT_H_
#define _KOBJECT_H_

#include <linux/types.h>
#include <linux/list.h>
#include <linux/kref.h>

struct kset;
struct kobj_type;
struct kernfs_node;

struct kobject {
	const char		*name;
	struct list_head	entry;
	struct kobject		*parent;
	struct kset		*kset;
	const struct kobj_type	*ktype;
	struct kernfs_node	*sd; /* sysfs directory entry */
	struct kref		kref;

	unsigned int state_initialized:1;
	unsigned int state_in_sysfs:1;
	unsigned int state_add_uevent_sent:1;
	unsigned int state_remove_uevent_sent:1;
	unsigned int uevent_suppress:1;
};

struct kobject *kobject_get(struct kobject *kobj);
void kobject_put(struct kobject *kobj);

#endif /* _KOBJECT_H_ */
