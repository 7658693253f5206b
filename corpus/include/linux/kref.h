/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Minimal stand-in for include/linux/kref.h + kref_types.h (Linux 6.12).
 * refcount_t's operations are plain externs here (refcount.h's inlines
 * only saturate and warn).
 */
#ifndef _KREF_H_
#define _KREF_H_

#include <linux/types.h>

/* include/linux/refcount_types.h */
typedef struct refcount_struct {
	atomic_t refs;
} refcount_t;

#define REFCOUNT_INIT(n)	{ .refs = { .counter = (n) }, }

extern void refcount_set(refcount_t *r, int n);
extern unsigned int refcount_read(const refcount_t *r);
extern void refcount_inc(refcount_t *r);
extern bool __must_check refcount_dec_and_test(refcount_t *r);
struct mutex;
/* Takes the mutex, and returns true holding it, when the count drops to 0. */
extern bool __must_check refcount_dec_and_mutex_lock(refcount_t *r,
						     struct mutex *lock);

struct kref {
	refcount_t refcount;
};

#define KREF_INIT(n)	{ .refcount = REFCOUNT_INIT(n), }

static inline void kref_init(struct kref *kref)
{
	refcount_set(&kref->refcount, 1);
}

static inline unsigned int kref_read(const struct kref *kref)
{
	return refcount_read(&kref->refcount);
}

static inline void kref_get(struct kref *kref)
{
	refcount_inc(&kref->refcount);
}

static inline int kref_put(struct kref *kref, void (*release)(struct kref *kref))
{
	if (refcount_dec_and_test(&kref->refcount)) {
		release(kref);
		return 1;
	}
	return 0;
}

#endif /* _KREF_H_ */
