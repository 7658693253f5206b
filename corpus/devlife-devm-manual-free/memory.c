// SPDX-License-Identifier: GPL-2.0
/*
 * devm_kzalloc() and friends: memory devres frees at unbind, freed again by
 * hand with kfree()/kvfree(). A sensor-hub-like platform driver keeps a
 * buffer, a label and a table in its private data; some functions keep the
 * memory in locals only.
 */
#include <linux/kernel.h>
#include <linux/device.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/kref.h>

struct dmm_priv {
	struct device *dev;
	u8 *buf;
	char *label;
	u32 *table;
	void *scratch;
	size_t len;
};

struct dmm_event {
	struct kref ref;
	u8 *payload;
};

static int dmm_fill(struct dmm_priv *priv, u8 *buf);

// Bug: a local from devm_kzalloc() freed by hand on the error path.
static int dmm_selftest(struct device *dev)
{
	u8 *tmp;
	int ret;

	tmp = devm_kzalloc(dev, 64, GFP_KERNEL);
	if (!tmp)
		return -ENOMEM;
	ret = dmm_fill(NULL, tmp);
	if (ret) {
		kfree(tmp); // expect: devlife-devm-manual-free
		return ret;
	}
	return 0;
}

// Bug: the initialiser is devm_kcalloc(); kvfree() frees it by hand.
static int dmm_scan(struct device *dev, size_t n)
{
	u32 *vals = devm_kcalloc(dev, n, sizeof(*vals), GFP_KERNEL);

	if (!vals)
		return -ENOMEM;
	kvfree(vals); // expect: devlife-devm-manual-free
	return 0;
}

// Silent: devm_kfree() is the managed release.
static int dmm_probe_buffer(struct device *dev)
{
	u8 *tmp = devm_kmalloc(dev, 32, GFP_KERNEL);

	if (!tmp)
		return -ENOMEM;
	devm_kfree(dev, tmp);
	return 0;
}

// Silent: the local holds kzalloc() memory on one path, devm on the other.
static int dmm_maybe_managed(struct device *dev, bool managed)
{
	u8 *tmp;

	if (managed)
		tmp = devm_kzalloc(dev, 16, GFP_KERNEL);
	else
		tmp = kzalloc(16, GFP_KERNEL);
	if (!tmp)
		return -ENOMEM;
	if (!managed)
		kfree(tmp);
	return 0;
}

// Silent: plain kzalloc() freed with kfree().
static int dmm_plain(void)
{
	u8 *tmp = kzalloc(8, GFP_KERNEL);

	if (!tmp)
		return -ENOMEM;
	kfree(tmp);
	return 0;
}

// Silent: probe keeps devm memory in priv->buf (through a local) and
// priv->label; priv->scratch comes from kzalloc() here.
static int dmm_probe(struct platform_device *pdev)
{
	struct dmm_priv *priv;
	u8 *buf;

	priv = devm_kzalloc(&pdev->dev, sizeof(*priv), GFP_KERNEL);
	if (!priv)
		return -ENOMEM;
	buf = devm_kzalloc(&pdev->dev, 256, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	priv->buf = buf;
	priv->label = devm_kasprintf(&pdev->dev, GFP_KERNEL, "dmm-%d", 0);
	priv->table = devm_kmalloc_array(&pdev->dev, 8, sizeof(u32), GFP_KERNEL);
	priv->scratch = kzalloc(64, GFP_KERNEL);
	priv->dev = &pdev->dev;
	platform_set_drvdata(pdev, priv);
	return dmm_fill(priv, priv->buf);
}

// Silent: a resize stores krealloc() memory into priv->table, so the class
// is not devm's alone.
static int dmm_grow(struct dmm_priv *priv, size_t n)
{
	u32 *t = krealloc(priv->table, n * sizeof(u32), GFP_KERNEL);

	if (!t)
		return -ENOMEM;
	priv->table = t;
	return 0;
}

// Bug: remove frees priv->buf and priv->label, which unbind frees again;
// priv->scratch and priv->table are not devm's alone (silent).
static void dmm_remove(struct platform_device *pdev)
{
	struct dmm_priv *priv = platform_get_drvdata(pdev);

	kfree(priv->buf); // expect: devlife-devm-manual-free
	kfree(priv->label); // expect: devlife-devm-manual-free
	kfree(priv->scratch);
	kfree(priv->table);
	priv->buf = NULL;
}

// Silent: a kref-managed object, kzalloc()ed, freed in its release.
static void dmm_event_release(struct kref *ref)
{
	struct dmm_event *ev = container_of(ref, struct dmm_event, ref);

	kfree(ev->payload);
	kfree(ev);
}

// Silent: where the event and its payload come from.
static struct dmm_event *dmm_event_new(size_t len)
{
	struct dmm_event *ev = kzalloc(sizeof(*ev), GFP_KERNEL);

	if (!ev)
		return NULL;
	ev->payload = kzalloc(len, GFP_KERNEL);
	kref_init(&ev->ref);
	return ev;
}

// Silent: drops a reference to the event.
static void dmm_event_put(struct dmm_event *ev)
{
	kref_put(&ev->ref, dmm_event_release);
}

// Silent: fills the buffer.
static int dmm_fill(struct dmm_priv *priv, u8 *buf)
{
	buf[0] = 1;
	return 0;
}

static struct platform_driver dmm_driver = {
	.probe = dmm_probe,
	.remove = dmm_remove,
	.driver = {
		.name = "dmm",
	},
};
