/* SPDX-License-Identifier: GPL-2.0-only */
/* Minimal stand-in for include/linux/module.h (built-in, !MODULE). */
#ifndef _LINUX_MODULE_H
#define _LINUX_MODULE_H

#include <linux/compiler.h>
#include <linux/init.h>
#include <linux/stddef.h>

struct module;

#define THIS_MODULE ((struct module *)0)

#define __stringify_1(x...)	#x
#define __stringify(x...)	__stringify_1(x)

#define __MODULE_INFO(tag, name, info)					  \
	static const char __UNIQUE_ID(name)[]				  \
		__used __section(".modinfo") __aligned(1)		  \
		= __stringify(tag) "=" info

#define MODULE_INFO(tag, info) __MODULE_INFO(tag, tag, info)

#define MODULE_LICENSE(_license) MODULE_INFO(license, _license)
#define MODULE_AUTHOR(_author) MODULE_INFO(author, _author)
#define MODULE_DESCRIPTION(_description) MODULE_INFO(description, _description)
#define MODULE_ALIAS(_alias) MODULE_INFO(alias, _alias)

/* !MODULE: device tables are not exported */
#define MODULE_DEVICE_TABLE(type, name)

#define module_init(x)	__initcall(x);
#define module_exit(x)	__exitcall(x);

#define EXPORT_SYMBOL(sym)
#define EXPORT_SYMBOL_GPL(sym)

#endif /* _LINUX_MODULE_H */
