/* SPDX-License-Identifier: GPL-2.0 */
/* asm-generic/errno-base.h + asm-generic/errno.h + linux/errno.h, the common ones. */
#ifndef _LINUX_ERRNO_H
#define _LINUX_ERRNO_H

#define	EPERM		 1
#define	ENOENT		 2
#define	EINTR		 4
#define	EIO		 5
#define	ENXIO		 6
#define	E2BIG		 7
#define	EAGAIN		11
#define	ENOMEM		12
#define	EFAULT		14
#define	EBUSY		16
#define	EEXIST		17
#define	ENODEV		19
#define	EINVAL		22
#define	ENOSPC		28
#define	ERANGE		34
#define	ENOSYS		38
#define	ENODATA		61
#define	ETIMEDOUT	110
#define	EOVERFLOW	75
#define	EOPNOTSUPP	95

/* linux/errno.h: kernel-internal codes */
#define EPROBE_DEFER	517
#define ENOTSUPP	524

#endif /* _LINUX_ERRNO_H */
