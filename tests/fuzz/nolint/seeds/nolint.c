// SPDX-License-Identifier: GPL-2.0
/*
 * NOLINT comments, read as clang-tidy reads them (core/Nolint.h). Every
 * function puts its node twice, which devlife-refcount-overput reports at
 * the second put; a comment there, or around it, suppresses it or not. The
 * same expectations hold for the audit and for clang-tidy with the plugin,
 * so this file checks that both front ends agree on every form.
 */
#include <linux/kernel.h>
#include <linux/of.h>

// Suppressed: bare NOLINT, every check.
static void nolint_1(struct device_node *parent)
{
	struct device_node *np = of_get_child_by_name(parent, "n");

	if (!np)
		return;
	of_node_put(np);
	of_node_put(np); // NOLINT
}

// Suppressed: the rule by name.
static void nolint_2(struct device_node *parent)
{
	struct device_node *np = of_get_child_by_name(parent, "n");

	if (!np)
		return;
	of_node_put(np);
	of_node_put(np); // NOLINT(devlife-refcount-overput)
}

// Suppressed: a glob.
static void nolint_3(struct device_node *parent)
{
	struct device_node *np = of_get_child_by_name(parent, "n");

	if (!np)
		return;
	of_node_put(np);
	of_node_put(np); // NOLINT(devlife-refcount-*)
}

// Suppressed: a glob of all checks.
static void nolint_4(struct device_node *parent)
{
	struct device_node *np = of_get_child_by_name(parent, "n");

	if (!np)
		return;
	of_node_put(np);
	of_node_put(np); // NOLINT(*)
}

// Reported: another rule named.
static void nolint_5(struct device_node *parent)
{
	struct device_node *np = of_get_child_by_name(parent, "n");

	if (!np)
		return;
	of_node_put(np);
	of_node_put(np); // NOLINT(devlife-refcount-leak) expect: devlife-refcount-overput
}

// Reported: an empty list suppresses nothing.
static void nolint_6(struct device_node *parent)
{
	struct device_node *np = of_get_child_by_name(parent, "n");

	if (!np)
		return;
	of_node_put(np);
	of_node_put(np); // NOLINT() expect: devlife-refcount-overput
}

// Reported: negative globs are dropped, which leaves nothing.
static void nolint_7(struct device_node *parent)
{
	struct device_node *np = of_get_child_by_name(parent, "n");

	if (!np)
		return;
	of_node_put(np);
	of_node_put(np); // NOLINT(-devlife-refcount-overput) expect: devlife-refcount-overput
}

// Suppressed: blanks around the names do not matter.
static void nolint_8(struct device_node *parent)
{
	struct device_node *np = of_get_child_by_name(parent, "n");

	if (!np)
		return;
	of_node_put(np);
	of_node_put(np); // NOLINT( bugprone-foo , devlife-refcount-overput )
}

// Suppressed: an unclosed list is no list, so every check.
static void nolint_9(struct device_node *parent)
{
	struct device_node *np = of_get_child_by_name(parent, "n");

	if (!np)
		return;
	of_node_put(np);
	of_node_put(np); // NOLINT(devlife-refcount-leak
}

// Suppressed: text after the list is the reason.
static void nolint_10(struct device_node *parent)
{
	struct device_node *np = of_get_child_by_name(parent, "n");

	if (!np)
		return;
	of_node_put(np);
	of_node_put(np); // NOLINT(devlife-refcount-overput): the caller took one for us
}

// Reported: NOLINT is upper case only.
static void nolint_11(struct device_node *parent)
{
	struct device_node *np = of_get_child_by_name(parent, "n");

	if (!np)
		return;
	of_node_put(np);
	of_node_put(np); // nolint(devlife-refcount-overput) // expect: devlife-refcount-overput
}

// Reported: the check name is case-sensitive.
static void nolint_12(struct device_node *parent)
{
	struct device_node *np = of_get_child_by_name(parent, "n");

	if (!np)
		return;
	of_node_put(np);
	of_node_put(np); // NOLINT(Devlife-refcount-overput) expect: devlife-refcount-overput
}

// Reported: NOLINTFOO is no directive.
static void nolint_13(struct device_node *parent)
{
	struct device_node *np = of_get_child_by_name(parent, "n");

	if (!np)
		return;
	of_node_put(np);
	of_node_put(np); // NOLINTFOO expect: devlife-refcount-overput
}

// Suppressed: in a block comment too.
static void nolint_14(struct device_node *parent)
{
	struct device_node *np = of_get_child_by_name(parent, "n");

	if (!np)
		return;
	of_node_put(np);
	of_node_put(np); /* NOLINT(devlife-refcount-overput) */
}

// Suppressed: NOLINTNEXTLINE on the line before.
static void nolint_15(struct device_node *parent)
{
	struct device_node *np = of_get_child_by_name(parent, "n");

	if (!np)
		return;
	of_node_put(np);
	// NOLINTNEXTLINE(devlife-refcount-overput)
	of_node_put(np);
}

// Reported: NOLINTNEXTLINE two lines before.
static void nolint_16(struct device_node *parent)
{
	struct device_node *np = of_get_child_by_name(parent, "n");

	if (!np)
		return;
	of_node_put(np);
	// NOLINTNEXTLINE(devlife-refcount-overput)

	of_node_put(np); // expect: devlife-refcount-overput
}

// Reported: NOLINTNEXTLINE on the line itself.
static void nolint_17(struct device_node *parent)
{
	struct device_node *np = of_get_child_by_name(parent, "n");

	if (!np)
		return;
	of_node_put(np);
	of_node_put(np); // NOLINTNEXTLINE(devlife-refcount-overput) // expect: devlife-refcount-overput
}

// Reported: NOLINT on the line before.
static void nolint_18(struct device_node *parent)
{
	struct device_node *np = of_get_child_by_name(parent, "n");

	if (!np)
		return;
	of_node_put(np);
	// NOLINT(devlife-refcount-overput)
	of_node_put(np); // expect: devlife-refcount-overput
}

// Suppressed: inside NOLINTBEGIN/NOLINTEND.
static void nolint_19(struct device_node *parent)
{
	struct device_node *np = of_get_child_by_name(parent, "n");

	if (!np)
		return;
	of_node_put(np);
	// NOLINTBEGIN(devlife-refcount-overput)
	of_node_put(np);
	// NOLINTEND(devlife-refcount-overput)
}

// Suppressed: the END list matches after trimming.
static void nolint_20(struct device_node *parent)
{
	struct device_node *np = of_get_child_by_name(parent, "n");

	if (!np)
		return;
	of_node_put(np);
	// NOLINTBEGIN(devlife-refcount-overput , devlife-refcount-leak)
	of_node_put(np);
	// NOLINTEND(devlife-refcount-overput,devlife-refcount-leak )
}

// Suppressed: nested blocks, the inner one for the rule.
static void nolint_21(struct device_node *parent)
{
	struct device_node *np = of_get_child_by_name(parent, "n");

	if (!np)
		return;
	of_node_put(np);
	// NOLINTBEGIN(bugprone-*)
	// NOLINTBEGIN(devlife-*)
	of_node_put(np);
	// NOLINTEND(devlife-*)
	// NOLINTEND(bugprone-*)
}

// Reported: a block for another rule.
static void nolint_22(struct device_node *parent)
{
	struct device_node *np = of_get_child_by_name(parent, "n");

	if (!np)
		return;
	of_node_put(np);
	// NOLINTBEGIN(devlife-refcount-leak)
	of_node_put(np); // expect: devlife-refcount-overput
	// NOLINTEND(devlife-refcount-leak)
}

// Reported: a block that begins after the finding on its line.
static void nolint_23(struct device_node *parent)
{
	struct device_node *np = of_get_child_by_name(parent, "n");

	if (!np)
		return;
	of_node_put(np);
	of_node_put(np); // NOLINTBEGIN(devlife-refcount-overput) // expect: devlife-refcount-overput
	// NOLINTEND(devlife-refcount-overput)
}

// A finding inside a macro: clang-tidy looks at the macro's spelling too.
#define PUT_AGAIN(n) of_node_put(n) // NOLINT(devlife-refcount-overput)

// Suppressed: the NOLINT is where the macro spells the put.
static void nolint_macro(struct device_node *parent)
{
	struct device_node *np = of_get_child_by_name(parent, "n");

	if (!np)
		return;
	of_node_put(np);
	PUT_AGAIN(np);
}

#define PUT_ONCE_MORE(n) of_node_put(n)

// Suppressed: the NOLINT is where the macro is used.
static void nolint_macro_use(struct device_node *parent)
{
	struct device_node *np = of_get_child_by_name(parent, "n");

	if (!np)
		return;
	of_node_put(np);
	PUT_ONCE_MORE(np); // NOLINT(devlife-refcount-overput)
}

// Reported: neither place has one.
static void nolint_macro_none(struct device_node *parent)
{
	struct device_node *np = of_get_child_by_name(parent, "n");

	if (!np)
		return;
	of_node_put(np);
	PUT_ONCE_MORE(np); // expect: devlife-refcount-overput
}
