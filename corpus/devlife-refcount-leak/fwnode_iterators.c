// SPDX-License-Identifier: GPL-2.0
/*
 * fwnode child iterators: device_for_each_child_node(),
 * fwnode_for_each_child_node(), fwnode_for_each_available_child_node() and
 * fwnode_graph_for_each_endpoint() hold the current handle; leaving the loop
 * early needs fwnode_handle_put(). device_for_each_child_node_scoped() does
 * that automatically.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/device.h>
#include <linux/platform_device.h>
#include <linux/property.h>

#define KEYPAD_MAX_KEYS	16

struct keypad_key {
	struct fwnode_handle *fwnode;
	u32 code;
};

struct keypad_priv {
	struct device *dev;
	struct keypad_key keys[KEYPAD_MAX_KEYS];
	int nkeys;
	int nendpoints;
};

// Leak: the very common "return inside device_for_each_child_node()" bug.
static int keypad_parse_keys(struct keypad_priv *priv)
{
	struct fwnode_handle *child;
	u32 code;

	device_for_each_child_node(priv->dev, child) {
		if (fwnode_property_read_u32(child, "linux,code", &code)) {
			dev_err(priv->dev, "missing linux,code\n");
			return -EINVAL; // expect: devlife-refcount-leak
		}
		priv->keys[priv->nkeys++].code = code;
	}
	return 0;
}

// Silent: same loop, fixed with fwnode_handle_put() before the return.
static int keypad_parse_keys_fixed(struct keypad_priv *priv)
{
	struct fwnode_handle *child;
	u32 code;

	device_for_each_child_node(priv->dev, child) {
		if (fwnode_property_read_u32(child, "linux,code", &code)) {
			fwnode_handle_put(child);
			return -EINVAL;
		}
		if (priv->nkeys == KEYPAD_MAX_KEYS) {
			fwnode_handle_put(child);
			break;
		}
		priv->keys[priv->nkeys++].code = code;
	}
	return 0;
}

// Silent: scoped iterator, early returns are fine.
static int keypad_parse_keys_scoped(struct keypad_priv *priv)
{
	u32 code;

	device_for_each_child_node_scoped(priv->dev, child) {
		if (fwnode_property_read_u32(child, "linux,code", &code))
			return -EINVAL;
		if (priv->nkeys == KEYPAD_MAX_KEYS)
			return -ENOSPC;
		priv->keys[priv->nkeys].fwnode = fwnode_handle_get(child);
		priv->keys[priv->nkeys++].code = code;
	}
	return 0;
}

// Leak: break out of fwnode_for_each_child_node() without a put.
static bool keypad_has_wakeup_key(struct keypad_priv *priv)
{
	struct fwnode_handle *child;
	bool wake = false;

	fwnode_for_each_child_node(dev_fwnode(priv->dev), child) {
		if (fwnode_property_present(child, "wakeup-source")) {
			wake = true;
			break;
		}
	}
	return wake; // expect: devlife-refcount-leak
}

// Silent: break and keep the handle by storing it in the driver state.
static int keypad_find_power_key(struct keypad_priv *priv)
{
	struct fwnode_handle *child;
	u32 code;

	fwnode_for_each_available_child_node(dev_fwnode(priv->dev), child) {
		if (!fwnode_property_read_u32(child, "linux,code", &code) && code == 116)
			break;
	}
	if (!child)
		return -ENOENT;

	priv->keys[0].fwnode = child;
	priv->keys[0].code = code;
	return 0;
}

// Leak: goto out of fwnode_for_each_available_child_node() skips the put.
static int keypad_check_debounce(struct keypad_priv *priv)
{
	struct fwnode_handle *child;
	u32 ms;
	int ret = 0;

	fwnode_for_each_available_child_node(dev_fwnode(priv->dev), child) {
		if (!fwnode_property_read_u32(child, "debounce-interval", &ms) && ms > 100) {
			ret = -ERANGE;
			goto err_msg;
		}
	}
	return 0;

err_msg:
	dev_err(priv->dev, "debounce too long: %u ms\n", ms);
	return ret; // expect: devlife-refcount-leak
}

// Silent: endpoint loop to completion.
static void keypad_count_endpoints(struct keypad_priv *priv)
{
	struct fwnode_handle *ep;
	int n = 0;

	fwnode_graph_for_each_endpoint(dev_fwnode(priv->dev), ep)
		n++;
	priv->nendpoints = n;
}

// Leak: return from fwnode_graph_for_each_endpoint() while holding `ep`.
static int keypad_check_endpoints(struct keypad_priv *priv)
{
	struct fwnode_handle *ep;
	struct fwnode_endpoint fep;

	fwnode_graph_for_each_endpoint(dev_fwnode(priv->dev), ep) {
		if (fwnode_graph_parse_endpoint(ep, &fep))
			return -EINVAL; // expect: devlife-refcount-leak
	}
	return 0;
}

static int keypad_probe(struct platform_device *pdev)
{
	struct keypad_priv *priv;
	int ret;

	priv = devm_kzalloc(&pdev->dev, sizeof(*priv), GFP_KERNEL);
	if (!priv)
		return -ENOMEM;
	priv->dev = &pdev->dev;

	ret = keypad_parse_keys_fixed(priv);
	if (ret)
		return ret;

	keypad_count_endpoints(priv);
	platform_set_drvdata(pdev, priv);
	return 0;
}

static void keypad_remove(struct platform_device *pdev)
{
	struct keypad_priv *priv = platform_get_drvdata(pdev);
	int i;

	for (i = 0; i < priv->nkeys; i++)
		fwnode_handle_put(priv->keys[i].fwnode);
}

static const struct of_device_id keypad_of_match[] = {
	{ .compatible = "acme,keypad" },
	{ }
};

static struct platform_driver keypad_driver = {
	.probe = keypad_probe,
	.remove = keypad_remove,
	.driver = {
		.name = "acme-keypad",
		.of_match_table = keypad_of_match,
	},
};
module_platform_driver(keypad_driver);

MODULE_LICENSE("GPL");
