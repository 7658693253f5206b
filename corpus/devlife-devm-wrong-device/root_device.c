// SPDX-License-Identifier: GPL-2.0
/*
 * Test code that makes a device with root_device_register() (seed 003: "the
 * root_device will only release the devm resources when it's freed (in
 * device_release), but a bus device will also do it in device_del"). devm
 * on it is not released by root_device_unregister() while anything still
 * holds the device.
 */
#include <linux/kernel.h>
#include <linux/device.h>
#include <linux/slab.h>

struct wdr_fixture {
	struct device *dev;
	void *buf;
};

// Bug: devm memory on a root device.
static int wdr_test_init(struct wdr_fixture *fx)
{
	struct device *dev;

	dev = root_device_register("wdr-test");
	if (IS_ERR(dev))
		return PTR_ERR(dev);
	fx->dev = dev;
	fx->buf = devm_kzalloc(dev, 128, GFP_KERNEL); // expect: devlife-devm-wrong-device
	return fx->buf ? 0 : -ENOMEM;
}

// Silent: plain memory, freed by the test itself.
static int wdr_test_init_plain(struct wdr_fixture *fx)
{
	fx->dev = root_device_register("wdr-plain");
	if (IS_ERR(fx->dev))
		return PTR_ERR(fx->dev);
	fx->buf = kzalloc(128, GFP_KERNEL);
	return fx->buf ? 0 : -ENOMEM;
}

// Silent: a device handed in from elsewhere is not known to be a root device.
static int wdr_attach(struct device *dev, struct wdr_fixture *fx)
{
	fx->buf = devm_kzalloc(dev, 128, GFP_KERNEL);
	return fx->buf ? 0 : -ENOMEM;
}

void wdr_run(struct wdr_fixture *fx)
{
	wdr_test_init(fx);
	wdr_test_init_plain(fx);
	wdr_attach(fx->dev, fx);
}
