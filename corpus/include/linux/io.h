/* SPDX-License-Identifier: GPL-2.0 */
/* Minimal stand-in for include/linux/io.h + asm/io.h (x86, Linux 6.12). */
#ifndef _LINUX_IO_H
#define _LINUX_IO_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/ioport.h>

struct device;

/* arch/x86/include/asm/io.h */
void __iomem *ioremap(resource_size_t offset, unsigned long size);
void __iomem *ioremap_wc(resource_size_t offset, unsigned long size);
extern void iounmap(volatile void __iomem *addr);

/* include/asm-generic/io.h */
extern void __iomem *ioport_map(unsigned long port, unsigned int nr);
extern void ioport_unmap(void __iomem *p);

static inline u32 readl(const volatile void __iomem *addr)
{
	return *(const volatile u32 __force *)addr;
}
static inline void writel(u32 value, volatile void __iomem *addr)
{
	*(volatile u32 __force *)addr = value;
}

/* include/linux/io.h */
void __iomem *devm_ioport_map(struct device *dev, unsigned long port,
			      unsigned int nr);
void devm_ioport_unmap(struct device *dev, void __iomem *addr);
void __iomem *devm_ioremap(struct device *dev, resource_size_t offset,
			   resource_size_t size);
void __iomem *devm_ioremap_uc(struct device *dev, resource_size_t offset,
			      resource_size_t size);
void __iomem *devm_ioremap_wc(struct device *dev, resource_size_t offset,
			      resource_size_t size);
void devm_iounmap(struct device *dev, void __iomem *addr);
void __iomem *devm_ioremap_resource(struct device *dev,
				    const struct resource *res);

#endif /* _LINUX_IO_H */
