// SPDX-License-Identifier: GPL-2.0
/*
 * Helpers that allocate with devm but run at most once per object, seen
 * from code that runs many times: a per-device cache filled through a local
 * copy of the field (spi-tegra210-quad's setup() and its controller_data),
 * and a helper whose devm branch a caller's NULL argument never takes
 * (spi.c's spi_alloc_pcpu_stats(NULL)). A local copy that is never stored
 * back, and the same helper given the device, still accumulate.
 */
#include <linux/kernel.h>
#include <linux/device.h>
#include <linux/platform_device.h>
#include <linux/slab.h>

struct cch_state {
	int mode;
};

struct cch_priv {
	struct device *dev;
	struct cch_state *state;
	int *stats;
};

// Silent: only cache_store() calls it, once per device.
static struct cch_state *cch_parse_state(struct device *dev)
{
	return devm_kzalloc(dev, sizeof(struct cch_state), GFP_KERNEL);
}

static struct cch_state *cch_parse_again(struct device *dev)
{
	return devm_kzalloc(dev, sizeof(struct cch_state), GFP_KERNEL); // expect: devlife-devm-outside-probe
}

// Silent: only stats_store() calls it, with NULL.
static int *cch_alloc_stats(struct device *dev)
{
	if (dev)
		return devm_kzalloc(dev, 64, GFP_KERNEL);
	return kzalloc(64, GFP_KERNEL);
}

static int *cch_alloc_snap(struct device *dev)
{
	if (dev)
		return devm_kzalloc(dev, 64, GFP_KERNEL); // expect: devlife-devm-outside-probe
	return kzalloc(64, GFP_KERNEL);
}

// Silent: the state is parsed on the first write only, then kept in priv.
static ssize_t cache_store(struct device *dev, struct device_attribute *attr,
			   const char *buf, size_t count)
{
	struct cch_priv *priv = dev_get_drvdata(dev);
	struct cch_state *state = priv->state;

	if (!state) {
		state = cch_parse_state(dev);
		priv->state = state;
	}
	return count;
}
// Silent: NULL never reaches the devm branch of cch_alloc_stats().
static ssize_t stats_store(struct device *dev, struct device_attribute *attr,
			   const char *buf, size_t count)
{
	struct cch_priv *priv = dev_get_drvdata(dev);

	kfree(priv->stats);
	priv->stats = cch_alloc_stats(NULL);
	return count;
}
// Bug: the local starts NULL and is never stored back; every read parses.
static ssize_t cache_show(struct device *dev, struct device_attribute *attr,
			  char *buf)
{
	struct cch_state *state = NULL;

	if (!state)
		state = cch_parse_again(dev);
	return sysfs_emit(buf, "%d\n", state ? state->mode : -1);
}
static DEVICE_ATTR_RW(cache);

// Bug: given the device, every read takes the devm branch.
static ssize_t stats_show(struct device *dev, struct device_attribute *attr,
			  char *buf)
{
	int *snap = cch_alloc_snap(dev);

	return sysfs_emit(buf, "%d\n", snap ? snap[0] : 0);
}
static DEVICE_ATTR_RW(stats);

static int cch_probe(struct platform_device *pdev)
{
	struct cch_priv *priv = devm_kzalloc(&pdev->dev, sizeof(*priv), GFP_KERNEL);

	if (!priv)
		return -ENOMEM;
	priv->dev = &pdev->dev;
	platform_set_drvdata(pdev, priv);
	return 0;
}

static struct platform_driver cch_driver = {
	.probe = cch_probe,
	.driver = { .name = "cch" },
};
module_platform_driver(cch_driver);
