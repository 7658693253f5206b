//===- VersionUnitTest.cpp - the version SARIF and partials carry ---------===//
#include "integrations/audit/Version.h"

#include <gtest/gtest.h>

namespace devlife {
namespace {

TEST(ToolVersion, ProjectVersionAloneWithoutARevision) {
  EXPECT_EQ(toolVersion("0.1.0", ""), "0.1.0");
}

TEST(ToolVersion, RevisionIsSemVerBuildMetadata) {
  EXPECT_EQ(toolVersion("0.1.0", "73da9fd"), "0.1.0+73da9fd");
  EXPECT_EQ(toolVersion("0.1.0", "v0.1.0-3-g73da9fd-dirty"),
            "0.1.0+v0.1.0-3-g73da9fd-dirty");
}

TEST(ToolVersion, CharactersSemVerForbidsBecomeDashes) {
  // A tag such as "release/0.1" or "v0.1_rc" must not make the SARIF's
  // semanticVersion invalid.
  EXPECT_EQ(toolVersion("0.1.0", "release/0.1_rc"), "0.1.0+release-0.1-rc");
}

TEST(ToolVersion, TheBuiltOneStartsWithTheProjectVersion) {
  EXPECT_EQ(toolVersion().rfind(projectVersion().str(), 0), 0u);
  EXPECT_EQ(toolVersion() == projectVersion(), gitRevision().empty());
}

} // namespace
} // namespace devlife
