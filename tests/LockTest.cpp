//===- LockTest.cpp - What a user reads of the lock findings --------------===//
//
// The corpus tests pin where the lock rules fire; these pin what they say:
// the chain lock -> barrier -> callback -> acquisition, and both orders of
// an inversion, in the user's words (no internal class keys).
//
//===----------------------------------------------------------------------===//
#include "tests/TestSupport.h"

#include <gtest/gtest.h>

namespace devlife::test {
namespace {

CommandResult auditLocks(const std::string &Path) {
  return auditCorpus("devlife-lock-*", Path);
}

TEST(LockMessages, AcrossBarrierWalksFromTheLockToTheCallbacksAcquisition) {
  CommandResult R = auditLocks("devlife-lock-across-barrier");
  ASSERT_EQ(R.Rc, 0) << R.Err;
  EXPECT_TRUE(printed(R, "queues.c:120:2: warning: 'bd->lock' is held across "
                     "__flush_workqueue(bd->wq), which waits for a callback "
                     "that takes the same lock: neither side ends "
                     "[devlife-lock-across-barrier]"))
      << R.Out;
  EXPECT_TRUE(printed(R, "queues.c:118:2: note: 'bd->lock' is taken here")) << R.Out;
  EXPECT_TRUE(printed(R, "queues.c:107:2: note: the work is queued on bd->wq here"))
      << R.Out;
  EXPECT_TRUE(printed(R, "queues.c:103:2: note: abq_rx_fn() is bound to "
                     "&bd->rx_work here"))
      << R.Out;
  EXPECT_TRUE(printed(R, "queues.c:61:2: note: abq_rx_fn() takes 'bd->lock' here"))
      << R.Out;
  // A static work's class carries its file; the note names the work.
  EXPECT_TRUE(printed(R, "queues.c:53:8: note: abq_rescan_fn() is bound to "
                     "abq_rescan_work here"))
      << R.Out;
  EXPECT_FALSE(printed(R, "::abq_")) << R.Out;
}

TEST(LockMessages, ConditionalAcquisitionIsHeldOnlyWhereItSucceeded) {
  CommandResult R = auditLocks("devlife-lock-across-barrier/queues.c");
  ASSERT_EQ(R.Rc, 0) << R.Err;
  EXPECT_TRUE(printed(R, "queues.c:193:3: warning: 'abq_list_mutex' is held across "
                     "destroy_workqueue(abq_wq)"))
      << R.Out;
  EXPECT_TRUE(printed(R, "queues.c:191:6: note: 'abq_list_mutex' is taken here"))
      << R.Out;
  // abq_put_unlocked(): flushes on the false side, destroys after unlock.
  EXPECT_FALSE(printed(R, "queues.c:202:")) << R.Out;
  EXPECT_FALSE(printed(R, "queues.c:206:")) << R.Out;
}

TEST(LockMessages, InversionShowsBothOrdersAcrossFiles) {
  CommandResult R = auditLocks("devlife-lock-order-inversion");
  ASSERT_EQ(R.Rc, 0) << R.Err;
  EXPECT_TRUE(printed(R, "abba_a.c:26:8: warning: lock order inversion: "
                     "'ld->state_lock' is held while this takes 'ld->fw_lock', "
                     "and elsewhere the two are taken in the other order "
                     "[devlife-lock-order-inversion]"))
      << R.Out;
  EXPECT_TRUE(printed(R, "abba_b.c:12:2: note: lox_fw_save() takes 'ld->fw_lock' here"))
      << R.Out;
  EXPECT_TRUE(printed(R, "abba_b.c:32:2: note: 'ld->fw_lock' is taken here")) << R.Out;
  EXPECT_TRUE(printed(R, "abba_a.c:14:2: note: lox_set_state() takes "
                     "'ld->state_lock' here"))
      << R.Out;
  EXPECT_TRUE(printed(R, "cycle.c:37:2: warning: lock order cycle: adap->lock -> "
                     "client->lock -> bus->lock -> adap->lock"))
      << R.Out;
}

} // namespace
} // namespace devlife::test
