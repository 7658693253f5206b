//===- GitHubLimits.h - What GitHub code scanning accepts and shows -------===//
//
// GitHub documents two kinds of limits on an uploaded SARIF file ("SARIF
// results exceed one or more limits",
// https://docs.github.com/en/code-security/code-scanning/troubleshooting-sarif-uploads/results-exceed-limit,
// and "SARIF file is too large", .../troubleshooting-sarif-uploads/file-too-large;
// summarised in FACTS.md, section SARIF): hard ones, above which the whole
// file is rejected, and display ones, above which GitHub silently keeps what
// it prefers. devlife stays under the hard ones itself, choosing what to
// leave out and saying so in a toolExecutionNotification, and keeps what it
// writes within what GitHub shows, so that nothing it shows is chosen by
// GitHub's prioritisation instead of ours.
//
//===----------------------------------------------------------------------===//
#ifndef DEVLIFE_INTEGRATIONS_SARIF_GITHUBLIMITS_H
#define DEVLIFE_INTEGRATIONS_SARIF_GITHUBLIMITS_H

#include <cstddef>

namespace devlife::github {

/// Results per run: a run with more is rejected (GitHub then shows the top
/// 5,000 by severity of those it accepts).
constexpr size_t MaxResultsPerRun = 25000;
/// The gzip-compressed size of one uploaded file ("10 MB"; read as 10^7
/// bytes, the smaller of the two ways to read it).
constexpr size_t MaxGzipBytes = 10 * 1000 * 1000;
/// Thread flow locations per result: 10,000 are accepted, only the top
/// 1,000 are shown. devlife writes at most the shown number, across all the
/// code flows of a result, keeping each flow's start and end.
constexpr size_t ThreadFlowLocationsShown = 1000;
/// Locations per result (the related locations count): more are rejected.
constexpr size_t MaxLocationsPerResult = 1000;
/// Related locations GitHub shows: only those the message links to, and
/// (per the issue that asked for these limits) at most 10 of them. The rest
/// are still written, up to MaxLocationsPerResult, for other SARIF viewers;
/// the message counts them.
constexpr size_t RelatedLocationsShown = 10;
/// Rules' fullDescription.text, in bytes (longer ones are cut).
constexpr size_t MaxDescriptionBytes = 1024;
/// Tags per rule: more are rejected.
constexpr size_t MaxTagsPerRule = 20;

} // namespace devlife::github

#endif
