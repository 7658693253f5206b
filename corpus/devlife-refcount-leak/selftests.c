// SPDX-License-Identifier: GPL-2.0
/*
 * Self-tests report their own failures: drivers/of/unittest.c's unittest()
 * and KUnit's assertions. A reference lost only on the path of a failed test
 * is the failure's consequence, which the test reports already. What a
 * passing test leaks is still a leak.
 */
#include <linux/kernel.h>
#include <linux/of.h>
#include <linux/property.h>
#include <kunit/test.h>
#include <kunit/of.h>

static struct {
	int passed;
	int failed;
} st_results;

/* drivers/of/unittest.c, 6.12 */
#define unittest(result, fmt, ...) ({ \
	bool failed = !(result); \
	if (failed) { \
		st_results.failed++; \
		pr_err("FAIL %s():%i " fmt, __func__, __LINE__, ##__VA_ARGS__); \
	} else { \
		st_results.passed++; \
	} \
	failed; \
})

// Silent: a negative test; np exists only if the test fails.
static void st_trailing_slash(void)
{
	struct device_node *np;

	np = of_find_node_by_path("testcase-alias/");
	unittest(!np, "trailing '/' should fail\n");
}

// Silent: a negative test on a lookup it never stores (of_unittest_changeset).
static void st_node_removed(void)
{
	unittest(!of_find_node_by_path("/testcase-data/removed"),
		 "node still present\n");
}

// Leak: a lookup only tested for NULL, outside any test assertion.
static bool st_node_present(void)
{
	if (!of_find_node_by_path("/testcase-data/present")) // expect: devlife-refcount-leak
		return false;
	return true;
}

// Silent: the guardrail fails the test on purpose and leaves holding np.
static void st_guardrail(void)
{
	struct device_node *np = of_find_node_by_path("/testcase-data");
	int passes = 0;

	while (np && !of_device_is_available(np)) {
		if (passes++ > 10) {
			unittest(0, "guardrail\n");
			goto out;
		}
		of_node_put(np);
		np = of_find_node_by_path("/testcase-data");
	}
	of_node_put(np);
out:
	return;
}

// Leak: a passing test never puts what it found.
static void st_find_by_path(void)
{
	struct device_node *np;

	np = of_find_node_by_path("/testcase-data");
	unittest(np, "find /testcase-data failed\n");
} // expect: devlife-refcount-leak

// Silent: KUnit's expectation that a lookup fails.
static void st_kunit_missing(struct kunit *test)
{
	struct device_node *np = of_find_node_by_path("/no-such-node");

	KUNIT_EXPECT_TRUE(test, !np);
}

// Silent: of_node_put_kunit() puts np when the test ends.
static void st_kunit_put_later(struct kunit *test)
{
	struct device_node *np = of_find_node_by_path("/testcase-data");

	KUNIT_EXPECT_TRUE(test, np != NULL);
	of_node_put_kunit(test, np);
}

// Leak: the child found by a passing KUnit test is never put.
static void st_kunit_child(struct kunit *test, struct device_node *parent)
{
	struct device_node *child = of_get_child_by_name(parent, "child");

	KUNIT_EXPECT_TRUE(test, child != NULL);
} // expect: devlife-refcount-leak
