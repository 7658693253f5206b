/* SPDX-License-Identifier: GPL-2.0 */
/* Minimal stand-in for include/linux/iio/iio.h (Linux 6.12). */
#ifndef _IIO_H_
#define _IIO_H_

#include <linux/device.h>
#include <linux/module.h>
#include <linux/mutex.h>

struct iio_dev;

struct iio_info {
	int (*read_raw)(struct iio_dev *indio_dev, const void *chan,
			int *val, int *val2, long mask);
};

struct iio_chan_spec {
	int			type;
	int			channel;
	unsigned long		address;
};

struct iio_dev {
	int				modes;
	struct device			dev;
	const struct iio_chan_spec	*channels;
	int				num_channels;
	const char			*name;
	const struct iio_info		*info;
	struct mutex			mlock;
	void				*priv;
};

struct iio_dev *iio_device_alloc(struct device *parent, int sizeof_priv);

/* The information at the returned address is guaranteed to be cacheline aligned */
static inline void *iio_priv(const struct iio_dev *indio_dev)
{
	return indio_dev->priv;
}

void iio_device_free(struct iio_dev *indio_dev);
struct iio_dev *devm_iio_device_alloc(struct device *parent, int sizeof_priv);

#define iio_device_register(indio_dev) \
	__iio_device_register(indio_dev, THIS_MODULE)
int __iio_device_register(struct iio_dev *indio_dev, struct module *this_mod);
void iio_device_unregister(struct iio_dev *indio_dev);

#define devm_iio_device_register(dev, indio_dev) \
	__devm_iio_device_register((dev), (indio_dev), THIS_MODULE)
int __devm_iio_device_register(struct device *dev, struct iio_dev *indio_dev,
			       struct module *this_mod);

#endif
