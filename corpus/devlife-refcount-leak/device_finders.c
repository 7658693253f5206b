// SPDX-License-Identifier: GPL-2.0
/*
 * Device lookups: of_find_device_by_node(), bus_find_device*(),
 * class_find_device*(), device_find_child() and get_device() all take a
 * reference on the struct device; it is dropped with put_device() (or
 * platform_device_put() for the platform device of of_find_device_by_node()).
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/device.h>
#include <linux/of.h>
#include <linux/of_platform.h>
#include <linux/platform_device.h>

struct iommu_lite {
	struct device *dev;
	u32 nr_contexts;
};

struct mdp_priv {
	struct device *dev;
	struct iommu_lite *iommu;
	struct device *companion;
	u32 iommu_ctx;
};

extern const struct class acme_mdp_class;

static int mdp_match_ctx(struct device *dev, void *data)
{
	return dev->id == *(u32 *)data;
}

// Leak: of_find_device_by_node() without put_device(); only drvdata is kept.
static int mdp_get_iommu(struct mdp_priv *mdp)
{
	struct device_node *np;
	struct platform_device *pdev;

	np = of_parse_phandle(mdp->dev->of_node, "iommus", 0);
	if (!np)
		return -ENODEV;

	pdev = of_find_device_by_node(np);
	of_node_put(np);
	if (!pdev)
		return -EPROBE_DEFER;

	mdp->iommu = platform_get_drvdata(pdev);
	if (!mdp->iommu)
		return -EPROBE_DEFER; // expect: devlife-refcount-leak

	return 0; // expect-also: devlife-refcount-leak
}

// Silent: same lookup, reference dropped with put_device(&pdev->dev).
static int mdp_get_iommu_fixed(struct mdp_priv *mdp)
{
	struct device_node *np;
	struct platform_device *pdev;

	np = of_parse_phandle(mdp->dev->of_node, "iommus", 0);
	if (!np)
		return -ENODEV;

	pdev = of_find_device_by_node(np);
	of_node_put(np);
	if (!pdev)
		return -EPROBE_DEFER;

	mdp->iommu = platform_get_drvdata(pdev);
	put_device(&pdev->dev);
	return mdp->iommu ? 0 : -EPROBE_DEFER;
}

// Silent: platform_device_put() releases the reference of of_find_device_by_node().
static int mdp_iommu_contexts(struct device_node *iommu_np)
{
	struct platform_device *pdev;
	struct iommu_lite *iommu;
	int n;

	pdev = of_find_device_by_node(iommu_np);
	if (!pdev)
		return -EPROBE_DEFER;

	iommu = platform_get_drvdata(pdev);
	n = iommu ? iommu->nr_contexts : 0;
	platform_device_put(pdev);
	return n;
}

// Leak: returning a pointer *derived from* the device is not a transfer.
static struct iommu_lite *mdp_lookup_iommu(struct device_node *iommu_np)
{
	struct platform_device *pdev;

	pdev = of_find_device_by_node(iommu_np);
	if (!pdev)
		return NULL;

	return platform_get_drvdata(pdev); // expect: devlife-refcount-leak
}

// Silent: bus_find_device_by_of_node() result returned to the caller.
static struct device *mdp_find_companion(struct device_node *np)
{
	struct device *dev;

	dev = bus_find_device_by_of_node(&platform_bus_type, np);
	if (!dev)
		return NULL;

	return dev;
}

// Silent: `dev ?: ERR_PTR(...)` returns the reference (gpiolib-swnode.c).
static struct device *mdp_find_companion_or_defer(struct device_node *np)
{
	struct device *dev = bus_find_device_by_of_node(&platform_bus_type, np);

	return dev ?: ERR_PTR(-EPROBE_DEFER);
}

// Leak: the reference only decides which error to return.
static int mdp_companion_state(struct device_node *np)
{
	struct device *dev = bus_find_device_by_of_node(&platform_bus_type, np);

	return dev ? 0 : -EPROBE_DEFER; // expect: devlife-refcount-leak
}

// Leak: bus_find_device_by_name() only checked for being bound.
static bool mdp_dsi_is_bound(void)
{
	struct device *dev;

	dev = bus_find_device_by_name(&platform_bus_type, NULL, "acme-dsi.0");
	if (!dev)
		return false;

	return device_is_bound(dev); // expect: devlife-refcount-leak
}

// Leak: raw bus_find_device() reference kept on the "not bound yet" path.
static int mdp_wait_for_dsi(struct device_node *dsi_np)
{
	struct device *dev;

	dev = bus_find_device(&platform_bus_type, NULL, dsi_np, device_match_of_node);
	if (!dev)
		return -EPROBE_DEFER;

	if (!device_is_bound(dev))
		return -EPROBE_DEFER; // expect: devlife-refcount-leak

	put_device(dev);
	return 0;
}

// Silent: class_find_device_by_of_node() + put_device() on both paths.
static int mdp_link_panel(struct mdp_priv *mdp, struct device_node *panel_np)
{
	struct device *panel;
	int ret = 0;

	panel = class_find_device_by_of_node(&acme_mdp_class, panel_np);
	if (!panel)
		return -EPROBE_DEFER;

	if (!device_is_bound(panel))
		ret = -EPROBE_DEFER;

	put_device(panel);
	return ret;
}

// Leak: device_find_child() result logged, then dropped on the floor.
static void mdp_log_context(struct mdp_priv *mdp, u32 ctx)
{
	struct device *child;

	child = device_find_child(mdp->dev, &ctx, mdp_match_ctx);
	if (!child)
		return;

	dev_info(mdp->dev, "context %u is %s\n", ctx, dev_name(child));
} // expect: devlife-refcount-leak

// Silent: class_find_device() stored in the driver state (escapes).
static int mdp_attach_companion(struct mdp_priv *mdp)
{
	struct device *dev;

	dev = class_find_device(&acme_mdp_class, NULL, mdp->dev->of_node,
				device_match_of_node);
	if (!dev)
		return -EPROBE_DEFER;

	mdp->companion = dev;
	return 0;
}

// Leak: get_device() on the parent, never put on the error return.
static int mdp_hold_parent(struct mdp_priv *mdp)
{
	struct device *parent = get_device(mdp->dev->parent);

	if (!parent)
		return -ENODEV;

	if (!device_is_bound(parent))
		return -EPROBE_DEFER; // expect: devlife-refcount-leak

	mdp->companion = parent;
	return 0;
}

static int mdp_probe(struct platform_device *pdev)
{
	struct mdp_priv *mdp;
	int ret;

	mdp = devm_kzalloc(&pdev->dev, sizeof(*mdp), GFP_KERNEL);
	if (!mdp)
		return -ENOMEM;
	mdp->dev = &pdev->dev;

	ret = mdp_get_iommu_fixed(mdp);
	if (ret)
		return ret;

	ret = mdp_attach_companion(mdp);
	if (ret)
		return ret;

	platform_set_drvdata(pdev, mdp);
	return 0;
}

static void mdp_remove(struct platform_device *pdev)
{
	struct mdp_priv *mdp = platform_get_drvdata(pdev);

	put_device(mdp->companion);
}

static const struct of_device_id mdp_of_match[] = {
	{ .compatible = "acme,mdp" },
	{ }
};

static struct platform_driver mdp_driver = {
	.probe = mdp_probe,
	.remove = mdp_remove,
	.driver = {
		.name = "acme-mdp",
		.of_match_table = mdp_of_match,
	},
};
module_platform_driver(mdp_driver);

MODULE_LICENSE("GPL");

struct finder_wrap {
	int id;
	struct device dev;
};

/* Like to_auxiliary_dev(): a pointer into the device, no new reference. */
static inline struct finder_wrap *to_finder_wrap(struct device *dev)
{
	return container_of(dev, struct finder_wrap, dev);
}

// Silent: the reference goes back to the caller through a container_of wrapper.
static struct finder_wrap *finder_wrap_find(struct device_node *np)
{
	struct device *dev = bus_find_device_by_of_node(&platform_bus_type, np);

	if (!dev)
		return NULL;
	return to_finder_wrap(dev);
}

// Leak: only a field is read through the wrapper, the device is kept.
static int finder_wrap_id(struct device_node *np)
{
	struct device *dev = bus_find_device_by_of_node(&platform_bus_type, np);

	if (!dev)
		return -ENODEV;
	return to_finder_wrap(dev)->id; // expect: devlife-refcount-leak
}

/* Like to_spi_device() in 6.12: a _Generic selection around container_of. */
#define to_finder_wrap_const(d)	container_of_const(d, struct finder_wrap, dev)

// Silent: the reference goes back through container_of_const (spi.c).
static struct finder_wrap *finder_wrap_find_const(struct device_node *np)
{
	struct device *dev = bus_find_device_by_of_node(&platform_bus_type, np);

	return dev ? to_finder_wrap_const(dev) : NULL;
}

// Leak: a field read through container_of_const, the device is kept.
static int finder_wrap_id_const(struct device_node *np)
{
	struct device *dev = bus_find_device_by_of_node(&platform_bus_type, np);

	if (!dev)
		return -ENODEV;
	return to_finder_wrap_const(dev)->id; // expect: devlife-refcount-leak
}

struct finder_iter;
struct device *finder_next(struct finder_iter *it);

// Silent: a finder itself, as bus_find_device() is written: get_device() in
// the loop condition, the reference returned.
static struct device *finder_find(struct finder_iter *it,
				  int (*match)(struct device *dev))
{
	struct device *dev;

	while ((dev = finder_next(it)))
		if (match(dev) && get_device(dev))
			break;
	return dev;
}

// Leak: the same finder drops what it got when the device is unbound.
static struct device *finder_find_bound(struct finder_iter *it,
					int (*match)(struct device *dev))
{
	struct device *dev;

	while ((dev = finder_next(it)))
		if (match(dev) && get_device(dev))
			break;
	if (dev && !dev->driver)
		return NULL; // expect: devlife-refcount-leak
	return dev;
}

struct mdp_pool {
	struct device *dev;
	int users;
};

// Silent (putter): drops the device reference a pool carries (qmp_put()).
void mdp_pool_put(struct mdp_pool *pool)
{
	put_device(pool->dev);
}

// Silent: the reference travels with the pool, which mdp_pool_put() takes
// back (qmp_get(), power_supply_get_by_name()).
struct mdp_pool *mdp_pool_get(struct device_node *np)
{
	struct platform_device *pdev = of_find_device_by_node(np);
	struct mdp_pool *pool;

	if (!pdev)
		return ERR_PTR(-ENODEV);
	pool = platform_get_drvdata(pdev);
	if (!pool) {
		put_device(&pdev->dev);
		return ERR_PTR(-EPROBE_DEFER);
	}
	return pool;
}

// Leak: the error path returns no pool and keeps the device.
struct mdp_pool *mdp_pool_get_buggy(struct device_node *np)
{
	struct platform_device *pdev = of_find_device_by_node(np);
	struct mdp_pool *pool;

	if (!pdev)
		return ERR_PTR(-ENODEV);
	pool = platform_get_drvdata(pdev);
	if (!pool)
		return ERR_PTR(-EPROBE_DEFER); // expect: devlife-refcount-leak
	return pool;
}
