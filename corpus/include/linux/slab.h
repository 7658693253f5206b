/* SPDX-License-Identifier: GPL-2.0 */
/* Minimal stand-in for include/linux/slab.h (!CONFIG_MEM_ALLOC_PROFILING). */
#ifndef _LINUX_SLAB_H
#define _LINUX_SLAB_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/err.h>
#include <linux/gfp_types.h>
#include <linux/cleanup.h>

/* include/linux/alloc_tag.h, profiling disabled */
#define alloc_hooks(_do_alloc)						\
({									\
	typeof(_do_alloc) _res = _do_alloc;				\
	_res;								\
})

void kfree(const void *objp);
void kfree_sensitive(const void *objp);

DEFINE_FREE(kfree, void *, if (!IS_ERR_OR_NULL(_T)) kfree(_T))

void *__kmalloc_noprof(size_t size, gfp_t flags) __alloc_size(1);

static __always_inline __alloc_size(1) void *kmalloc_noprof(size_t size, gfp_t flags)
{
	return __kmalloc_noprof(size, flags);
}
#define kmalloc(...)				alloc_hooks(kmalloc_noprof(__VA_ARGS__))

static inline __alloc_size(1) void *kzalloc_noprof(size_t size, gfp_t flags)
{
	return kmalloc_noprof(size, flags | __GFP_ZERO);
}
#define kzalloc(...)				alloc_hooks(kzalloc_noprof(__VA_ARGS__))

static inline __alloc_size(1, 2) void *kmalloc_array_noprof(size_t n, size_t size, gfp_t flags)
{
	return __kmalloc_noprof(n * size, flags);
}
#define kmalloc_array(...)			alloc_hooks(kmalloc_array_noprof(__VA_ARGS__))
#define kcalloc(n, size, flags)			kmalloc_array(n, size, (flags) | __GFP_ZERO)

char *kstrdup(const char *s, gfp_t gfp);

void *krealloc_noprof(const void *objp, size_t new_size, gfp_t flags) __realloc_size(2);
#define krealloc(...)				alloc_hooks(krealloc_noprof(__VA_ARGS__))

extern void kvfree(const void *addr);
DEFINE_FREE(kvfree, void *, if (!IS_ERR_OR_NULL(_T)) kvfree(_T))

#endif /* _LINUX_SLAB_H */
