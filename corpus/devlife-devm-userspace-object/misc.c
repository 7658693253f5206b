// SPDX-License-Identifier: GPL-2.0
/*
 * devlife-devm-userspace-object: a struct miscdevice inside devm memory,
 * the shape of drivers/soc/aspeed/aspeed-lpc-ctrl.c and aspeed-lpc-snoop.c
 * (6.12): the file operations find the driver's struct with
 * container_of(file->private_data, ...), and misc_deregister() in remove()
 * does not wait for the files that are open.
 */
#include <linux/device.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/kref.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/slab.h>

struct mud_ctrl {
	struct miscdevice	miscdev;
	u32			window;
};

static struct mud_ctrl *file_mud_ctrl(struct file *file)
{
	return container_of(file->private_data, struct mud_ctrl, miscdev);
}

// Silent: a file operation reading the struct through the open file.
static long mud_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct mud_ctrl *ctrl = file_mud_ctrl(file);

	return ctrl->window;
}

static const struct file_operations mud_fops = {
	.owner		= THIS_MODULE,
	.unlocked_ioctl	= mud_ioctl,
};

// Bug: the miscdevice lives in devm_kzalloc() memory, freed at unbind under an open file.
static int mud_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct mud_ctrl *ctrl;

	ctrl = devm_kzalloc(dev, sizeof(*ctrl), GFP_KERNEL);
	if (!ctrl)
		return -ENOMEM;

	ctrl->miscdev.minor = MISC_DYNAMIC_MINOR;
	ctrl->miscdev.name = "mud-ctrl";
	ctrl->miscdev.fops = &mud_fops;
	ctrl->miscdev.parent = dev;
	platform_set_drvdata(pdev, ctrl);
	return misc_register(&ctrl->miscdev); // expect: devlife-devm-userspace-object
}

// Silent: misc_deregister() is right; the bug is where the memory came from.
static void mud_remove(struct platform_device *pdev)
{
	struct mud_ctrl *ctrl = platform_get_drvdata(pdev);

	misc_deregister(&ctrl->miscdev);
}

static struct platform_driver mud_driver = {
	.driver = { .name = "mud" },
	.probe = mud_probe,
	.remove_new = mud_remove,
};

/* aspeed-lpc-snoop.c: one miscdevice per channel, in an embedded array. */
struct mus_chan {
	u32			data;
	struct miscdevice	miscdev;
};

struct mus_snoop {
	struct mus_chan		chan[2];
};

static const struct file_operations mus_fops = {
	.owner = THIS_MODULE,
};

// Bug: &snoop->chan[channel].miscdev is inside the devm_kzalloc() of mus_probe().
static int mus_enable(struct device *dev, struct mus_snoop *snoop, int channel)
{
	snoop->chan[channel].miscdev.minor = MISC_DYNAMIC_MINOR;
	snoop->chan[channel].miscdev.fops = &mus_fops;
	snoop->chan[channel].miscdev.parent = dev;
	return misc_register(&snoop->chan[channel].miscdev); // expect: devlife-devm-userspace-object
}

// Silent: the allocation; the finding is at the registration.
static int mus_probe(struct platform_device *pdev)
{
	struct mus_snoop *snoop;

	snoop = devm_kzalloc(&pdev->dev, sizeof(*snoop), GFP_KERNEL);
	if (!snoop)
		return -ENOMEM;
	return mus_enable(&pdev->dev, snoop, 0);
}

static struct platform_driver mus_driver = {
	.driver = { .name = "mus" },
	.probe = mus_probe,
};

/* The fix: kzalloc() and a kref the open file holds. */
struct muk_ctrl {
	struct miscdevice	miscdev;
	struct kref		kref;
};

// Silent: the last put frees the struct, never under an open file.
static void muk_free(struct kref *kref)
{
	kfree(container_of(kref, struct muk_ctrl, kref));
}

// Silent: open() takes a reference on the struct.
static int muk_open(struct inode *inode, struct file *file)
{
	struct muk_ctrl *ctrl = container_of(file->private_data, struct muk_ctrl, miscdev);

	kref_get(&ctrl->kref);
	return 0;
}

// Silent: release() drops it.
static int muk_release(struct inode *inode, struct file *file)
{
	struct muk_ctrl *ctrl = container_of(file->private_data, struct muk_ctrl, miscdev);

	kref_put(&ctrl->kref, muk_free);
	return 0;
}

static const struct file_operations muk_fops = {
	.owner		= THIS_MODULE,
	.open		= muk_open,
	.release	= muk_release,
};

// Silent: the same miscdevice in kzalloc() memory freed from a kref release.
static int muk_probe(struct platform_device *pdev)
{
	struct muk_ctrl *ctrl;
	int ret;

	ctrl = kzalloc(sizeof(*ctrl), GFP_KERNEL);
	if (!ctrl)
		return -ENOMEM;
	kref_init(&ctrl->kref);
	ctrl->miscdev.minor = MISC_DYNAMIC_MINOR;
	ctrl->miscdev.fops = &muk_fops;
	ret = misc_register(&ctrl->miscdev);
	if (ret) {
		kfree(ctrl);
		return ret;
	}
	platform_set_drvdata(pdev, ctrl);
	return 0;
}

// Silent: remove() drops the driver's reference; an open file keeps its own.
static void muk_remove(struct platform_device *pdev)
{
	struct muk_ctrl *ctrl = platform_get_drvdata(pdev);

	misc_deregister(&ctrl->miscdev);
	kref_put(&ctrl->kref, muk_free);
}

static struct platform_driver muk_driver = {
	.driver = { .name = "muk" },
	.probe = muk_probe,
	.remove_new = muk_remove,
};

/* A static miscdevice: not in devm memory at all. */
struct mug_state {
	u32 value;
};

static const struct file_operations mug_fops = {
	.owner = THIS_MODULE,
};

static struct miscdevice mug_misc = {
	.minor	= MISC_DYNAMIC_MINOR,
	.name	= "mug",
	.fops	= &mug_fops,
};

// Silent: the driver's state is devm memory, but the registered miscdevice is a static.
static int mug_probe(struct platform_device *pdev)
{
	struct mug_state *st;

	st = devm_kzalloc(&pdev->dev, sizeof(*st), GFP_KERNEL);
	if (!st)
		return -ENOMEM;
	return misc_register(&mug_misc);
}

static struct platform_driver mug_driver = {
	.driver = { .name = "mug" },
	.probe = mug_probe,
};

// Bug: fops set through a compound literal (drivers/misc/nsm.c in 6.12).
struct mun_priv {
	struct miscdevice misc;
};

static int mun_probe(struct platform_device *pdev)
{
	struct mun_priv *p = devm_kzalloc(&pdev->dev, sizeof(*p), GFP_KERNEL);

	if (!p)
		return -ENOMEM;
	p->misc = (struct miscdevice) {
		.minor	= MISC_DYNAMIC_MINOR,
		.name	= "mun",
		.fops	= &mud_fops,
	};
	return misc_register(&p->misc); // expect: devlife-devm-userspace-object
}

static struct platform_driver mun_driver = {
	.driver = { .name = "mun" },
	.probe = mun_probe,
};
