/* SPDX-License-Identifier: GPL-2.0 */
/* Minimal stand-in for include/linux/clk.h (CONFIG_HAVE_CLK, Linux 6.12). */
#ifndef __LINUX_CLK_H
#define __LINUX_CLK_H

#include <linux/compiler.h>
#include <linux/err.h>

struct device;
struct clk;

struct clk *clk_get(struct device *dev, const char *id);
struct clk *devm_clk_get(struct device *dev, const char *id);
struct clk *devm_clk_get_prepared(struct device *dev, const char *id);
struct clk *devm_clk_get_enabled(struct device *dev, const char *id);
struct clk *devm_clk_get_optional(struct device *dev, const char *id);
struct clk *devm_clk_get_optional_enabled(struct device *dev, const char *id);
void devm_clk_put(struct device *dev, struct clk *clk);
void clk_put(struct clk *clk);

int clk_prepare(struct clk *clk);
void clk_unprepare(struct clk *clk);
int clk_enable(struct clk *clk);
void clk_disable(struct clk *clk);
unsigned long clk_get_rate(struct clk *clk);

static inline int clk_prepare_enable(struct clk *clk)
{
	int ret;

	ret = clk_prepare(clk);
	if (ret)
		return ret;
	ret = clk_enable(clk);
	if (ret)
		clk_unprepare(clk);

	return ret;
}

static inline void clk_disable_unprepare(struct clk *clk)
{
	clk_disable(clk);
	clk_unprepare(clk);
}

#endif
