//===- DevmTest.cpp - What a user reads of the devm findings --------------===//
//
// The corpus tests pin where the devm rules fire; these pin what they say:
// which device a resource went to and when that device lets it go, and the
// chain from the entry point that makes a devm call run outside probe.
//
//===----------------------------------------------------------------------===//
#include "tests/TestSupport.h"

#include <gtest/gtest.h>

namespace devlife::test {
namespace {

CommandResult auditDevm(const std::string &Path) {
  return auditCorpus("devlife-devm-*", Path);
}

TEST(DevmMessages, WrongDeviceSaysWhichDeviceAndWhereItCameFrom) {
  CommandResult R = auditDevm("devlife-devm-wrong-device");
  ASSERT_EQ(R.Rc, 0) << R.Err;
  EXPECT_TRUE(printed(R, "class_device.c:57:8: warning: devm_request_irq() "
                     "attaches to &stdev->dev, a device this driver creates: "
                     "its devres is released when that device is deleted, or "
                     "at its final put if it never is, not with the driver's "
                     "own devres at unbind; attach it to the device the driver "
                     "is bound to (&pdev->dev) "
                     "[devlife-devm-wrong-device]"))
      << R.Out;
  EXPECT_TRUE(printed(R, "iio.c:89:8: warning: devm_request_irq() attaches to "
                     "&indio_dev->dev, the IIO device: its devres is released "
                     "when the subsystem deletes the IIO device, or at its "
                     "final put if it never does, not with the driver's own "
                     "devres at unbind; attach it to the device the driver is "
                     "bound to (&pdev->dev) [devlife-devm-wrong-device]"))
      << R.Out;
  EXPECT_TRUE(printed(R, "class_device.c:42:2: note: struct wdc_dev.dev is made a "
                     "device of its own by device_initialize() here"))
      << R.Out;
  EXPECT_TRUE(printed(R, "iio.c:82:14: note: indio_dev is the IIO device "
                     "devm_iio_device_alloc() returns"))
      << R.Out;
  EXPECT_TRUE(printed(R, "iio.c:69:23: note: dev is &indio_dev->dev")) << R.Out;
  EXPECT_TRUE(printed(R, "root_device.c:29:8: note: the device is a root device "
                     "from root_device_register() here"))
      << R.Out;
  EXPECT_FALSE(printed(R, "wdr_test.c")) << R.Out;
}

TEST(DevmMessages, OutsideProbeShowsTheChainFromTheEntryPoint) {
  CommandResult R = auditDevm("devlife-devm-outside-probe");
  ASSERT_EQ(R.Rc, 0) << R.Err;
  EXPECT_TRUE(printed(R, "cross_b.c:13:9: warning: devm_kzalloc() outside probe: "
                     "reached from dox_poll(), which can run many times while "
                     "the driver is bound; each call adds to priv->dev's "
                     "devres, freed only at unbind "
                     "[devlife-devm-outside-probe]"))
      << R.Out;
  EXPECT_TRUE(printed(R, "cross_a.c:11:13: note: dox_poll() is a work function, "
                     "run each time the work is queued"))
      << R.Out;
  EXPECT_TRUE(printed(R, "cross_a.c:15:16: note: calls dox_grab_frame()")) << R.Out;
  EXPECT_TRUE(printed(R, "entries.c:52:18: note: calls dop_alloc_samples()"))
      << R.Out;
  // A claim only one holder may have does not pile up: the next call fails.
  EXPECT_TRUE(printed(R, "request_port.c:30:18: warning: "
                     "devm_platform_ioremap_resource() outside probe: reached "
                     "from rqp_request_port(), which can run many times while "
                     "the driver is bound; what the first call claims stays in "
                     "port->pdev's devres until unbind, so a second call fails "
                     "[devlife-devm-outside-probe]"))
      << R.Out;
  EXPECT_TRUE(printed(R, "request_port.c:30:18: note: "
                     "devm_platform_ioremap_resource() claims it for the device "
                     "until unbind"))
      << R.Out;
  EXPECT_TRUE(printed(R, "request_port.c:37:18: warning: devm_kzalloc() outside "
                     "probe: reached from rqp_config_port(), which can run many "
                     "times while the driver is bound; each call adds to "
                     "&port->pdev->dev's devres, freed only at unbind"))
      << R.Out;
}

TEST(DevmMessages, ManualFreeOnTheFailurePathSaysNeverAcquired) {
  CommandResult R = auditDevm("devlife-devm-manual-free");
  ASSERT_EQ(R.Rc, 0) << R.Err;
  // A later error path of the same function is still a double free ...
  EXPECT_TRUE(printed(R, "resources.c:53:3: warning: irq comes from "
                     "devm_request_irq(), which devres releases when the "
                     "device unbinds"))
      << R.Out;
  // ... the failure branch of the managed call itself is not.
  EXPECT_TRUE(printed(R, "resources.c:72:2: warning: free_irq() runs here only "
                     "when devm_request_irq() failed: it releases "
                     "port->alarm_irq, which was never acquired; drop it "
                     "from this error path [devlife-devm-manual-free]"))
      << R.Out;
  EXPECT_TRUE(printed(R, "resources.c:65:8: note: devm_request_irq() fails: the "
                     "branch taken then leads to the release"))
      << R.Out;
}

} // namespace
} // namespace devlife::test
