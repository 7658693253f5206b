// SPDX-License-Identifier: GPL-2.0
/*
 * Whole-tree iterators: for_each_compatible_node, for_each_node_by_name,
 * for_each_node_by_type, for_each_matching_node(_and_match),
 * for_each_node_with_property and for_each_of_cpu_node. Each step passes the
 * previous node as `from`, which drops it; leaving early keeps it.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/init.h>
#include <linux/of.h>

struct soc_quirk {
	const char *name;
	u32 flags;
};

static const struct soc_quirk quirk_a = { "rev-a", 0x1 };
static const struct soc_quirk quirk_b = { "rev-b", 0x3 };

static const struct of_device_id socinfo_quirk_ids[] = {
	{ .compatible = "acme,soc-rev-a", .data = &quirk_a },
	{ .compatible = "acme,soc-rev-b", .data = &quirk_b },
	{ }
};

static u32 socinfo_flags;
static int socinfo_nr_cpus;

// Silent: compatible-node loop that runs to completion.
static int __init socinfo_count_timers(void)
{
	struct device_node *np;
	int n = 0;

	for_each_compatible_node(np, NULL, "acme,timer")
		n++;
	return n;
}

// Leak: `break` out of for_each_compatible_node(), node never put.
static bool __init socinfo_has_secure_timer(void)
{
	struct device_node *np;
	bool secure = false;

	for_each_compatible_node(np, NULL, "acme,timer") {
		if (of_property_read_bool(np, "acme,secure")) {
			secure = true;
			break;
		}
	}
	return secure; // expect: devlife-refcount-leak
}

// Silent: break, then put after the loop (np is NULL when the loop ran out).
static int __init socinfo_first_enabled_uart(u32 *id)
{
	struct device_node *np;
	int ret = -ENODEV;

	for_each_node_by_name(np, "serial") {
		if (of_device_is_available(np))
			break;
	}
	if (np)
		ret = of_alias_get_id(np, "serial");
	of_node_put(np);

	if (ret < 0)
		return ret;
	*id = ret;
	return 0;
}

// Leak: return from inside for_each_node_by_type().
static int __init socinfo_check_memory(void)
{
	struct device_node *np;
	u32 reg[4];

	for_each_node_by_type(np, "memory") {
		if (of_property_read_u32_array(np, "reg", reg, 4))
			return -EINVAL; // expect: devlife-refcount-leak
	}
	return 0;
}

// Silent: matching-node loop with put on the early return.
static int __init socinfo_apply_quirks(void)
{
	const struct of_device_id *match;
	struct device_node *np;

	for_each_matching_node_and_match(np, socinfo_quirk_ids, &match) {
		const struct soc_quirk *q = match->data;

		if (!q) {
			of_node_put(np);
			return -EINVAL;
		}
		socinfo_flags |= q->flags;
	}
	return 0;
}

// Leak: void, break out of for_each_matching_node(); closing brace.
static void __init socinfo_report_rev(void)
{
	struct device_node *np;

	for_each_matching_node(np, socinfo_quirk_ids) {
		if (of_device_is_available(np)) {
			pr_info("socinfo: running on %pOF\n", np);
			break;
		}
	}
} // expect: devlife-refcount-leak

// Leak: return from for_each_node_with_property() while holding np.
static int __init socinfo_check_dma_coherent(void)
{
	struct device_node *np;

	for_each_node_with_property(np, "dma-coherent") {
		if (!of_device_is_compatible(np, "acme,cci-port"))
			return -EINVAL; // expect: devlife-refcount-leak
	}
	return 0;
}

// Silent: cpu iterator to the end.
static void __init socinfo_count_cpus(void)
{
	struct device_node *cpu;
	int n = 0;

	for_each_of_cpu_node(cpu) {
		if (of_device_is_available(cpu))
			n++;
	}
	socinfo_nr_cpus = n;
}

// Leak: `goto` out of for_each_of_cpu_node() to a label that only returns.
static int __init socinfo_check_cpu_ids(void)
{
	struct device_node *cpu;
	u32 hwid;
	int ret = 0;

	for_each_of_cpu_node(cpu) {
		if (of_property_read_u32(cpu, "reg", &hwid)) {
			ret = -EINVAL;
			goto out;
		}
	}
out:
	return ret; // expect: devlife-refcount-leak
}

// Silent: cpu iterator left with `goto`, the label puts the node.
static int __init socinfo_find_boot_cpu(u32 boot_hwid)
{
	struct device_node *cpu;
	u32 hwid;
	int ret = -ENODEV;

	for_each_of_cpu_node(cpu) {
		if (!of_property_read_u32(cpu, "reg", &hwid) && hwid == boot_hwid) {
			ret = 0;
			goto found;
		}
	}
	return ret;

found:
	pr_info("socinfo: boot cpu %pOF\n", cpu);
	of_node_put(cpu);
	return ret;
}

static int __init socinfo_init(void)
{
	int ret;

	if (!socinfo_count_timers())
		return -ENODEV;

	ret = socinfo_apply_quirks();
	if (ret)
		return ret;

	socinfo_count_cpus();
	return socinfo_find_boot_cpu(0);
}
module_init(socinfo_init);

MODULE_LICENSE("GPL");
