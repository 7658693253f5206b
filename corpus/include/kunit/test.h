/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for include/kunit/test.h: the binary and unary assertions keep
 * 6.12's shape (the operands copied into locals, `if (likely(ok)) break;`,
 * the failure reported after it).
 */
#ifndef _KUNIT_TEST_H
#define _KUNIT_TEST_H

#include <linux/compiler.h>
#include <linux/types.h>

struct kunit;

void __kunit_do_failed_assertion(struct kunit *test, const char *text);

#define KUNIT_UNARY_ASSERTION(test, condition_, expected_true_)	\
do {									\
	if (likely(!!(condition_) == !!expected_true_))			\
		break;							\
	__kunit_do_failed_assertion(test, #condition_);			\
} while (0)

#define KUNIT_BASE_BINARY_ASSERTION(test, left, op, right)		\
do {									\
	const typeof(left) __left = (left);				\
	const typeof(right) __right = (right);				\
	if (likely(__left op __right))					\
		break;							\
	__kunit_do_failed_assertion(test, #left " " #op " " #right);	\
} while (0)

#define KUNIT_EXPECT_TRUE(test, condition)				\
	KUNIT_UNARY_ASSERTION(test, condition, true)
#define KUNIT_EXPECT_EQ(test, left, right)				\
	KUNIT_BASE_BINARY_ASSERTION(test, left, ==, right)
#define KUNIT_EXPECT_NE(test, left, right)				\
	KUNIT_BASE_BINARY_ASSERTION(test, left, !=, right)
#define KUNIT_EXPECT_PTR_EQ(test, left, right)				\
	KUNIT_BASE_BINARY_ASSERTION(test, left, ==, right)

#endif /* _KUNIT_TEST_H */
