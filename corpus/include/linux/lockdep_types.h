/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Minimal stand-in for include/linux/lockdep_types.h (Linux 6.12,
 * CONFIG_LOCKDEP=y, CONFIG_LOCK_STAT=y).  Every lock type below embeds a
 * struct lockdep_map named dep_map, as in the real tree.
 */
#ifndef __LINUX_LOCKDEP_TYPES_H
#define __LINUX_LOCKDEP_TYPES_H

#include <linux/types.h>

#define NR_LOCKDEP_CACHING_CLASSES	2

enum lockdep_wait_type {
	LD_WAIT_INV = 0,	/* not checked, catch all */
	LD_WAIT_FREE,		/* wait free, rcu etc.. */
	LD_WAIT_SPIN,		/* spin loops, raw_spinlock_t etc.. */
	LD_WAIT_CONFIG = LD_WAIT_SPIN,
	LD_WAIT_SLEEP,		/* sleeping locks, mutex_t etc.. */
	LD_WAIT_MAX,		/* must be last */
};

enum lockdep_lock_type {
	LD_LOCK_NORMAL = 0,	/* normal, catch all */
	LD_LOCK_PERCPU,		/* percpu */
	LD_LOCK_WAIT_OVERRIDE,	/* annotation */
	LD_LOCK_MAX,
};

struct lock_class;

/* The real key holds a hlist_node / subkeys union; its content is opaque here. */
struct lock_class_key {
	struct hlist_node		hash_entry;
};

struct lockdep_map {
	struct lock_class_key		*key;
	struct lock_class		*class_cache[NR_LOCKDEP_CACHING_CLASSES];
	const char			*name;
	u8				wait_type_outer; /* can be taken in this context */
	u8				wait_type_inner; /* presents this context */
	u8				lock_type;
	/* u8				hole; */
	int				cpu;
	unsigned long			ip;
};

#endif /* __LINUX_LOCKDEP_TYPES_H */
