// SPDX-License-Identifier: GPL-2.0
/*
 * The driver core's own probe path, as drivers/base/dd.c has it: sysfs
 * bind_store() binds a driver, which runs really_probe() (static in dd.c),
 * which binds the pins with devm before calling the driver's probe. Every
 * devm call under really_probe() is a probe-time call, however the bind
 * was asked for.
 */
#include <linux/kernel.h>
#include <linux/device.h>
#include <linux/sysfs.h>

struct dcp_pins {
	void *state;
};

// Silent: called only under really_probe().
static int dcp_bind_pins(struct device *dev)
{
	struct dcp_pins *pins = devm_kzalloc(dev, sizeof(*pins), GFP_KERNEL);

	return pins ? 0 : -ENOMEM;
}

// Silent: the probe path itself.
static int really_probe(struct device *dev)
{
	return dcp_bind_pins(dev);
}

static int dcp_attach(struct device *dev)
{
	return really_probe(dev);
}

// Silent: a bind requested through sysfs still allocates under really_probe().
// Bug: what the store allocates itself accumulates.
static ssize_t rebind_store(struct device *dev, struct device_attribute *attr,
			    const char *buf, size_t count)
{
	char *note = devm_kstrdup(dev, buf, GFP_KERNEL); // expect: devlife-devm-outside-probe

	if (!note)
		return -ENOMEM;
	return dcp_attach(dev) ?: count;
}
static DEVICE_ATTR_WO(rebind);
