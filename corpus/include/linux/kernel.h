/* SPDX-License-Identifier: GPL-2.0 */
/* Minimal stand-in for include/linux/kernel.h: pulls in the everyday helpers. */
#ifndef _LINUX_KERNEL_H
#define _LINUX_KERNEL_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/stddef.h>
#include <linux/array_size.h>
#include <linux/build_bug.h>
#include <linux/container_of.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/printk.h>
#include <linux/string.h>

#define min(x, y)	((x) < (y) ? (x) : (y))
#define max(x, y)	((x) > (y) ? (x) : (y))

#define swap(a, b) \
	do { typeof(a) __tmp = (a); (a) = (b); (b) = __tmp; } while (0)

#define BIT(nr)			(1UL << (nr))

int sprintf(char *buf, const char * fmt, ...) __printf(2, 3);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);
int kstrtouint(const char *s, unsigned int base, unsigned int *res);

#endif /* _LINUX_KERNEL_H */
