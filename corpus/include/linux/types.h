/* SPDX-License-Identifier: GPL-2.0 */
/* Minimal stand-in for include/linux/types.h (64-bit). */
#ifndef _LINUX_TYPES_H
#define _LINUX_TYPES_H

#include <linux/compiler_types.h>

typedef signed char		__s8;
typedef unsigned char		__u8;
typedef signed short		__s16;
typedef unsigned short		__u16;
typedef signed int		__s32;
typedef unsigned int		__u32;
typedef signed long long	__s64;
typedef unsigned long long	__u64;

typedef __s8			s8;
typedef __u8			u8;
typedef __s16			s16;
typedef __u16			u16;
typedef __s32			s32;
typedef __u32			u32;
typedef __s64			s64;
typedef __u64			u64;

typedef __u16 __bitwise		__le16;
typedef __u16 __bitwise		__be16;
typedef __u32 __bitwise		__le32;
typedef __u32 __bitwise		__be32;
typedef __u64 __bitwise		__le64;
typedef __u64 __bitwise		__be64;

typedef unsigned long		__kernel_size_t;
typedef long			__kernel_ssize_t;

typedef __kernel_size_t		size_t;
typedef __kernel_ssize_t	ssize_t;
typedef unsigned short		umode_t;
typedef long			ptrdiff_t;
typedef unsigned long		uintptr_t;
typedef long long		loff_t;

typedef __u8			uint8_t;
typedef __u16			uint16_t;
typedef __u32			uint32_t;
typedef __u64			uint64_t;
typedef __s32			int32_t;

typedef _Bool			bool;

typedef u32			__kernel_dev_t;
typedef __kernel_dev_t		dev_t;

typedef unsigned int __bitwise	gfp_t;
typedef u64			phys_addr_t;
typedef phys_addr_t		resource_size_t;
typedef u64			dma_addr_t;

typedef struct {
	int counter;
} atomic_t;

#define ATOMIC_INIT(i) { (i) }

typedef struct {
	s64 counter;
} atomic64_t;

struct list_head {
	struct list_head *next, *prev;
};

struct hlist_head {
	struct hlist_node *first;
};

struct hlist_node {
	struct hlist_node *next, **pprev;
};

struct callback_head {
	struct callback_head *next;
	void (*func)(struct callback_head *head);
} __attribute__((aligned(sizeof(void *))));
#define rcu_head callback_head

typedef void (*rcu_callback_t)(struct rcu_head *head);

#endif /* _LINUX_TYPES_H */
