//===- Interrupt.cpp ------------------------------------------------------===//
#include "integrations/audit/Interrupt.h"

#include <csignal>

namespace devlife {
namespace {

constexpr int Caught[] = {SIGINT, SIGTERM};
struct sigaction Previous[2];
volatile std::sig_atomic_t Arrived = 0;

/// Async-signal-safe: a store and sigaction, nothing else.
void onSignal(int Sig) {
  if (!Arrived)
    Arrived = Sig;
  for (int I = 0; I < 2; ++I)
    if (Caught[I] == Sig)
      sigaction(Sig, &Previous[I], nullptr);
}

} // namespace

InterruptCatcher::InterruptCatcher() {
  Arrived = 0;
  struct sigaction Act = {};
  Act.sa_handler = onSignal;
  sigemptyset(&Act.sa_mask);
  // Blocking calls (the pool's waitid, writes to stderr) go on; the pool
  // polls the flag.
  Act.sa_flags = SA_RESTART;
  for (int I = 0; I < 2; ++I)
    sigaction(Caught[I], &Act, &Previous[I]);
}

InterruptCatcher::~InterruptCatcher() {
  for (int I = 0; I < 2; ++I)
    sigaction(Caught[I], &Previous[I], nullptr);
}

int InterruptCatcher::caught() { return Arrived; }

} // namespace devlife
