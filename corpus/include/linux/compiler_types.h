/* SPDX-License-Identifier: GPL-2.0 */
/* Minimal stand-in for include/linux/compiler_types.h (+ compiler_attributes.h, compiler-clang.h). */
#ifndef __LINUX_COMPILER_TYPES_H
#define __LINUX_COMPILER_TYPES_H

/* sparse annotations: empty for the compiler */
#define __user
#define __kernel
#define __iomem
#define __percpu
#define __rcu
#define __force
#define __bitwise
#define __must_hold(x)
#define __acquires(x)
#define __releases(x)
#define __acquire(x)	(void)0
#define __release(x)	(void)0
#define __cond_lock(x,c) (c)
#define __read_mostly

/* compiler_attributes.h */
#define __aligned(x)			__attribute__((__aligned__(x)))
#define __always_inline			inline __attribute__((__always_inline__))
#define __cold				__attribute__((__cold__))
#define __maybe_unused			__attribute__((__unused__))
#define __always_unused			__attribute__((__unused__))
#define __must_check			__attribute__((__warn_unused_result__))
#define __printf(a, b)			__attribute__((__format__(printf, a, b)))
#define __section(section)		__attribute__((__section__(section)))
#define __used				__attribute__((__used__))
#define __noreturn			__attribute__((__noreturn__))
#define __packed			__attribute__((__packed__))
#define __weak				__attribute__((__weak__))
#define __alloc_size(x, ...)		__attribute__((__alloc_size__(x, ## __VA_ARGS__)))
#define __realloc_size(x, ...)		__alloc_size(x, ## __VA_ARGS__)
#define __malloc			__attribute__((__malloc__))
#define noinline			__attribute__((__noinline__))
#define fallthrough			__attribute__((__fallthrough__))

/* compiler_attributes.h defines __cleanup, compiler-clang.h redefines it */
#define __cleanup(func)			__maybe_unused __attribute__((__cleanup__(func)))

#define notrace
#define asmlinkage

#define ___PASTE(a,b) a##b
#define __PASTE(a,b) ___PASTE(a,b)

#define __same_type(a, b) __builtin_types_compatible_p(typeof(a), typeof(b))

#endif /* __LINUX_COMPILER_TYPES_H */
