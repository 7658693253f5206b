// SPDX-License-Identifier: GPL-2.0
/*
 * devlife-devm-userspace-object: a struct miscdevice inside devm memory is
 * safe when open() is its only user. misc_open() runs the driver's open()
 * under misc_mtx, which misc_deregister() takes too, and keeps nothing of
 * the miscdevice; drivers/misc/fastrpc.c (6.12) then points
 * file->private_data at a per-file struct holding a counted channel, so
 * an open file never reaches the devm memory again. Pointing it at the
 * devm struct itself is the bug.
 */
#include <linux/device.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/kref.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/slab.h>

struct moo_chan {
	struct kref	ref;
	u32		state;
};

struct moo_dev {
	struct miscdevice	miscdev;
	struct moo_chan		*chan;
};

struct moo_user {
	struct moo_chan	*chan;
};

static void moo_chan_free(struct kref *ref)
{
	kfree(container_of(ref, struct moo_chan, ref));
}

// Silent: the last thing open() does with the devm struct is take a channel reference.
static int moo_open(struct inode *inode, struct file *file)
{
	struct moo_dev *d = container_of(file->private_data, struct moo_dev, miscdev);
	struct moo_user *u = kzalloc(sizeof(*u), GFP_KERNEL);

	if (!u)
		return -ENOMEM;
	kref_get(&d->chan->ref);
	u->chan = d->chan;
	file->private_data = u;
	return 0;
}

// Silent: the open file holds its own counted channel.
static long moo_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct moo_user *u = file->private_data;

	return u->chan->state;
}

static int moo_release(struct inode *inode, struct file *file)
{
	struct moo_user *u = file->private_data;

	kref_put(&u->chan->ref, moo_chan_free);
	kfree(u);
	return 0;
}

static const struct file_operations moo_fops = {
	.owner		= THIS_MODULE,
	.open		= moo_open,
	.unlocked_ioctl	= moo_ioctl,
	.release	= moo_release,
};

// Silent: the miscdevice is devm memory, but no open file can reach it after open().
static int moo_probe(struct platform_device *pdev)
{
	struct moo_dev *d = devm_kzalloc(&pdev->dev, sizeof(*d), GFP_KERNEL);

	if (!d)
		return -ENOMEM;
	d->chan = kzalloc(sizeof(*d->chan), GFP_KERNEL);
	if (!d->chan)
		return -ENOMEM;
	kref_init(&d->chan->ref);
	d->miscdev.minor = MISC_DYNAMIC_MINOR;
	d->miscdev.name = "moo";
	d->miscdev.fops = &moo_fops;
	platform_set_drvdata(pdev, d);
	return misc_register(&d->miscdev);
}

static void moo_remove(struct platform_device *pdev)
{
	struct moo_dev *d = platform_get_drvdata(pdev);

	misc_deregister(&d->miscdev);
	kref_put(&d->chan->ref, moo_chan_free);
}

static struct platform_driver moo_driver = {
	.driver = { .name = "moo" },
	.probe = moo_probe,
	.remove_new = moo_remove,
};

struct mop_dev {
	struct miscdevice	miscdev;
	u32			state;
};

// open() keeps the devm struct itself in the open file.
static int mop_open(struct inode *inode, struct file *file)
{
	file->private_data = container_of(file->private_data, struct mop_dev, miscdev);
	return 0;
}

static long mop_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct mop_dev *d = file->private_data;

	return d->state;
}

static const struct file_operations mop_fops = {
	.owner		= THIS_MODULE,
	.open		= mop_open,
	.unlocked_ioctl	= mop_ioctl,
};

// Bug: every ioctl after unbind reads the freed struct mop_dev.
static int mop_probe(struct platform_device *pdev)
{
	struct mop_dev *d = devm_kzalloc(&pdev->dev, sizeof(*d), GFP_KERNEL);

	if (!d)
		return -ENOMEM;
	d->miscdev.minor = MISC_DYNAMIC_MINOR;
	d->miscdev.name = "mop";
	d->miscdev.fops = &mop_fops;
	return misc_register(&d->miscdev); // expect: devlife-devm-userspace-object
}

static struct platform_driver mop_driver = {
	.driver = { .name = "mop" },
	.probe = mop_probe,
};
