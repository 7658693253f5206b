// SPDX-License-Identifier: GPL-2.0
/*
 * Phandle parsing: of_parse_phandle() returns a counted node,
 * of_parse_phandle_with_args() hands one back in out_args->np.
 */
#include <linux/kernel.h>
#include <linux/err.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/platform_device.h>

#define SYSCON_MAX_CELLS	2

struct regctl_priv {
	struct device *dev;
	u32 syscon_offset;
	u32 reset_bit;
	u32 mbox_chan;
	int nr_supplies;
};

// Silent: phandle resolved, read, put, error from the read propagated.
static int regctl_parse_syscon(struct regctl_priv *priv)
{
	struct device_node *syscon;
	int ret;

	syscon = of_parse_phandle(priv->dev->of_node, "acme,syscon", 0);
	if (!syscon)
		return -ENODEV;

	ret = of_property_read_u32(syscon, "acme,offset", &priv->syscon_offset);
	of_node_put(syscon);
	return ret;
}

// Leak: the "disabled" early exit forgets the node from of_parse_phandle().
static int regctl_parse_reset(struct regctl_priv *priv)
{
	struct device_node *rst;

	rst = of_parse_phandle(priv->dev->of_node, "resets", 0);
	if (!rst)
		return 0;

	if (!of_device_is_available(rst)) {
		dev_warn(priv->dev, "reset controller %pOF disabled\n", rst);
		return -ENODEV; // expect: devlife-refcount-leak
	}

	of_property_read_u32(rst, "acme,bit", &priv->reset_bit);
	of_node_put(rst);
	return 0;
}

// Silent: out_args.np released after reading the argument cells.
static int regctl_parse_mbox(struct regctl_priv *priv)
{
	struct of_phandle_args args;
	int ret;

	ret = of_parse_phandle_with_args(priv->dev->of_node, "mboxes",
					 "#mbox-cells", 0, &args);
	if (ret)
		return ret;

	if (args.args_count < 1) {
		of_node_put(args.np);
		return -EINVAL;
	}

	priv->mbox_chan = args.args[0];
	of_node_put(args.np);
	return 0;
}

// Leak: out_args.np never released (a classic forgotten put).
static int regctl_parse_power_domain(struct regctl_priv *priv, u32 *domain)
{
	struct of_phandle_args pd_args;
	int ret;

	ret = of_parse_phandle_with_args(priv->dev->of_node, "power-domains",
					 "#power-domain-cells", 0, &pd_args);
	if (ret < 0)
		return ret;

	*domain = pd_args.args_count ? pd_args.args[0] : 0;
	return 0; // expect: devlife-refcount-leak
}

// Silent: indexed phandle list, every node put inside the loop.
static int regctl_count_supplies(struct regctl_priv *priv)
{
	struct device_node *supply;
	int i, n = 0;

	for (i = 0; i < 8; i++) {
		supply = of_parse_phandle(priv->dev->of_node, "acme,supplies", i);
		if (!supply)
			break;
		if (of_device_is_available(supply))
			n++;
		of_node_put(supply);
	}

	priv->nr_supplies = n;
	return n;
}

// Leak: returning early out of the phandle loop while holding `supply`.
static int regctl_check_supplies(struct regctl_priv *priv)
{
	struct device_node *supply;
	int i;

	for (i = 0; i < 8; i++) {
		supply = of_parse_phandle(priv->dev->of_node, "acme,supplies", i);
		if (!supply)
			return 0;
		if (!of_device_is_compatible(supply, "acme,ldo"))
			return -EINVAL; // expect: devlife-refcount-leak
		of_node_put(supply);
	}

	return 0;
}

// Leak: of_find_node_by_phandle() on a value read from the parent property.
static int regctl_lookup_clock_parent(struct regctl_priv *priv)
{
	struct device_node *clk;
	u32 ph;

	if (of_property_read_u32(priv->dev->of_node, "acme,clk-parent", &ph))
		return 0;

	clk = of_find_node_by_phandle(ph);
	if (!clk)
		return -EPROBE_DEFER;

	dev_dbg(priv->dev, "clock parent %pOF\n", clk);
	return 1; // expect: devlife-refcount-leak
}

// Silent: phandle is used only when present; of_node_put(NULL) is harmless.
static void regctl_log_companion(struct regctl_priv *priv)
{
	struct device_node *companion;

	companion = of_parse_phandle(priv->dev->of_node, "acme,companion", 0);
	dev_info(priv->dev, "companion: %pOF\n", companion);
	of_node_put(companion);
}

static int regctl_probe(struct platform_device *pdev)
{
	struct regctl_priv *priv;
	int ret;

	priv = devm_kzalloc(&pdev->dev, sizeof(*priv), GFP_KERNEL);
	if (!priv)
		return -ENOMEM;
	priv->dev = &pdev->dev;

	ret = regctl_parse_syscon(priv);
	if (ret)
		return ret;

	ret = regctl_parse_mbox(priv);
	if (ret)
		return ret;

	regctl_log_companion(priv);
	platform_set_drvdata(pdev, priv);
	return 0;
}

static const struct of_device_id regctl_of_match[] = {
	{ .compatible = "acme,regctl" },
	{ }
};

static struct platform_driver regctl_driver = {
	.probe = regctl_probe,
	.driver = {
		.name = "acme-regctl",
		.of_match_table = regctl_of_match,
	},
};
module_platform_driver(regctl_driver);

MODULE_LICENSE("GPL");

// Silent: `if (!call())` is the success branch; only there is args.np put.
static int phx_clock_index(struct device_node *np)
{
	struct of_phandle_args args;
	int idx = -1;

	if (!of_parse_phandle_with_args(np, "clocks", "#clock-cells", 0, &args)) {
		idx = args.args_count ? args.args[0] : 0;
		of_node_put(args.np);
	}
	return idx;
}

// Leak: the success branch forgets args.np.
static int phx_clock_index_buggy(struct device_node *np)
{
	struct of_phandle_args args;

	if (!of_parse_phandle_with_args(np, "clocks", "#clock-cells", 0, &args))
		return args.args_count; // expect: devlife-refcount-leak
	return -ENOENT;
}

// Silent: a self-test that expects the lookup to fail never takes args.np
// to exist (drivers/of/unittest.c does this).
static bool phx_selftest_missing(struct device_node *np)
{
	struct of_phandle_args args;
	int rc;

	rc = of_parse_phandle_with_args(np, "phandle-list-missing",
					"#phandle-cells", 0, &args);
	return rc == -ENOENT;
}

// Silent: a missing clock is fine, other errors propagate, success puts.
static int phx_optional_clock(struct device_node *np)
{
	struct of_phandle_args args;
	int rc;

	rc = of_parse_phandle_with_args(np, "clocks", "#clock-cells", 0, &args);
	if (rc == -ENOENT)
		return 0;
	if (rc)
		return rc;
	of_node_put(args.np);
	return 1;
}

// Leak: anything but -ENOENT is taken as success and args.np is used.
static int phx_optional_clock_buggy(struct device_node *np)
{
	struct of_phandle_args args;
	int rc;

	rc = of_parse_phandle_with_args(np, "clocks", "#clock-cells", 0, &args);
	if (rc == -ENOENT)
		return 0;
	pr_info("clock %pOF\n", args.np);
	return 1; // expect: devlife-refcount-leak
}

/* drivers/of/unittest.c's check: the comparison is copied into a local. */
#define phx_check(result) ({					\
	bool failed = !(result);				\
	if (failed)						\
		pr_err("FAIL %s():%i\n", __func__, __LINE__);	\
	failed;							\
})

// Silent: a negative self-test; "not -EINVAL" is a test failure, not success.
static void phx_selftest_bad_args(struct device_node *np)
{
	struct of_phandle_args args;
	int rc;

	rc = of_parse_phandle_with_args(np, "phandle-list-bad-args",
					"#phandle-cells", 1, &args);
	phx_check(rc == -EINVAL);
}

// Silent: the call's result and the out field are both tested (apple_mbox_get).
static struct device_node *phx_mbox_node(struct device_node *np)
{
	struct of_phandle_args args;
	int ret;

	ret = of_parse_phandle_with_args(np, "mboxes", "#mbox-cells", 0, &args);
	if (ret || !args.np)
		return ERR_PTR(ret);
	return args.np;
}

// Silent: in a loop, `rc == 0` speaks for this iteration's call, not for the
// reference an earlier iteration made (of_unittest_parse_phandle_with_args_map).
static int phx_count_clocks(struct device_node *np)
{
	struct of_phandle_args args;
	int i, rc, n = 0;

	for (i = 0; i < 4; i++) {
		rc = of_parse_phandle_with_args(np, "clocks", "#clock-cells", i, &args);
		pr_info("clock %d: %pOF\n", i, args.np);
		if (rc == 0) {
			n++;
			of_node_put(args.np);
		}
	}
	return n;
}
