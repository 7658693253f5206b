// SPDX-License-Identifier: GPL-2.0
/*
 * IIO: devm_iio_device_alloc() hands out a struct iio_dev whose embedded
 * dev is the IIO device, not the platform device the driver is bound to.
 * Its devres is released when iio_device_unregister() deletes it, before
 * the buffers are stopped, or at its final put_device() if it is never
 * registered (seed 003: "No IIO driver should be using devm on the
 * indio_dev->dev, they should be doing it on the parent device"). devm on
 * the parent, on &pdev->dev and devm_add_action_or_reset() on the bound
 * device are the correct forms.
 */
#include <linux/kernel.h>
#include <linux/device.h>
#include <linux/platform_device.h>
#include <linux/interrupt.h>
#include <linux/iio/iio.h>

struct wdi_state {
	struct device *dev;
	u32 *buf;
	u32 *samples;
	int irq;
};

static const struct iio_info wdi_info;

static const struct iio_chan_spec wdi_channels[] = {
	{ .type = 0, .channel = 0 },
	{ .type = 0, .channel = 1 },
};

static irqreturn_t wdi_irq(int irq, void *data)
{
	struct wdi_state *st = iio_priv(data);

	return st->samples[0] ? IRQ_HANDLED : IRQ_NONE;
}

// Silent: a channel table handed to the IIO core, which keeps what it needs;
// nothing in the driver reads it once probe is done.
static int wdi_setup_channels(struct iio_dev *indio_dev)
{
	struct iio_chan_spec *chans;

	chans = devm_kmemdup(&indio_dev->dev, wdi_channels, sizeof(wdi_channels),
			     GFP_KERNEL);
	if (!chans)
		return -ENOMEM;
	indio_dev->channels = chans;
	indio_dev->num_channels = 2;
	return 0;
}

// Bug: the interrupt handler, on the platform device, still reads the samples
// after the IIO core has deleted the IIO device and released its devres.
static int wdi_setup_samples(struct iio_dev *indio_dev, struct wdi_state *st)
{
	st->samples = devm_kcalloc(&indio_dev->dev, 4, sizeof(u32), GFP_KERNEL); // expect: devlife-devm-wrong-device
	return st->samples ? 0 : -ENOMEM;
}

static void wdi_power_off(void *data)
{
}

// Bug: devm on the IIO device, through a local copy of &indio_dev->dev.
static int wdi_setup_buffer(struct iio_dev *indio_dev, struct wdi_state *st)
{
	struct device *dev = &indio_dev->dev;

	st->buf = devm_kzalloc(dev, 64, GFP_KERNEL); // expect: devlife-devm-wrong-device
	return st->buf ? 0 : -ENOMEM;
}

// Bug: the IRQ and the buffer are tied to the IIO device; silent for the rest.
static int wdi_probe(struct platform_device *pdev)
{
	struct iio_dev *indio_dev;
	struct wdi_state *st;
	int ret;

	indio_dev = devm_iio_device_alloc(&pdev->dev, sizeof(*st));
	if (!indio_dev)
		return -ENOMEM;
	st = iio_priv(indio_dev);
	st->dev = &pdev->dev;
	st->irq = platform_get_irq(pdev, 0);

	ret = devm_request_irq(&indio_dev->dev, st->irq, wdi_irq, 0, "wdi", indio_dev); // expect: devlife-devm-wrong-device
	if (ret)
		return ret;
	ret = wdi_setup_buffer(indio_dev, st);
	if (ret)
		return ret;
	ret = wdi_setup_channels(indio_dev) ?: wdi_setup_samples(indio_dev, st);
	if (ret)
		return ret;
	ret = devm_add_action_or_reset(&pdev->dev, wdi_power_off, st);
	if (ret)
		return ret;
	indio_dev->info = &wdi_info;
	return devm_iio_device_register(&pdev->dev, indio_dev);
}

// Silent: giving back memory early is no attachment, wherever it hangs.
static void wdi_drop_buffer(struct iio_dev *indio_dev, struct wdi_state *st)
{
	devm_kfree(&indio_dev->dev, st->buf);
	st->buf = NULL;
}

// Silent: devm on the parent of the IIO device and on a field holding &pdev->dev.
static int wdi_probe_parent(struct platform_device *pdev)
{
	struct iio_dev *indio_dev;
	struct wdi_state *st;

	indio_dev = devm_iio_device_alloc(&pdev->dev, sizeof(*st));
	if (!indio_dev)
		return -ENOMEM;
	st = iio_priv(indio_dev);
	st->dev = &pdev->dev;
	st->buf = devm_kzalloc(indio_dev->dev.parent, 64, GFP_KERNEL);
	if (!st->buf)
		return -ENOMEM;
	st->buf = devm_kzalloc(st->dev, 64, GFP_KERNEL);
	if (!st->buf)
		return -ENOMEM;
	wdi_drop_buffer(indio_dev, st);
	return devm_iio_device_register(&pdev->dev, indio_dev);
}

static struct platform_driver wdi_driver = {
	.probe = wdi_probe,
	.driver = { .name = "wdi" },
};

static struct platform_driver wdi_parent_driver = {
	.probe = wdi_probe_parent,
	.driver = { .name = "wdi-parent" },
};
