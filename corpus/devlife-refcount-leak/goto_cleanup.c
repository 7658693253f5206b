// SPDX-License-Identifier: GPL-2.0
/*
 * Goto-based unwinding. Silent when every path reaches the put, a leak when
 * a goto jumps to a label placed below the put.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/device.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/slab.h>

struct pwmx_chan {
	u32 period_ns;
	u32 polarity;
};

struct pwmx_priv {
	struct device *dev;
	struct pwmx_chan *chans;
	u32 nchans;
	u32 clk_rate;
};

static int pwmx_hw_init(struct pwmx_priv *priv);

// Silent: single error label that puts, success path puts too.
static int pwmx_parse_clock(struct pwmx_priv *priv)
{
	struct device_node *np;
	int ret;

	np = of_get_child_by_name(priv->dev->of_node, "clock");
	if (!np)
		return -ENODEV;

	ret = of_property_read_u32(np, "clock-frequency", &priv->clk_rate);
	if (ret)
		goto err_put;

	if (!priv->clk_rate) {
		ret = -EINVAL;
		goto err_put;
	}

	of_node_put(np);
	return 0;

err_put:
	of_node_put(np);
	return ret;
}

// Silent: shared `out:` label, success falls through into the put.
static int pwmx_parse_channels(struct pwmx_priv *priv)
{
	struct device_node *np;
	int ret = 0;

	np = of_get_child_by_name(priv->dev->of_node, "channels");
	if (!np)
		return -ENODEV;

	if (of_property_read_u32(np, "#pwm-cells", &priv->nchans)) {
		ret = -EINVAL;
		goto out;
	}

	priv->chans = kcalloc(priv->nchans, sizeof(*priv->chans), GFP_KERNEL);
	if (!priv->chans)
		ret = -ENOMEM;

out:
	of_node_put(np);
	return ret;
}

// Silent: NULL node goes to the same `out:` label (of_node_put(NULL) is a no-op).
static int pwmx_parse_polarity(struct pwmx_priv *priv)
{
	struct device_node *np;
	int ret = -ENODEV;

	np = of_get_child_by_name(priv->dev->of_node, "polarity");
	if (!np)
		goto out;

	ret = of_property_read_u32(np, "value", &priv->chans[0].polarity);
out:
	of_node_put(np);
	return ret;
}

// Leak: `goto err_free` jumps past the `err_put:` label that holds the put.
static int pwmx_setup(struct pwmx_priv *priv)
{
	struct device_node *np;
	int ret;

	np = of_get_child_by_name(priv->dev->of_node, "timing");
	if (!np)
		return -ENODEV;

	priv->chans = kzalloc(sizeof(*priv->chans), GFP_KERNEL);
	if (!priv->chans) {
		ret = -ENOMEM;
		goto err_put;
	}

	ret = of_property_read_u32(np, "period-ns", &priv->chans[0].period_ns);
	if (ret)
		goto err_free;

	ret = pwmx_hw_init(priv);
	if (ret)
		goto err_free;

	of_node_put(np);
	return 0;

err_put:
	of_node_put(np);
err_free:
	kfree(priv->chans);
	priv->chans = NULL;
	return ret; // expect: devlife-refcount-leak
}

// Leak: void init helper, error label placed after the put.
static void pwmx_apply_defaults(struct pwmx_priv *priv)
{
	struct device_node *np;
	u32 period;

	np = of_get_child_by_name(priv->dev->of_node, "defaults");
	if (!np)
		return;

	if (of_property_read_u32(np, "period-ns", &period))
		goto out;

	priv->chans[0].period_ns = period;
	of_node_put(np);
out:
	dev_dbg(priv->dev, "defaults applied\n");
} // expect: devlife-refcount-leak

// Silent: two nodes, unwound in reverse order.
static int pwmx_parse_limits(struct pwmx_priv *priv, u32 *min, u32 *max)
{
	struct device_node *lim, *hw;
	int ret;

	lim = of_get_child_by_name(priv->dev->of_node, "limits");
	if (!lim)
		return -ENODEV;

	hw = of_parse_phandle(lim, "acme,hw", 0);
	if (!hw) {
		ret = -ENODEV;
		goto err_lim;
	}

	ret = of_property_read_u32(hw, "min-period-ns", min);
	if (ret)
		goto err_hw;

	ret = of_property_read_u32(hw, "max-period-ns", max);

err_hw:
	of_node_put(hw);
err_lim:
	of_node_put(lim);
	return ret;
}

// Leak: the inner node's error path jumps to the outer label only.
static int pwmx_parse_limits_buggy(struct pwmx_priv *priv, u32 *min)
{
	struct device_node *lim, *hw;
	int ret;

	lim = of_get_child_by_name(priv->dev->of_node, "limits");
	if (!lim)
		return -ENODEV;

	hw = of_parse_phandle(lim, "acme,hw", 0);
	if (!hw) {
		ret = -ENODEV;
		goto err_lim;
	}

	ret = of_property_read_u32(hw, "min-period-ns", min);
	if (ret)
		goto err_lim;

	of_node_put(hw);
err_lim:
	of_node_put(lim);
	return ret; // expect: devlife-refcount-leak
}

static int pwmx_hw_init(struct pwmx_priv *priv)
{
	return priv->clk_rate ? 0 : -EINVAL;
}

static int pwmx_probe(struct platform_device *pdev)
{
	struct pwmx_priv *priv;
	int ret;

	priv = devm_kzalloc(&pdev->dev, sizeof(*priv), GFP_KERNEL);
	if (!priv)
		return -ENOMEM;
	priv->dev = &pdev->dev;

	ret = pwmx_parse_clock(priv);
	if (ret)
		return ret;

	ret = pwmx_parse_channels(priv);
	if (ret)
		return ret;

	platform_set_drvdata(pdev, priv);
	return 0;
}

static const struct of_device_id pwmx_of_match[] = {
	{ .compatible = "acme,pwmx" },
	{ }
};

static struct platform_driver pwmx_driver = {
	.probe = pwmx_probe,
	.driver = {
		.name = "acme-pwmx",
		.of_match_table = pwmx_of_match,
	},
};
module_platform_driver(pwmx_driver);

MODULE_LICENSE("GPL");
