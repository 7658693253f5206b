//===- Family.cpp ---------------------------------------------------------===//
#include "core/Family.h"

#include "core/ProgramModel.h"
#include "matchers/ApiModel.h"
#include <exception>

namespace devlife {

const program::ProgramModel &GlobalInput::programModel() const {
  if (!Program || ProgramOf != TUs) {
    program::ModelOptions Opts;
    if (Model) {
      Opts.GatedSlots = Model->gatedSlots();
      Opts.GateOpeners = Model->gateOpeners();
    }
    Program = std::make_shared<const program::ProgramModel>(TUs, Opts);
    ProgramOf = TUs;
  }
  return *Program;
}

namespace {

/// Whether F reads TU's facts when they are all it is given.
bool readsAlone(const Family &F, const GlobalInput &In, const TUFacts *TU) {
  GlobalInput One = In;
  One.TUs = {TU};
  try {
    F.refine(One);
    F.report(One);
    return true;
  } catch (const std::exception &) {
    return false;
  }
}

/// In without the TUs F cannot read; Index maps its TUs back to In's.
GlobalInput readableOnly(const Family &F, const GlobalInput &In,
                         std::vector<size_t> &Index,
                         std::vector<UnreadableFacts> &Unreadable) {
  GlobalInput Ok = In;
  Ok.TUs.clear();
  for (size_t I = 0; I < In.TUs.size(); ++I) {
    if (readsAlone(F, In, In.TUs[I])) {
      Ok.TUs.push_back(In.TUs[I]);
      Index.push_back(I);
      continue;
    }
    Unreadable.push_back({In.TUs[I]->File,
                          "its " + F.name().str() +
                              " facts are malformed; it is left out of the "
                              "whole-program " +
                              F.name().str() + " analysis"});
  }
  return Ok;
}

/// Runs Step over In, and if it throws, over what F can read.
template <typename Result, typename StepFn, typename MapBack>
Result runReadable(const Family &F, const GlobalInput &In, StepFn Step,
                   MapBack Map, std::vector<UnreadableFacts> &Unreadable) {
  try {
    return Step(In);
  } catch (const std::exception &) {
  }
  std::vector<size_t> Index;
  GlobalInput Ok = readableOnly(F, In, Index, Unreadable);
  try {
    Result R = Step(Ok);
    Map(R, Index);
    return R;
  } catch (const std::exception &E) {
    // Each TU reads alone but not together: nothing of the family is kept.
    Unreadable.push_back({"", F.name().str() + " facts do not fit together (" +
                                  E.what() + "); no whole-program " +
                                  F.name().str() + " results"});
    return Result();
  }
}

} // namespace

Refinement refineReadable(const Family &F, const GlobalInput &In,
                          std::vector<UnreadableFacts> &Unreadable) {
  return runReadable<Refinement>(
      F, In, [&](const GlobalInput &I) { return F.refine(I); },
      [](Refinement &R, const std::vector<size_t> &Index) {
        for (size_t &T : R.Reanalyse)
          T = Index[T];
      },
      Unreadable);
}

std::vector<Finding> reportReadable(const Family &F, const GlobalInput &In,
                                    std::vector<UnreadableFacts> &Unreadable) {
  return runReadable<std::vector<Finding>>(
      F, In, [&](const GlobalInput &I) { return F.report(I); },
      [](std::vector<Finding> &, const std::vector<size_t> &) {}, Unreadable);
}

} // namespace devlife
