/* SPDX-License-Identifier: GPL-2.0 */
/* Minimal stand-in for include/linux/sysfs.h (Linux 6.12). */
#ifndef _SYSFS_H_
#define _SYSFS_H_

#include <linux/types.h>

#ifndef __stringify
#define __stringify_1(x...)	#x
#define __stringify(x...)	__stringify_1(x)
#endif

struct attribute {
	const char		*name;
	umode_t			mode;
};

#define __ATTR(_name, _mode, _show, _store) {				\
	.attr = {.name = __stringify(_name),				\
		 .mode = _mode },					\
	.show	= _show,						\
	.store	= _store,						\
}

#define __ATTR_RO(_name) {						\
	.attr	= { .name = __stringify(_name), .mode = 0444 },		\
	.show	= _name##_show,						\
}

#define __ATTR_WO(_name) {						\
	.attr	= { .name = __stringify(_name), .mode = 0200 },		\
	.store	= _name##_store,					\
}

#define __ATTR_RW(_name) __ATTR(_name, 0644, _name##_show, _name##_store)

int sysfs_emit(char *buf, const char *fmt, ...) __printf(2, 3);

#endif
