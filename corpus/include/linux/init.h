/* SPDX-License-Identifier: GPL-2.0 */
/* Minimal stand-in for include/linux/init.h (built-in, !MODULE). */
#ifndef _LINUX_INIT_H
#define _LINUX_INIT_H

#include <linux/compiler.h>
#include <linux/types.h>

#define __init		__section(".init.text") __cold notrace
#define __initdata	__section(".init.data")
#define __initconst	__section(".init.rodata")
#define __exitdata	__section(".exit.data")
#define __exit_call	__used __section(".exitcall.exit")
#define __exit		__section(".exit.text") __used __cold notrace

typedef int (*initcall_t)(void);
typedef void (*exitcall_t)(void);

#define ___define_initcall(fn, id, __sec) \
	static initcall_t __initcall_##fn##id __used \
		__attribute__((__section__(#__sec ".init"))) = fn;

#define __define_initcall(fn, id) ___define_initcall(fn, id, .initcall##id)

#define device_initcall(fn)		__define_initcall(fn, 6)
#define __initcall(fn) device_initcall(fn)

#define __exitcall(fn)						\
	static exitcall_t __exitcall_##fn __exit_call = fn

#endif /* _LINUX_INIT_H */
