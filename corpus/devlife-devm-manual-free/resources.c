// SPDX-License-Identifier: GPL-2.0
/*
 * Managed resources other than memory: IRQ lines, mappings, clocks, GPIO
 * descriptors, regulators, coherent DMA buffers and I/O regions, each
 * released by hand with the plain call although devres releases it at
 * unbind. A DMA-capable serial-controller-like platform driver.
 */
#include <linux/kernel.h>
#include <linux/device.h>
#include <linux/platform_device.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/clk.h>
#include <linux/gpio/consumer.h>
#include <linux/regulator/consumer.h>
#include <linux/dma-mapping.h>
#include <linux/slab.h>

struct dmr_port {
	struct device *dev;
	void __iomem *base;
	void __iomem *aux;
	struct clk *clk;
	struct clk *ref_clk;
	struct gpio_desc *reset;
	struct regulator *vdd;
	void *ring;
	dma_addr_t ring_dma;
	int irq;
	int wake_irq;
	int err_irq;
	char *scratch;
	int alarm_irq;
};

// Silent: the handler.
static irqreturn_t dmr_irq(int irq, void *data)
{
	return IRQ_HANDLED;
}

// Bug: the IRQ line of devm_request_irq() is freed by hand on the error path.
static int dmr_setup_irq(struct dmr_port *port, int irq)
{
	int ret;

	ret = devm_request_irq(port->dev, irq, dmr_irq, 0, "dmr", port);
	if (ret)
		return ret;
	ret = readl(port->base) ? 0 : -EIO;
	if (ret) {
		free_irq(irq, port); // expect: devlife-devm-manual-free
		return ret;
	}
	return 0;
}

// Bug: free_irq() runs only when devm_request_irq() failed: it frees an IRQ
// that was never requested (i2c-amd-mp2-pci.c in 6.12).
static int dmr_setup_alarm(struct dmr_port *port)
{
	int ret;

	ret = devm_request_irq(port->dev, port->alarm_irq, dmr_irq, 0,
			       "dmr-alarm", port);
	if (ret)
		goto err_free;
	return 0;

err_free:
	free_irq(port->alarm_irq, port); // expect: devlife-devm-manual-free
	return ret;
}

// Silent: kfree(NULL) after a failed devm_kzalloc() does nothing.
static int dmr_setup_scratch(struct dmr_port *port)
{
	char *scratch = devm_kzalloc(port->dev, 64, GFP_KERNEL);

	if (!scratch) {
		kfree(scratch);
		return -ENOMEM;
	}
	port->scratch = scratch;
	return 0;
}

// Silent: devm_free_irq() is the managed release.
static int dmr_setup_wake(struct dmr_port *port, int irq)
{
	int ret = devm_request_irq(port->dev, irq, dmr_irq, 0, "dmr-wake", port);

	if (ret)
		return ret;
	if (!readl(port->base)) {
		devm_free_irq(port->dev, irq, port);
		return -EIO;
	}
	return 0;
}

// Silent: request_irq() and free_irq() are both plain.
static int dmr_setup_plain(struct dmr_port *port, int irq)
{
	int ret = request_irq(irq, dmr_irq, 0, "dmr-plain", port);

	if (ret)
		return ret;
	free_irq(irq, port);
	return 0;
}

// Bug: a region from devm_request_mem_region() released by hand.
static int dmr_claim(struct device *dev, struct resource *res)
{
	resource_size_t start = res->start;

	if (!devm_request_mem_region(dev, start, resource_size(res), "dmr"))
		return -EBUSY;
	if (resource_size(res) < 16) {
		release_mem_region(start, resource_size(res)); // expect: devlife-devm-manual-free
		return -EINVAL;
	}
	return 0;
}

// Silent: probe takes everything managed, except port->err_irq, which is
// requested plain on one path and managed on the other, and
// port->ref_clk, which comes from clk_get().
static int dmr_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct dmr_port *port;
	int ret;

	port = devm_kzalloc(dev, sizeof(*port), GFP_KERNEL);
	if (!port)
		return -ENOMEM;
	port->dev = dev;
	port->base = devm_platform_ioremap_resource(pdev, 0);
	if (IS_ERR(port->base))
		return PTR_ERR(port->base);
	port->aux = devm_ioremap(dev, 0x1000, 0x100);
	port->clk = devm_clk_get(dev, "core");
	port->ref_clk = clk_get(dev, "ref");
	port->reset = devm_gpiod_get(dev, "reset", GPIOD_OUT_LOW);
	port->vdd = devm_regulator_get(dev, "vdd");
	port->ring = dmam_alloc_coherent(dev, 4096, &port->ring_dma, GFP_KERNEL);
	port->irq = platform_get_irq(pdev, 0);
	ret = devm_request_irq(dev, port->irq, dmr_irq, 0, "dmr", port);
	if (ret)
		return ret;
	port->err_irq = platform_get_irq(pdev, 1);
	if (pdev->id >= 0)
		ret = devm_request_irq(dev, port->err_irq, dmr_irq, 0, "dmr-err", port);
	else
		ret = request_irq(port->err_irq, dmr_irq, 0, "dmr-err", port);
	platform_set_drvdata(pdev, port);
	return ret;
}

// Bug: remove undoes by hand what devres undoes at unbind; err_irq and
// ref_clk are not devm's alone (silent).
static void dmr_remove(struct platform_device *pdev)
{
	struct dmr_port *port = platform_get_drvdata(pdev);

	free_irq(port->irq, port); // expect: devlife-devm-manual-free
	free_irq(port->err_irq, port);
	dma_free_coherent(port->dev, 4096, port->ring, port->ring_dma); // expect: devlife-devm-manual-free
	regulator_put(port->vdd); // expect: devlife-devm-manual-free
	gpiod_put(port->reset); // expect: devlife-devm-manual-free
	clk_put(port->clk); // expect: devlife-devm-manual-free
	clk_put(port->ref_clk);
	iounmap(port->aux); // expect: devlife-devm-manual-free
	iounmap(port->base); // expect: devlife-devm-manual-free
}

// Silent: the managed releases, early.
static void dmr_shrink(struct dmr_port *port)
{
	devm_iounmap(port->dev, port->aux);
	devm_clk_put(port->dev, port->clk);
	devm_gpiod_put(port->dev, port->reset);
}

static struct platform_driver dmr_driver = {
	.probe = dmr_probe,
	.remove = dmr_remove,
	.driver = {
		.name = "dmr",
	},
};
