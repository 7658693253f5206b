// SPDX-License-Identifier: GPL-2.0
/*
 * OF graph helpers (ports / endpoints / remote nodes), as used by display
 * bridges and camera sensors. Every of_graph_get_* lookup returns a counted
 * node; for_each_endpoint_of_node() holds the current endpoint.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_graph.h>
#include <linux/platform_device.h>

struct lvds_bridge {
	struct device *dev;
	struct device_node *panel_node;
	u32 data_lanes;
	int num_endpoints;
};

// Silent: endpoint -> remote port parent, both references dropped.
static int lvds_find_panel(struct lvds_bridge *lvds)
{
	struct device_node *ep, *remote;

	ep = of_graph_get_next_endpoint(lvds->dev->of_node, NULL);
	if (!ep)
		return -ENODEV;

	remote = of_graph_get_remote_port_parent(ep);
	of_node_put(ep);
	if (!remote)
		return -EPROBE_DEFER;

	lvds->panel_node = remote;	/* kept: stored in the bridge */
	return 0;
}

// Leak: classic bridge bug, the local endpoint is never put.
static int lvds_panel_is_available(struct lvds_bridge *lvds)
{
	struct device_node *ep, *remote;
	bool avail;

	ep = of_graph_get_next_endpoint(lvds->dev->of_node, NULL);
	if (!ep)
		return -ENODEV;

	remote = of_graph_get_remote_port_parent(ep);
	if (!remote)
		return -EPROBE_DEFER; // expect: devlife-refcount-leak

	avail = of_device_is_available(remote);
	of_node_put(remote);
	of_node_put(ep);
	return avail;
}

// Leak: two references held on the same error return.
static int lvds_parse_remote_lanes(struct lvds_bridge *lvds)
{
	struct device_node *ep, *remote_ep;

	ep = of_graph_get_next_endpoint(lvds->dev->of_node, NULL);
	if (!ep)
		return -ENODEV;

	remote_ep = of_graph_get_remote_endpoint(ep);
	if (!remote_ep) {
		of_node_put(ep);
		return -ENODEV;
	}

	if (of_property_read_u32(remote_ep, "data-lanes", &lvds->data_lanes))
		return -EINVAL; // expect: devlife-refcount-leak devlife-refcount-leak

	of_node_put(remote_ep);
	of_node_put(ep);
	return 0;
}

// Silent: port looked up by id and released.
static bool lvds_has_output_port(struct lvds_bridge *lvds)
{
	struct device_node *port;

	port = of_graph_get_port_by_id(lvds->dev->of_node, 1);
	if (!port)
		return false;

	of_node_put(port);
	return true;
}

// Leak: of_graph_get_remote_node() result used for a log line only.
static void lvds_log_remote(struct lvds_bridge *lvds)
{
	struct device_node *remote;

	remote = of_graph_get_remote_node(lvds->dev->of_node, 1, 0);
	if (!remote)
		return;

	dev_info(lvds->dev, "output connected to %pOF\n", remote);
} // expect: devlife-refcount-leak

// Silent: the loop runs to completion, the iterator drops every endpoint.
static int lvds_count_endpoints(struct lvds_bridge *lvds)
{
	struct device_node *ep;
	int n = 0;

	for_each_endpoint_of_node(lvds->dev->of_node, ep)
		n++;

	lvds->num_endpoints = n;
	return n;
}

// Leak: returning from inside for_each_endpoint_of_node() holds `ep`.
static int lvds_check_endpoints(struct lvds_bridge *lvds)
{
	struct device_node *ep;
	struct of_endpoint oep;

	for_each_endpoint_of_node(lvds->dev->of_node, ep) {
		if (of_graph_parse_endpoint(ep, &oep))
			return -EINVAL; // expect: devlife-refcount-leak
		if (oep.port > 1) {
			of_node_put(ep);
			return -ERANGE;
		}
	}

	return 0;
}

// Silent: break out of the endpoint loop, then use and put `ep` afterwards.
static int lvds_first_port1_endpoint(struct lvds_bridge *lvds, u32 *id)
{
	struct device_node *ep;
	struct of_endpoint oep;

	for_each_endpoint_of_node(lvds->dev->of_node, ep) {
		if (!of_graph_parse_endpoint(ep, &oep) && oep.port == 1)
			break;
	}
	if (!ep)
		return -ENODEV;

	*id = oep.id;
	of_node_put(ep);
	return 0;
}

static int lvds_probe(struct platform_device *pdev)
{
	struct lvds_bridge *lvds;
	int ret;

	lvds = devm_kzalloc(&pdev->dev, sizeof(*lvds), GFP_KERNEL);
	if (!lvds)
		return -ENOMEM;
	lvds->dev = &pdev->dev;

	if (!lvds_has_output_port(lvds))
		return -ENODEV;

	ret = lvds_find_panel(lvds);
	if (ret)
		return ret;

	lvds_count_endpoints(lvds);
	platform_set_drvdata(pdev, lvds);
	return 0;
}

static void lvds_remove(struct platform_device *pdev)
{
	struct lvds_bridge *lvds = platform_get_drvdata(pdev);

	of_node_put(lvds->panel_node);
}

static const struct of_device_id lvds_of_match[] = {
	{ .compatible = "acme,lvds-bridge" },
	{ }
};

static struct platform_driver lvds_driver = {
	.probe = lvds_probe,
	.remove = lvds_remove,
	.driver = {
		.name = "acme-lvds",
		.of_match_table = lvds_of_match,
	},
};
module_platform_driver(lvds_driver);

MODULE_LICENSE("GPL");
