/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Minimal stand-in for include/linux/atomic.h + atomic/atomic-long.h
 * (CONFIG_64BIT: atomic_long_t is atomic64_t).  Only what the lock,
 * workqueue and tasklet headers here need.
 */
#ifndef _LINUX_ATOMIC_H
#define _LINUX_ATOMIC_H

#include <linux/types.h>

typedef atomic64_t atomic_long_t;
#define ATOMIC64_INIT(i)		{ (i) }
#define ATOMIC_LONG_INIT(i)		ATOMIC64_INIT(i)

extern void atomic_inc(atomic_t *v);
extern void atomic_dec(atomic_t *v);
extern int atomic_read(const atomic_t *v);

/* include/linux/bitops.h (instrumented-atomic.h is an inline; simplified). */
extern bool test_and_set_bit(long nr, volatile unsigned long *addr);

#endif /* _LINUX_ATOMIC_H */
