/* SPDX-License-Identifier: GPL-2.0 */
/* Minimal stand-in for include/linux/mutex.h. */
#ifndef __LINUX_MUTEX_H
#define __LINUX_MUTEX_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/cleanup.h>

struct mutex {
	atomic_t		owner;
	struct list_head	wait_list;
};

#define __MUTEX_INITIALIZER(lockname) \
		{ .owner = { 0 }, .wait_list = { &(lockname).wait_list, &(lockname).wait_list } }

#define DEFINE_MUTEX(mutexname) \
	struct mutex mutexname = __MUTEX_INITIALIZER(mutexname)

extern void __mutex_init(struct mutex *lock, const char *name, void *key);
#define mutex_init(mutex)			\
do {						\
	__mutex_init((mutex), #mutex, NULL);	\
} while (0)

extern void mutex_lock(struct mutex *lock);
extern int __must_check mutex_lock_interruptible(struct mutex *lock);
extern int mutex_trylock(struct mutex *lock);
extern void mutex_unlock(struct mutex *lock);
extern bool mutex_is_locked(struct mutex *lock);

DEFINE_GUARD(mutex, struct mutex *, mutex_lock(_T), mutex_unlock(_T))
DEFINE_GUARD_COND(mutex, _try, mutex_trylock(_T))
DEFINE_GUARD_COND(mutex, _intr, mutex_lock_interruptible(_T) == 0)

#endif /* __LINUX_MUTEX_H */
