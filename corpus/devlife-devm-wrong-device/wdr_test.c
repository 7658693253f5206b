// SPDX-License-Identifier: GPL-2.0
/*
 * The shape of drivers/base/test/root-device-test.c: a test that checks
 * devm actions on a root device run at root_device_unregister(). No driver
 * is bound anywhere in the file, so nothing is confused about unbind.
 */
#include <linux/kernel.h>
#include <linux/device.h>

struct wdt_fixture {
	struct device *dev;
	bool released;
};

static void wdt_action(void *data)
{
	struct wdt_fixture *fx = data;

	fx->released = true;
}

// Silent: a test attaching to its own root device on purpose.
int wdt_root_device_devm(struct wdt_fixture *fx)
{
	int ret;

	fx->dev = root_device_register("wdt");
	if (IS_ERR(fx->dev))
		return PTR_ERR(fx->dev);
	ret = devm_add_action_or_reset(fx->dev, wdt_action, fx);
	root_device_unregister(fx->dev);
	return ret;
}
