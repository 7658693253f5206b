//===- ApiModelTest.cpp - Loading the kernel API model --------------------===//
#include "matchers/ApiModel.h"
#include "tests/TestSupport.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace devlife {
namespace {

ApiModel builtin() {
  auto M = ApiModel::builtin();
  EXPECT_TRUE(bool(M)) << (M ? "" : llvm::toString(M.takeError()));
  return std::move(*M);
}

std::string errorOf(llvm::Error E) {
  return E ? llvm::toString(std::move(E)) : std::string();
}

TEST(ApiModel, BuiltinKnowsTheIteratorStep) {
  ApiModel M = builtin();
  const RefFunction *F = M.refFunction("of_get_next_child");
  ASSERT_NE(F, nullptr);
  EXPECT_EQ(F->Returns, "device_node");
  EXPECT_TRUE(F->releasesArg(1));
  EXPECT_FALSE(F->releasesArg(0));
}

TEST(ApiModel, BuiltinKnowsFromConsumingFindsAndReleases) {
  ApiModel M = builtin();
  EXPECT_TRUE(M.refFunction("of_find_compatible_node")->releasesArg(0));
  EXPECT_TRUE(M.refFunction("of_node_put")->releasesArg(0));
  EXPECT_FALSE(M.refFunction("of_node_put")->acquires());
  EXPECT_EQ(M.releaseFor("device"), "put_device");
  EXPECT_EQ(M.kindForCleanup("fwnode_handle")->Name, "fwnode_handle");
  EXPECT_EQ(M.refFunction("of_property_read_u32"), nullptr);
}

TEST(ApiModel, BuiltinKnowsOutParametersHandOffsAndDriverRoles) {
  ApiModel M = builtin();
  const RefFunction *Parse = M.refFunction("of_parse_phandle_with_args");
  ASSERT_TRUE(Parse && Parse->Out);
  EXPECT_EQ(Parse->Out->Arg, 4u);
  EXPECT_EQ(Parse->Out->Field, "np");
  EXPECT_FALSE(Parse->acquires()); // the return value is an int
  EXPECT_TRUE(M.refFunction("devm_add_action_or_reset")->keepsArg(2));
  EXPECT_EQ(M.refFunction("of_node_get")->ReturnsArg, 0u);
  EXPECT_TRUE(M.isBorrowedField("device", "of_node"));
  EXPECT_FALSE(M.isBorrowedField("device", "parent"));
  EXPECT_TRUE(M.isBindingCallback("platform_driver", "probe"));
  EXPECT_TRUE(M.isOwnerCallback("device", "release"));
  EXPECT_FALSE(M.isOwnerCallback("file_operations", "release"));
  EXPECT_FALSE(M.isOwnerCallback("platform_driver", "probe"));
  EXPECT_TRUE(M.isFailureTest("IS_ERR_OR_NULL"));
  EXPECT_FALSE(M.isFailureTest("PTR_ERR"));
  EXPECT_EQ(M.testFailureBranch("unittest"), std::optional<bool>(true));
  EXPECT_EQ(M.testFailureBranch("KUNIT_UNARY_ASSERTION"), std::optional<bool>(false));
  EXPECT_EQ(M.testFailureBranch("likely"), std::nullopt);
}

// Every pair scripts/coccinelle/free/devm_free.cocci knows, named as the
// AST sees the calls (macros expand to __devm_request_region()).
TEST(ApiModel, BuiltinKnowsManagedCallsAndTheirManualReleases) {
  ApiModel M = builtin();
  const ManagedRelease *Irq = M.managedRelease("devm_request_irq");
  ASSERT_NE(Irq, nullptr);
  EXPECT_EQ(Irq->Object, 1);
  EXPECT_EQ(Irq->Manual.at("free_irq"), 0u);
  EXPECT_TRUE(llvm::is_contained(Irq->Unmanaged, "request_irq"));
  ASSERT_NE(M.managedRelease("devm_request_threaded_irq"), nullptr);
  const ManagedRelease *Region = M.managedRelease("__devm_request_region");
  ASSERT_NE(Region, nullptr);
  EXPECT_EQ(Region->Object, 2);
  EXPECT_EQ(Region->Manual.at("__release_region"), 1u);
  EXPECT_EQ(M.managedRelease("dmam_alloc_coherent")->Manual.at("dma_free_coherent"), 2u);
  for (const char *Alloc : {"devm_kmalloc", "devm_kzalloc", "devm_kmalloc_array",
                            "devm_kcalloc", "devm_kstrdup", "devm_kmemdup",
                            "devm_kasprintf", "devm_kvasprintf"}) {
    const ManagedRelease *R = M.managedRelease(Alloc);
    ASSERT_NE(R, nullptr) << Alloc;
    EXPECT_EQ(R->Object, ManagedRelease::ObjectIsResult) << Alloc;
    EXPECT_TRUE(R->Manual.count("kfree")) << Alloc;
  }
  EXPECT_TRUE(M.managedRelease("devm_get_free_pages")->Manual.count("free_pages"));
  EXPECT_TRUE(M.managedRelease("devm_ioremap")->Manual.count("iounmap"));
  EXPECT_TRUE(M.managedRelease("devm_ioport_map")->Manual.count("ioport_unmap"));
  EXPECT_EQ(M.managedForm("kfree"), "devm_kfree(dev, $0)");
  EXPECT_EQ(M.managedForm("no_such_free"), "");
  auto ByFree = M.manualReleaseOf("clk_put");
  ASSERT_FALSE(ByFree.empty());
  EXPECT_EQ(ByFree.front().first->Name, "devm_clk_get");
}

TEST(ApiModel, BuiltinKnowsNullInNullOutGetters) {
  ApiModel M = builtin();
  EXPECT_EQ(M.refFunction("of_get_parent")->NullIfNull, 0u);
  EXPECT_EQ(M.refFunction("of_get_child_by_name")->NullIfNull, 0u);
  EXPECT_EQ(M.refFunction("fwnode_get_parent")->NullIfNull, 0u);
  // NULL `from` means "search the whole tree".
  EXPECT_EQ(M.refFunction("of_find_compatible_node")->NullIfNull, std::nullopt);
  EXPECT_EQ(M.refFunction("of_find_device_by_node")->NullIfNull, std::nullopt);
}

TEST(ApiModel, NullIfNullRoundTripsThroughJson) {
  ApiModel M = builtin();
  ASSERT_EQ(errorOf(M.extend(R"({"refcount": {"functions": {
      "my_get_port": {"returns": "device_node", "null_if_null": 1}}}})",
                             "extra.json")), "");
  const RefFunction *F = M.refFunction("my_get_port");
  ASSERT_NE(F, nullptr);
  EXPECT_EQ(F->NullIfNull, 1u);
  nlohmann::json J = *F;
  EXPECT_EQ(J.at("null_if_null"), 1);
  ApiModel Again;
  nlohmann::json Model = {
      {"refcount",
       {{"kinds", {{"device_node", {{"release", "of_node_put"}}}}},
        {"functions", {{"my_get_port", J}}}}}};
  ASSERT_EQ(errorOf(Again.extend(Model.dump(), "again.json")), "");
  EXPECT_EQ(*Again.refFunction("my_get_port"), *F);
  RefFunction Other = *F;
  Other.NullIfNull.reset();
  EXPECT_FALSE(Other == *F);
}

TEST(ApiModel, UserFileNamesItsOwnTestMacros) {
  ApiModel M = builtin();
  ASSERT_EQ(errorOf(M.extend(R"({"refcount": {"test_failure_branches": {
      "my_check": true, "unittest": null}}})", "extra.json")), "");
  EXPECT_EQ(M.testFailureBranch("my_check"), std::optional<bool>(true));
  EXPECT_EQ(M.testFailureBranch("unittest"), std::nullopt);
}

TEST(ApiModel, UserFileAddsOverridesAndRemoves) {
  ApiModel M = builtin();
  const char *Extra = R"({"schema": "devlife-api-model/1", "refcount": {
      "functions": {
        "my_get_port": {"returns": "device_node"},
        "of_get_parent": {"returns": "device_node", "releases": [0]},
        "of_node_get": null}}})";
  ASSERT_EQ(errorOf(M.extend(Extra, "extra.json")), "");
  EXPECT_TRUE(M.refFunction("my_get_port")->acquires());
  EXPECT_TRUE(M.refFunction("of_get_parent")->releasesArg(0));
  EXPECT_EQ(M.refFunction("of_node_get"), nullptr);
}

struct BadModel {
  const char *Text;
  const char *MustMention;
};

class MalformedModel : public ::testing::TestWithParam<BadModel> {};

TEST_P(MalformedModel, IsAClearErrorAndLeavesTheModelIntact) {
  ApiModel M = builtin();
  size_t Before = M.refFunctionCount();
  std::string Err = errorOf(M.extend(GetParam().Text, "user-model.json"));
  EXPECT_NE(Err.find("user-model.json"), std::string::npos) << Err;
  EXPECT_NE(Err.find(GetParam().MustMention), std::string::npos) << Err;
  EXPECT_EQ(M.refFunctionCount(), Before);
}

INSTANTIATE_TEST_SUITE_P(
    ApiModel, MalformedModel,
    ::testing::Values(
        BadModel{"{ not json", "not valid JSON"},
        BadModel{"[1, 2]", "must be a JSON object"},
        BadModel{R"({"schema": "v0"})", "schema"},
        BadModel{R"({"refcount": {"functions": {"f": {"returns": "nosuchkind"}}}})",
                 "refcount.functions.f.returns"},
        BadModel{R"({"refcount": {"functions": {"f": {"releases": "0"}}}})",
                 "refcount.functions.f.releases"},
        BadModel{R"({"refcount": {"functions": {"f": {"releases": [-1]}}}})",
                 "refcount.functions.f.releases"},
        BadModel{R"({"refcount": {"functions": {"f": {"retruns": "device_node"}}}})",
                 "refcount.functions.f.retruns"},
        BadModel{R"({"refcount": {"functions": {"f": {}}}})",
                 "neither"},
        BadModel{R"({"refcount": {"kinds": {"k": {"release": 3}}}})",
                 "refcount.kinds.k.release"},
        BadModel{R"({"refcounts": {}})", "unknown section"},
        BadModel{R"({"refcount": {"functions": {"f": {"out": {"arg": 1}}}}})",
                 "refcount.functions.f.out"},
        BadModel{R"({"refcount": {"functions": {"f": {"out": {"arg": 1, "field": "np", "kind": "nokind"}}}}})",
                 "refcount.functions.f.out.kind"},
        BadModel{R"({"refcount": {"functions": {"f": {"releases": [0], "returns_arg": 0}}}})",
                 "returns_arg"},
        BadModel{R"({"refcount": {"functions": {"f": {"releases": [0], "null_if_null": 0}}}})",
                 "refcount.functions.f.null_if_null"},
        BadModel{R"({"refcount": {"functions": {"f": {"returns": "device_node", "null_if_null": "0"}}}})",
                 "refcount.functions.f.null_if_null"},
        BadModel{R"({"refcount": {"functions": {"f": {"returns": "device_node", "null_if_null": -1}}}})",
                 "refcount.functions.f.null_if_null"},
        BadModel{R"({"refcount": {"functions": {"f": {"returns": "device_node", "null_if_null": [0]}}}})",
                 "refcount.functions.f.null_if_null"},
        BadModel{R"({"driver_model": {"probe_callbacks": ["probe"]}})",
                 "driver_model.probe_callbacks"},
        BadModel{R"({"refcount": {"borrowed_fields": "device.of_node"}})",
                 "refcount.borrowed_fields"},
        BadModel{R"({"refcount": {"functions": [1]}})", "refcount.functions"},
        BadModel{R"({"refcount": {"test_failure_branches": {"unittest": 1}}})",
                 "refcount.test_failure_branches.unittest"},
        BadModel{R"({"devm": {"manual_free": {"devm_x": {"object": 0}}}})",
                 "names no manual release"},
        BadModel{R"({"devm": {"managed_forms": {"kfree": 1}}})",
                 "devm.managed_forms.kfree"}));

TEST(ApiModel, MissingFileIsAnErrorNamingIt) {
  ApiModel M = builtin();
  std::string Err = errorOf(M.extendFromFile("/nonexistent/model.json"));
  EXPECT_NE(Err.find("/nonexistent/model.json"), std::string::npos) << Err;
}

TEST(ApiModel, ShippedFileParsesStandalone) {
  ApiModel M;
  std::string Text = test::readFile(DEVLIFE_SOURCE_DIR "/matchers/api-model.json");
  ASSERT_FALSE(Text.empty());
  EXPECT_EQ(errorOf(M.extend(Text, "api-model.json")), "");
  EXPECT_EQ(M.refFunctionCount(), builtin().refFunctionCount());
}

} // namespace
} // namespace devlife
