/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for include/linux/bug.h + asm-generic/bug.h (CONFIG_BUG=y, no
 * arch __WARN_FLAGS) and the DO_ONCE_LITE_IF() of include/linux/once_lite.h:
 * the condition is copied into a local and the statement expression's value
 * is that local, exactly as in 6.12.
 */
#ifndef _LINUX_BUG_H
#define _LINUX_BUG_H

#include <linux/compiler.h>
#include <linux/types.h>

void __warn_printk(const char *fmt, ...);

#define __WARN()		__warn_printk(NULL)
#define __WARN_printf(arg...)	__warn_printk(arg)
#define WARN(condition, format...) ({					\
	int __ret_warn_on = !!(condition);				\
	if (unlikely(__ret_warn_on))					\
		__WARN_printf(format);					\
	unlikely(__ret_warn_on);					\
})

#define WARN_ON(condition) ({						\
	int __ret_warn_on = !!(condition);				\
	if (unlikely(__ret_warn_on))					\
		__WARN();						\
	unlikely(__ret_warn_on);					\
})

#define __ONCE_LITE_IF(condition)					\
	({								\
		static bool __already_done;				\
		bool __ret_cond = !!(condition);			\
		bool __ret_once = false;				\
									\
		if (unlikely(__ret_cond && !__already_done)) {		\
			__already_done = true;				\
			__ret_once = true;				\
		}							\
		unlikely(__ret_once);					\
	})

#define DO_ONCE_LITE_IF(condition, func, ...)				\
	({								\
		bool __ret_do_once = !!(condition);			\
									\
		if (__ONCE_LITE_IF(__ret_do_once))			\
			func(__VA_ARGS__);				\
									\
		unlikely(__ret_do_once);				\
	})

#define WARN_ON_ONCE(condition)					\
	DO_ONCE_LITE_IF(condition, WARN_ON, 1)

#define WARN_ONCE(condition, format...)				\
	DO_ONCE_LITE_IF(condition, WARN, 1, format)

#endif /* _LINUX_BUG_H */
