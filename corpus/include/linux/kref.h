/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Minimal stand-in for include/linux/kref.h (Linux 6.12). refcount_t is
 * left out: kref_init()/kref_get() are externs and kref_put() keeps its
 * shape (release() called when the count drops to zero).
 */
#ifndef _KREF_H_
#define _KREF_H_

#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/atomic.h>

struct kref {
	atomic_t refcount;
};

extern void kref_init(struct kref *kref);
extern void kref_get(struct kref *kref);
extern bool __kref_dec_and_test(struct kref *kref);

static inline int kref_put(struct kref *kref, void (*release)(struct kref *kref))
{
	if (__kref_dec_and_test(kref)) {
		release(kref);
		return 1;
	}
	return 0;
}

#endif /* _KREF_H_ */
