// SPDX-License-Identifier: GPL-2.0
/*
 * Runtime PM callbacks of a driver that never enables runtime PM: the PM
 * core never calls them (a device's runtime PM starts disabled), so the
 * order they take locks in is no order of the program. The bmi323 shape:
 * bmi323_core_runtime_suspend() holds data->mutex while
 * iio_device_suspend_triggering() takes the IIO mlock, and the IIO core
 * holds mlock while it calls the driver's set_watermark, which takes
 * data->mutex; bmi323 never calls pm_runtime_enable() or
 * devm_pm_runtime_enable(). runtime_pm_on.c is the same driver with
 * runtime PM enabled.
 */
#include <linux/kernel.h>
#include <linux/device.h>
#include <linux/mutex.h>
#include <linux/platform_device.h>
#include <linux/pm.h>

struct lor_core;

struct lor_core_ops {
	int (*set_watermark)(struct lor_core *core, unsigned int val);
};

struct lor_core {
	struct mutex mlock;
	const struct lor_core_ops *ops;
	void *priv;
};

struct lor_data {
	struct lor_core *core;
	struct mutex mutex;
	unsigned int watermark;
	unsigned int saved;
};

// Silent: the core holds mlock while it calls the driver's ops.
int lor_update_buffers(struct lor_core *core, unsigned int val)
{
	int ret;

	mutex_lock(&core->mlock);
	ret = core->ops->set_watermark(core, val);
	mutex_unlock(&core->mlock);
	return ret;
}

// Silent: the core's part of a suspend, takes mlock.
int lor_suspend_triggering(struct lor_core *core)
{
	mutex_lock(&core->mlock);
	core->priv = core->priv;
	mutex_unlock(&core->mlock);
	return 0;
}

// Silent: takes data->mutex under the core's mlock.
static int lor_set_watermark(struct lor_core *core, unsigned int val)
{
	struct lor_data *data = core->priv;

	mutex_lock(&data->mutex);
	data->watermark = val;
	mutex_unlock(&data->mutex);
	return 0;
}

static const struct lor_core_ops lor_core_ops = {
	.set_watermark = lor_set_watermark,
};

// Silent: only the runtime resume callback calls it.
static int lor_restore(struct lor_data *data)
{
	mutex_lock(&data->mutex);
	data->watermark = data->saved;
	lor_suspend_triggering(data->core);
	mutex_unlock(&data->mutex);
	return 0;
}

// Silent: data->mutex, then mlock, but runtime PM is never enabled.
static int lor_runtime_suspend(struct device *dev)
{
	struct lor_data *data = dev_get_drvdata(dev);
	int ret;

	mutex_lock(&data->mutex);
	data->saved = data->watermark;
	ret = lor_suspend_triggering(data->core);
	mutex_unlock(&data->mutex);
	return ret;
}

// Silent: never called either.
static int lor_runtime_resume(struct device *dev)
{
	struct lor_data *data = dev_get_drvdata(dev);

	return lor_restore(data);
}

static const struct dev_pm_ops lor_pm_ops = {
	RUNTIME_PM_OPS(lor_runtime_suspend, lor_runtime_resume, NULL)
};

// Silent: binds the ops, leaves runtime PM disabled.
static int lor_probe(struct platform_device *pdev)
{
	struct lor_data *data = platform_get_drvdata(pdev);

	mutex_init(&data->mutex);
	data->core->ops = &lor_core_ops;
	data->core->priv = data;
	return 0;
}

static struct platform_driver lor_driver = {
	.probe = lor_probe,
	.driver = {
		.name = "lor",
		.pm = &lor_pm_ops,
	},
};
