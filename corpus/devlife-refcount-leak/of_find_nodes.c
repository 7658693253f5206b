// SPDX-License-Identifier: GPL-2.0
/*
 * Plain device-tree lookups (of_find_*): every successful lookup returns a
 * node with its refcount raised, which the caller must drop with of_node_put().
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/platform_device.h>

struct fsys_priv {
	struct device *dev;
	u32 timer_freq;
	u32 board_rev;
	bool has_pmu;
};

static const struct of_device_id fsys_pmu_ids[] = {
	{ .compatible = "acme,fsys-pmu" },
	{ .compatible = "acme,fsys-pmu-v2", .data = (void *)2 },
	{ }
};

// Silent: path lookup, NULL check, use, put.
static int fsys_read_board_rev(struct fsys_priv *priv)
{
	struct device_node *np;
	int ret;

	np = of_find_node_by_path("/board");
	if (!np)
		return -ENODEV;

	ret = of_property_read_u32(np, "revision", &priv->board_rev);
	of_node_put(np);
	return ret;
}

// Leak: the error return after a failed property read forgets the put.
static int fsys_read_timer_freq(struct fsys_priv *priv)
{
	struct device_node *np;
	int ret;

	np = of_find_compatible_node(NULL, NULL, "acme,fsys-timer");
	if (!np)
		return -ENODEV;

	ret = of_property_read_u32(np, "clock-frequency", &priv->timer_freq);
	if (ret)
		return ret; // expect: devlife-refcount-leak

	of_node_put(np);
	return 0;
}

// Leak: node found by name, only borrowed by the property helpers, never put.
static bool fsys_has_fast_mode(void)
{
	struct device_node *np;
	bool fast;

	np = of_find_node_by_name(NULL, "fsys-config");
	if (!np)
		return false;

	fast = of_property_read_bool(np, "acme,fast-mode");
	return fast; // expect: devlife-refcount-leak
}

// Silent: the NULL-only branch owns nothing, the non-NULL branch puts.
static int fsys_count_memory_nodes(void)
{
	struct device_node *np;
	int count = 0;

	np = of_find_node_by_type(NULL, "memory");
	if (np) {
		count = of_property_count_elems_of_size(np, "reg", sizeof(u32));
		of_node_put(np);
	}
	return count;
}

// Leak: `if (np)` guards the use but not a put; reported at the final return.
static int fsys_probe_pmu(struct fsys_priv *priv)
{
	const struct of_device_id *match;
	struct device_node *np;
	int version = 1;

	np = of_find_matching_node_and_match(NULL, fsys_pmu_ids, &match);
	if (np) {
		priv->has_pmu = of_device_is_available(np);
		if (match->data)
			version = (int)(uintptr_t)match->data;
	}
	return version; // expect: devlife-refcount-leak
}

// Silent: of_find_matching_node() with an explicit put on both exits.
static int fsys_pmu_irq_count(void)
{
	struct device_node *np;
	int n;

	np = of_find_matching_node(NULL, fsys_pmu_ids);
	if (!np)
		return 0;

	if (!of_device_is_available(np)) {
		of_node_put(np);
		return 0;
	}

	n = of_property_count_elems_of_size(np, "interrupts", sizeof(u32));
	of_node_put(np);
	return n;
}

// Leak: void function, phandle lookup never put; reported at the closing brace.
static void fsys_log_chosen_stdout(phandle ph)
{
	struct device_node *np;

	np = of_find_node_by_phandle(ph);
	if (!np)
		return;

	pr_info("fsys: stdout is %pOF\n", np);
} // expect: devlife-refcount-leak

// Silent: of_find_node_opts_by_path() result put after parsing the options.
static int fsys_stdout_opts(const char **opts)
{
	struct device_node *np;

	np = of_find_node_opts_by_path("/chosen/serial@1000", opts);
	if (!np)
		return -ENOENT;

	of_node_put(np);
	return 0;
}

// Leak: of_find_node_with_property() node leaks on the "disabled" early return.
static int fsys_find_wakeup_source(struct fsys_priv *priv)
{
	struct device_node *np;

	np = of_find_node_with_property(NULL, "wakeup-source");
	if (!np)
		return -ENOENT;

	if (!of_device_is_available(np))
		return -ENODEV; // expect: devlife-refcount-leak

	dev_info(priv->dev, "wakeup source %pOF\n", np);
	of_node_put(np);
	return 0;
}

static int fsys_probe(struct platform_device *pdev)
{
	struct fsys_priv *priv;
	int ret;

	priv = devm_kzalloc(&pdev->dev, sizeof(*priv), GFP_KERNEL);
	if (!priv)
		return -ENOMEM;
	priv->dev = &pdev->dev;

	ret = fsys_read_board_rev(priv);
	if (ret)
		return ret;
	ret = fsys_read_timer_freq(priv);
	if (ret)
		return ret;

	platform_set_drvdata(pdev, priv);
	return 0;
}

static const struct of_device_id fsys_of_match[] = {
	{ .compatible = "acme,fsys" },
	{ }
};
MODULE_DEVICE_TABLE(of, fsys_of_match);

static struct platform_driver fsys_driver = {
	.probe = fsys_probe,
	.driver = {
		.name = "acme-fsys",
		.of_match_table = fsys_of_match,
	},
};
module_platform_driver(fsys_driver);

MODULE_LICENSE("GPL");
