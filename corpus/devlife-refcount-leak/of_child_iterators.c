// SPDX-License-Identifier: GPL-2.0
/*
 * Child-node iterators: for_each_child_of_node() and
 * for_each_available_child_of_node() hold a reference on the current child;
 * leaving the loop early (break / return / goto) keeps it. The _scoped
 * variants drop it automatically.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/slab.h>

#define GPIOX_MAX_BANKS	8

struct gpiox_bank {
	struct device_node *np;
	u32 base;
	u32 ngpio;
};

struct gpiox_priv {
	struct device *dev;
	struct gpiox_bank banks[GPIOX_MAX_BANKS];
	int nbanks;
};

static int gpiox_parse_bank(struct gpiox_priv *priv, struct device_node *np);

// Silent: the loop always runs to its natural end.
static int gpiox_count_gpio_controllers(struct device_node *parent)
{
	struct device_node *child;
	int n = 0;

	for_each_child_of_node(parent, child) {
		if (of_property_read_bool(child, "gpio-controller"))
			n++;
	}
	return n;
}

// Leak: `return` from inside the loop keeps the child's reference.
static int gpiox_parse_banks(struct gpiox_priv *priv)
{
	struct device_node *child;
	int ret;

	for_each_child_of_node(priv->dev->of_node, child) {
		ret = gpiox_parse_bank(priv, child);
		if (ret)
			return ret; // expect: devlife-refcount-leak fixable
	}
	return 0;
}

// Leak: a return and a break both leave the loop holding the child: one
// finding for the one reference, a fix at each exit.
static int gpiox_find_bank(struct gpiox_priv *priv, u32 base)
{
	struct device_node *child;
	u32 val;
	int idx = 0;

	for_each_child_of_node(priv->dev->of_node, child) {
		if (of_property_read_u32(child, "reg", &val))
			return -EINVAL; // expect: devlife-refcount-leak fixable
		if (val == base)
			break;
		idx++;
	}
	return idx; // expect-also: devlife-refcount-leak
}

// Silent: same loop, but the child is put before the early return.
static int gpiox_parse_banks_fixed(struct gpiox_priv *priv)
{
	struct device_node *child;
	int ret;

	for_each_child_of_node(priv->dev->of_node, child) {
		ret = gpiox_parse_bank(priv, child);
		if (ret) {
			of_node_put(child);
			return ret;
		}
	}
	return 0;
}

// Leak: `break` with the child held, the child is not used or put afterwards.
static bool gpiox_has_irq_bank(struct gpiox_priv *priv)
{
	struct device_node *child;
	bool found = false;

	for_each_child_of_node(priv->dev->of_node, child) {
		if (of_property_read_bool(child, "interrupt-controller")) {
			found = true;
			break;
		}
	}
	return found; // expect: devlife-refcount-leak fixable
}

// Silent: break, then use and put the child after the loop.
static int gpiox_find_bank_base(struct gpiox_priv *priv, u32 reg, u32 *base)
{
	struct device_node *child;
	u32 r;
	int ret;

	for_each_child_of_node(priv->dev->of_node, child) {
		if (!of_property_read_u32(child, "reg", &r) && r == reg)
			break;
	}
	if (!child)
		return -ENOENT;

	ret = of_property_read_u32(child, "acme,base", base);
	of_node_put(child);
	return ret;
}

// Leak: `goto` out of the loop to an error label that does not put the child.
static int gpiox_validate_banks(struct gpiox_priv *priv)
{
	struct device_node *child;
	u32 ngpio;
	int ret = 0;

	for_each_available_child_of_node(priv->dev->of_node, child) {
		if (of_property_read_u32(child, "ngpios", &ngpio)) {
			ret = -EINVAL;
			goto err;
		}
		if (ngpio > 32) {
			ret = -ERANGE;
			goto err;
		}
	}
	return 0;

err:
	dev_err(priv->dev, "bad bank description\n");
	return ret; // expect: devlife-refcount-leak
}

// Silent: the child escapes into an array via of_node_get(); loop completes.
static int gpiox_collect_banks(struct gpiox_priv *priv)
{
	struct device_node *child;
	int n = 0;

	for_each_available_child_of_node(priv->dev->of_node, child) {
		if (n == GPIOX_MAX_BANKS) {
			of_node_put(child);
			break;
		}
		priv->banks[n++].np = of_node_get(child);
	}
	priv->nbanks = n;
	return n;
}

// Silent: scoped iterator, early return does not leak.
static int gpiox_parse_banks_scoped(struct gpiox_priv *priv)
{
	int ret;

	for_each_child_of_node_scoped(priv->dev->of_node, child) {
		ret = gpiox_parse_bank(priv, child);
		if (ret)
			return ret;
	}
	return 0;
}

// Silent: scoped available-child iterator with break.
static bool gpiox_any_wakeup_bank(struct gpiox_priv *priv)
{
	bool wake = false;

	for_each_available_child_of_node_scoped(priv->dev->of_node, child) {
		if (of_property_read_bool(child, "wakeup-source")) {
			wake = true;
			break;
		}
	}
	return wake;
}

// Leak: void function, `break` with the child held; reported at the closing brace.
static void gpiox_log_first_disabled(struct gpiox_priv *priv)
{
	struct device_node *child;

	for_each_child_of_node(priv->dev->of_node, child) {
		if (!of_device_is_available(child)) {
			dev_info(priv->dev, "bank %pOF disabled\n", child);
			break;
		}
	}
} // expect: devlife-refcount-leak fixable

static int gpiox_parse_bank(struct gpiox_priv *priv, struct device_node *np)
{
	struct gpiox_bank bank = { };

	if (priv->nbanks >= GPIOX_MAX_BANKS)
		return -ENOSPC;
	if (of_property_read_u32(np, "acme,base", &bank.base))
		return -EINVAL;
	if (of_property_read_u32(np, "ngpios", &bank.ngpio))
		bank.ngpio = 32;

	priv->banks[priv->nbanks++] = bank;
	return 0;
}

static int gpiox_probe(struct platform_device *pdev)
{
	struct gpiox_priv *priv;

	priv = devm_kzalloc(&pdev->dev, sizeof(*priv), GFP_KERNEL);
	if (!priv)
		return -ENOMEM;
	priv->dev = &pdev->dev;

	if (!gpiox_count_gpio_controllers(pdev->dev.of_node))
		return -ENODEV;

	platform_set_drvdata(pdev, priv);
	return gpiox_parse_banks_fixed(priv);
}

static void gpiox_remove(struct platform_device *pdev)
{
	struct gpiox_priv *priv = platform_get_drvdata(pdev);
	int i;

	for (i = 0; i < priv->nbanks; i++)
		of_node_put(priv->banks[i].np);
}

static const struct of_device_id gpiox_of_match[] = {
	{ .compatible = "acme,gpiox" },
	{ }
};

static struct platform_driver gpiox_driver = {
	.probe = gpiox_probe,
	.remove = gpiox_remove,
	.driver = {
		.name = "acme-gpiox",
		.of_match_table = gpiox_of_match,
	},
};
module_platform_driver(gpiox_driver);

MODULE_LICENSE("GPL");
