/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_STRING_H_
#define _LINUX_STRING_H_

#include <linux/types.h>

extern int strcmp(const char *, const char *);
extern int strncmp(const char *, const char *, size_t);
extern int strcasecmp(const char *s1, const char *s2);
extern size_t strlen(const char *);
extern char *strchr(const char *, int);
extern char *strchrnul(const char *, int);
extern ssize_t strscpy(char *, const char *, size_t);
extern void *memset(void *, int, size_t);
extern void *memcpy(void *, const void *, size_t);
extern int memcmp(const void *, const void *, size_t);
extern bool sysfs_streq(const char *s1, const char *s2);

#endif /* _LINUX_STRING_H_ */
