// SPDX-License-Identifier: GPL-2.0
/*
 * A getter that hands the device it found out inside another object, and a
 * putter that takes it back from that object: the putter may reach the
 * device through a helper that maps its argument to the object around it
 * (tsa_serial_put() -> tsa_serial_get_tsa() -> container_of()) or through
 * to_platform_device() (qcom_ice_put()). The caller then holds the
 * reference through the returned object. A putter that drops another kind
 * of reference, or one that reaches its device through something that is
 * not the object around its argument, hands nothing over.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/array_size.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/of.h>
#include <linux/of_platform.h>
#include <linux/platform_device.h>
#include <linux/slab.h>

struct tdm_mux {
	struct device *dev;
	struct tdm_mux_port {
		unsigned int id;
	} ports[4];
};

static inline struct tdm_mux *tdm_port_to_mux(struct tdm_mux_port *port)
{
	return container_of(port, struct tdm_mux, ports[port->id]);
}

// Silent (putter): reaches the device through the port's container (tsa_serial_put()).
void tdm_port_put(struct tdm_mux_port *port)
{
	struct tdm_mux *mux = tdm_port_to_mux(port);

	put_device(mux->dev);
}

// Silent: the device reference travels with the port, which tdm_port_put() takes back (tsa_serial_get_byphandle()).
struct tdm_mux_port *tdm_port_get(struct device_node *np, unsigned int id)
{
	struct platform_device *pdev;
	struct tdm_mux *mux;

	pdev = of_find_device_by_node(np);
	if (!pdev)
		return ERR_PTR(-ENODEV);
	mux = platform_get_drvdata(pdev);
	if (!mux || id >= ARRAY_SIZE(mux->ports)) {
		platform_device_put(pdev);
		return ERR_PTR(-EINVAL);
	}
	return &mux->ports[id];
}

// Leak: the error path hands out no port and keeps the device.
struct tdm_mux_port *tdm_port_get_buggy(struct device_node *np, unsigned int id)
{
	struct platform_device *pdev;
	struct tdm_mux *mux;

	pdev = of_find_device_by_node(np);
	if (!pdev)
		return ERR_PTR(-ENODEV);
	mux = platform_get_drvdata(pdev);
	if (!mux)
		return ERR_PTR(-EPROBE_DEFER); // expect: devlife-refcount-leak
	return &mux->ports[id];
}

struct crypto_eng {
	struct device *dev;
	void __iomem *base;
};

// Silent (putter): drops the platform device behind eng->dev (qcom_ice_put()).
static void crypto_eng_put(const struct crypto_eng *eng)
{
	struct platform_device *pdev = to_platform_device(eng->dev);

	platform_device_put(pdev);
}

// Silent: the engine carries the device reference, which crypto_eng_put() drops (of_qcom_ice_get()).
struct crypto_eng *crypto_eng_get(struct device *dev)
{
	struct device_node *node __free(device_node) =
		of_parse_phandle(dev->of_node, "acme,crypto", 0);
	struct platform_device *pdev;
	struct crypto_eng *eng;

	if (!node)
		return NULL;
	pdev = of_find_device_by_node(node);
	if (!pdev)
		return ERR_PTR(-ENODEV);
	eng = platform_get_drvdata(pdev);
	if (!eng) {
		platform_device_put(pdev);
		return ERR_PTR(-EPROBE_DEFER);
	}
	return eng;
}

struct panel_link {
	struct device_node *np;
	int port;
};

// Silent (putter): drops the node a link carries, not a device.
void panel_link_put(struct panel_link *link)
{
	of_node_put(link->np);
	kfree(link);
}

// Leak: panel_link_put() drops a node, so the device found here is not handed over with the link.
struct panel_link *panel_link_get(struct device_node *np)
{
	struct platform_device *pdev = of_find_device_by_node(np);
	struct panel_link *link;

	if (!pdev)
		return ERR_PTR(-ENODEV);
	link = platform_get_drvdata(pdev);
	return link; // expect: devlife-refcount-leak
}

struct codec_ctx {
	struct device *dev;
};

struct codec_ref {
	int slot;
};

extern struct codec_ctx *codec_table[8];

static inline struct codec_ctx *codec_ctx_of(struct codec_ref *ref)
{
	return codec_table[ref->slot];
}

// Silent (putter): a table lookup, not the object around the ref.
void codec_ref_put(struct codec_ref *ref)
{
	struct codec_ctx *ctx = codec_ctx_of(ref);

	put_device(ctx->dev);
}

// Leak: codec_ref_put() does not reach its device from inside the ref, so the ref does not carry it.
struct codec_ref *codec_ref_get(struct device_node *np)
{
	struct platform_device *pdev = of_find_device_by_node(np);
	struct codec_ref *ref;

	if (!pdev)
		return ERR_PTR(-ENODEV);
	ref = platform_get_drvdata(pdev);
	return ref; // expect: devlife-refcount-leak
}
