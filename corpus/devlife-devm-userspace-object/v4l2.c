// SPDX-License-Identifier: GPL-2.0
/*
 * devlife-devm-userspace-object: a struct video_device inside devm memory.
 * v4l2_open() takes a reference on the video_device and keeps it in
 * file->private_data; video_unregister_device() in remove() does not wait
 * for open files, and devres frees the struct right after. The release
 * video_device_release_empty() is the tell.
 */
#include <linux/device.h>
#include <linux/errno.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <media/v4l2-dev.h>

struct vdm_state {
	struct video_device	vdev;
	u32			format;
};

static const struct v4l2_file_operations vdm_fops = {
	.owner = THIS_MODULE,
};

// Bug: the video_device lives in devm_kzalloc() memory.
static int vdm_probe(struct platform_device *pdev)
{
	struct vdm_state *st;

	st = devm_kzalloc(&pdev->dev, sizeof(*st), GFP_KERNEL);
	if (!st)
		return -ENOMEM;
	st->vdev.fops = &vdm_fops;
	st->vdev.release = video_device_release_empty;
	st->vdev.dev_parent = &pdev->dev;
	video_set_drvdata(&st->vdev, st);
	return video_register_device(&st->vdev, VFL_TYPE_VIDEO, -1); // expect: devlife-devm-userspace-object
}

static struct platform_driver vdm_driver = {
	.driver = { .name = "vdm" },
	.probe = vdm_probe,
};

struct vdp_state {
	struct video_device	*vdev;
	u32			format;
};

static const struct v4l2_file_operations vdp_fops = {
	.owner = THIS_MODULE,
};

// Silent: video_device_alloc() memory, freed by video_device_release() at the last put.
static int vdp_probe(struct platform_device *pdev)
{
	struct vdp_state *st;

	st = devm_kzalloc(&pdev->dev, sizeof(*st), GFP_KERNEL);
	if (!st)
		return -ENOMEM;
	st->vdev = video_device_alloc();
	if (!st->vdev)
		return -ENOMEM;
	st->vdev->fops = &vdp_fops;
	st->vdev->release = video_device_release;
	st->vdev->dev_parent = &pdev->dev;
	return video_register_device(st->vdev, VFL_TYPE_VIDEO, -1);
}

static struct platform_driver vdp_driver = {
	.driver = { .name = "vdp" },
	.probe = vdp_probe,
};
