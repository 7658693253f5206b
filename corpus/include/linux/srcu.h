/* SPDX-License-Identifier: GPL-2.0+ */
/*
 * Minimal stand-in for include/linux/srcu.h + srcutree.h (Linux 6.12,
 * CONFIG_TREE_SRCU=y, CONFIG_DEBUG_LOCK_ALLOC=y, built-in).
 *
 *   srcu_read_lock(ssp)        -> static inline: srcu_check_nmi_safety(); __srcu_read_lock(ssp);
 *                                 srcu_lock_acquire(&ssp->dep_map) (lock_acquire(..., read=2, ...))
 *   srcu_read_unlock(ssp, idx) -> static inline: srcu_lock_release(&ssp->dep_map); __srcu_read_unlock(ssp, idx)
 * DEFINE_STATIC_SRCU() is simplified: the per-CPU srcu_data and the
 * srcu_usage are plain statics and only .sda / .srcu_sup / .dep_map are
 * initialised.
 */
#ifndef _LINUX_SRCU_H
#define _LINUX_SRCU_H

#include <linux/types.h>
#include <linux/bug.h>
#include <linux/lockdep.h>

struct srcu_data {
	unsigned long srcu_lock_count[2];
	unsigned long srcu_unlock_count[2];
};

struct srcu_usage {
	unsigned long srcu_gp_seq;
};

/* include/linux/srcutree.h */
struct srcu_struct {
	unsigned int srcu_idx;			/* Current rdr array element. */
	struct srcu_data __percpu *sda;		/* Per-CPU srcu_data array. */
	struct lockdep_map dep_map;
	struct srcu_usage *srcu_sup;		/* Update-side data. */
};

int __init_srcu_struct(struct srcu_struct *ssp, const char *name,
		       struct lock_class_key *key);

#define init_srcu_struct(ssp) \
({ \
	static struct lock_class_key __srcu_key; \
	\
	__init_srcu_struct((ssp), #ssp, &__srcu_key); \
})

#define __SRCU_DEP_MAP_INIT(srcu_name)	.dep_map = { .name = #srcu_name },

# define __DEFINE_SRCU(name, is_static)						\
	static struct srcu_data name##_srcu_data;				\
	static struct srcu_usage name##_srcu_usage;				\
	is_static struct srcu_struct name = {					\
		.sda = &name##_srcu_data,					\
		.srcu_sup = &name##_srcu_usage,					\
		__SRCU_DEP_MAP_INIT(name)					\
	}
#define DEFINE_SRCU(name)		__DEFINE_SRCU(name, /* not static */)
#define DEFINE_STATIC_SRCU(name)	__DEFINE_SRCU(name, static)

void synchronize_srcu_expedited(struct srcu_struct *ssp);
void srcu_barrier(struct srcu_struct *ssp);

void call_srcu(struct srcu_struct *ssp, struct rcu_head *head,
		void (*func)(struct rcu_head *head));
void cleanup_srcu_struct(struct srcu_struct *ssp);
int __srcu_read_lock(struct srcu_struct *ssp) __acquires(ssp);
void __srcu_read_unlock(struct srcu_struct *ssp, int idx) __releases(ssp);
void synchronize_srcu(struct srcu_struct *ssp);

/* Annotates a srcu_read_lock() */
static inline void srcu_lock_acquire(struct lockdep_map *map)
{
	lock_map_acquire_read(map);
}

/* Annotates a srcu_read_lock() */
static inline void srcu_lock_release(struct lockdep_map *map)
{
	lock_map_release(map);
}

void srcu_check_nmi_safety(struct srcu_struct *ssp, bool nmi_safe);

static inline int srcu_read_lock(struct srcu_struct *ssp) __acquires(ssp)
{
	int retval;

	srcu_check_nmi_safety(ssp, false);
	retval = __srcu_read_lock(ssp);
	srcu_lock_acquire(&ssp->dep_map);
	return retval;
}

static inline void srcu_read_unlock(struct srcu_struct *ssp, int idx)
	__releases(ssp)
{
	WARN_ON_ONCE(idx & ~0x1);
	srcu_check_nmi_safety(ssp, false);
	srcu_lock_release(&ssp->dep_map);
	__srcu_read_unlock(ssp, idx);
}

#endif
