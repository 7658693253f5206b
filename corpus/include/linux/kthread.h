/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Minimal stand-in for include/linux/kthread.h (+ wake_up_process() from
 * sched.h, NUMA_NO_NODE from numa.h), Linux 6.12.
 *
 *   kthread_create(fn, data, fmt, ...) -> kthread_create_on_node(fn, data, NUMA_NO_NODE, fmt, ...)
 *   kthread_run(fn, data, fmt, ...)    -> ({ struct task_struct *__k = kthread_create(...);
 *                                            if (!IS_ERR(__k)) wake_up_process(__k); __k; })
 */
#ifndef _LINUX_KTHREAD_H
#define _LINUX_KTHREAD_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/err.h>

struct task_struct;

/* include/linux/numa.h */
#define	NUMA_NO_NODE	(-1)

/* include/linux/sched.h */
extern int wake_up_process(struct task_struct *tsk);

__printf(4, 5)
struct task_struct *kthread_create_on_node(int (*threadfn)(void *data),
					   void *data,
					   int node,
					   const char namefmt[], ...);

/**
 * kthread_create - create a kthread on the current node
 */
#define kthread_create(threadfn, data, namefmt, arg...) \
	kthread_create_on_node(threadfn, data, NUMA_NO_NODE, namefmt, ##arg)

struct task_struct *kthread_create_on_cpu(int (*threadfn)(void *data),
					  void *data,
					  unsigned int cpu,
					  const char *namefmt);

/**
 * kthread_run - create and wake a thread.
 */
#define kthread_run(threadfn, data, namefmt, ...)			   \
({									   \
	struct task_struct *__k						   \
		= kthread_create(threadfn, data, namefmt, ## __VA_ARGS__); \
	if (!IS_ERR(__k))						   \
		wake_up_process(__k);					   \
	__k;								   \
})

void kthread_bind(struct task_struct *k, unsigned int cpu);
int kthread_stop(struct task_struct *k);
int kthread_stop_put(struct task_struct *k);
bool kthread_should_stop(void);
bool kthread_should_park(void);
int kthread_park(struct task_struct *k);
void kthread_unpark(struct task_struct *k);

#endif /* _LINUX_KTHREAD_H */
