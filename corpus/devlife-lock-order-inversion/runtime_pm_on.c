// SPDX-License-Identifier: GPL-2.0
/*
 * The driver of runtime_pm_off.c with runtime PM enabled in probe: its
 * runtime suspend callback runs, and holds data->mutex while the core
 * takes mlock, the reverse of the core's order.
 */
#include <linux/kernel.h>
#include <linux/device.h>
#include <linux/mutex.h>
#include <linux/platform_device.h>
#include <linux/pm.h>
#include <linux/pm_runtime.h>

struct lop_core;

struct lop_core_ops {
	int (*set_watermark)(struct lop_core *core, unsigned int val);
};

struct lop_core {
	struct mutex mlock;
	const struct lop_core_ops *ops;
	void *priv;
};

struct lop_data {
	struct lop_core *core;
	struct mutex mutex;
	unsigned int watermark;
	unsigned int saved;
};

// Bug: the core holds mlock while it calls the driver's ops, which take data->mutex.
int lop_update_buffers(struct lop_core *core, unsigned int val)
{
	int ret;

	mutex_lock(&core->mlock);
	ret = core->ops->set_watermark(core, val); // expect: devlife-lock-order-inversion
	mutex_unlock(&core->mlock);
	return ret;
}

// Silent: the core's part of a suspend, takes mlock.
int lop_suspend_triggering(struct lop_core *core)
{
	mutex_lock(&core->mlock);
	core->priv = core->priv;
	mutex_unlock(&core->mlock);
	return 0;
}

// Silent: takes data->mutex under the core's mlock.
static int lop_set_watermark(struct lop_core *core, unsigned int val)
{
	struct lop_data *data = core->priv;

	mutex_lock(&data->mutex);
	data->watermark = val;
	mutex_unlock(&data->mutex);
	return 0;
}

static const struct lop_core_ops lop_core_ops = {
	.set_watermark = lop_set_watermark,
};

// Silent: the runtime resume callback calls it, takes data->mutex alone.
static int lop_restore(struct lop_data *data)
{
	mutex_lock(&data->mutex);
	data->watermark = data->saved;
	mutex_unlock(&data->mutex);
	return 0;
}

// Bug: data->mutex, then mlock, and runtime PM is enabled.
static int lop_runtime_suspend(struct device *dev)
{
	struct lop_data *data = dev_get_drvdata(dev);
	int ret;

	mutex_lock(&data->mutex);
	data->saved = data->watermark;
	ret = lop_suspend_triggering(data->core); // expect-also: devlife-lock-order-inversion
	mutex_unlock(&data->mutex);
	return ret;
}

// Silent: the runtime resume callback.
static int lop_runtime_resume(struct device *dev)
{
	struct lop_data *data = dev_get_drvdata(dev);

	return lop_restore(data);
}

static const struct dev_pm_ops lop_pm_ops = {
	RUNTIME_PM_OPS(lop_runtime_suspend, lop_runtime_resume, NULL)
};

// Silent: binds the ops, enables runtime PM.
static int lop_probe(struct platform_device *pdev)
{
	struct lop_data *data = platform_get_drvdata(pdev);

	mutex_init(&data->mutex);
	data->core->ops = &lop_core_ops;
	data->core->priv = data;
	return devm_pm_runtime_enable(&pdev->dev);
}

static struct platform_driver lop_driver = {
	.probe = lop_probe,
	.driver = {
		.name = "lop",
		.pm = &lop_pm_ops,
	},
};
