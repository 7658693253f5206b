// SPDX-License-Identifier: GPL-2.0
/*
 * A GPU-like device with rings of several IP blocks, each with its own
 * ring functions, and power functions of several kinds: a call through
 * ring->funcs->begin_use or adev->pm->set_power goes to any function
 * stored in that field, here in guessed_a.c and guessed_b.c, so it is a
 * guess of which runs. The gfx ring's submit holds ring_lock across
 * begin_use; only the UVD ring's begin_use (a guess) cancels the idle
 * work, whose power-down calls set_power (a second guess), of which only
 * the gfx kind takes ring_lock. A chain that rests on two guesses is not
 * reported (amdgpu: a gfx ring "waiting" for UVD's idle work); one that
 * rests on one guess is.
 */
#include "guessed.h"

// Silent: the gfx ring's begin_use waits for nothing.
static void abg_gfx_begin_use(struct abg_ring *ring)
{
}

static const struct abg_ring_funcs abg_gfx_funcs = {
	.begin_use = abg_gfx_begin_use,
};

// Silent: the gfx power function takes ring_lock.
static int abg_gfx_set_power(struct abg_dev *adev, bool on)
{
	mutex_lock(&adev->ring_lock);
	adev->power = on;
	mutex_unlock(&adev->ring_lock);
	return 0;
}

static const struct abg_pm_funcs abg_gfx_pm = {
	.set_power = abg_gfx_set_power,
};

void abg_ring_init(struct abg_ring *ring, struct abg_dev *adev, bool uvd)
{
	ring->adev = adev;
	ring->funcs = uvd ? &abg_uvd_funcs : &abg_gfx_funcs;
	adev->pm = uvd ? &abg_smu_funcs : &abg_gfx_pm;
}

// Silent: begin_use under ring_lock reaches ring_lock only through two guesses (UVD's begin_use, then gfx's set_power).
void abg_submit(struct abg_ring *ring)
{
	mutex_lock(&ring->adev->ring_lock);
	ring->funcs->begin_use(ring);
	mutex_unlock(&ring->adev->ring_lock);
}
