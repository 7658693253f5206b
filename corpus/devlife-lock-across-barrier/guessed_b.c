// SPDX-License-Identifier: GPL-2.0
/*
 * The other file of guessed_a.c: the UVD ring's functions and the SMU's
 * power functions, and the idle work that powers the block down.
 */
#include "guessed.h"

// Silent: the SMU power function takes no lock.
static int abg_smu_set_power(struct abg_dev *adev, bool on)
{
	adev->power = on;
	return 0;
}

const struct abg_pm_funcs abg_smu_funcs = {
	.set_power = abg_smu_set_power,
};

// Silent: idle work, powers down through adev->pm->set_power (one guess).
static void abg_idle_work(struct work_struct *work)
{
	struct abg_dev *adev = container_of(work, struct abg_dev, idle_work.work);

	adev->pm->set_power(adev, false);
}

// Silent: the UVD ring's begin_use cancels the idle work, holding nothing.
static void abg_uvd_begin_use(struct abg_ring *ring)
{
	cancel_delayed_work_sync(&ring->adev->idle_work);
}

const struct abg_ring_funcs abg_uvd_funcs = {
	.begin_use = abg_uvd_begin_use,
};

void abg_dev_init(struct abg_dev *adev)
{
	mutex_init(&adev->ring_lock);
	INIT_DELAYED_WORK(&adev->idle_work, abg_idle_work);
}

// Bug: ring_lock held across the cancel; the idle work's set_power (one guess) takes ring_lock.
void abg_suspend(struct abg_dev *adev)
{
	mutex_lock(&adev->ring_lock);
	cancel_delayed_work_sync(&adev->idle_work); // expect: devlife-lock-across-barrier
	mutex_unlock(&adev->ring_lock);
}
