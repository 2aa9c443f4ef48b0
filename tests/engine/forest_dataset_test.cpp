// Validation of the forest's inputs: the dataset and the options.
#include "tendril/engine/dataset.hpp"
#include "tendril/engine/forest.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

using namespace tendril::engine;

namespace {

const ColumnDomain kNumeric{0, 0.0, 1.0};
const ColumnDomain kThreeCategories{3, 0.0, 0.0};

// The message of the std::invalid_argument `make` throws, or a failure when it throws nothing.
template <typename Make>
std::string invalidArgument(Make make)
{
    try {
        make();
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    ADD_FAILURE() << "expected std::invalid_argument";
    return {};
}

} // namespace

TEST(ForestDataset, StoresColumnMajorValues)
{
    // Two rows, columns: numeric {0.5, 0.25}, categorical {2, 0}.
    const Dataset data({kNumeric, kThreeCategories}, {0.5, 0.25, 2.0, 0.0}, {10.0, 20.0});
    EXPECT_EQ(data.rows(), 2u);
    EXPECT_EQ(data.cols(), 2u);
    EXPECT_EQ(data.value(1, 0), 0.25);
    EXPECT_EQ(data.value(0, 1), 2.0);
    ASSERT_EQ(data.column(1).size(), 2u);
    EXPECT_EQ(data.column(1)[1], 0.0);
    EXPECT_EQ(data.row(0), (std::vector<double>{0.5, 2.0}));
    EXPECT_EQ(data.y()[1], 20.0);
    EXPECT_EQ(data.domain(1).categories, 3);
    EXPECT_THROW(data.column(2), std::out_of_range);
    EXPECT_THROW(data.row(2), std::out_of_range);
}

TEST(ForestDataset, EmptyAndColumnlessDatasetsAreValid)
{
    const Dataset empty;
    EXPECT_EQ(empty.rows(), 0u);
    EXPECT_EQ(empty.cols(), 0u);
    const Dataset noColumns({}, {}, {1.0, 2.0});
    EXPECT_EQ(noColumns.rows(), 2u);
    EXPECT_EQ(noColumns.cols(), 0u);
}

TEST(ForestDataset, SizeMismatchIsNamed)
{
    const std::string message =
        invalidArgument([] { Dataset({kNumeric, kNumeric}, {1.0, 2.0, 3.0}, {1.0, 2.0}); });
    EXPECT_NE(message.find("x has 3 values"), std::string::npos) << message;
    EXPECT_NE(message.find("2 * 2 = 4"), std::string::npos) << message;
}

TEST(ForestDataset, NonFiniteValuesNameColumnAndRow)
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    std::string message =
        invalidArgument([&] { Dataset({kNumeric, kNumeric}, {0.1, 0.2, 0.3, nan}, {1.0, 2.0}); });
    EXPECT_NE(message.find("column 1, row 1: value is NaN"), std::string::npos) << message;

    message = invalidArgument([&] { Dataset({kNumeric}, {0.1, 0.2}, {1.0, -inf}); });
    EXPECT_NE(message.find("row 1: response is -inf"), std::string::npos) << message;

    message = invalidArgument([&] { Dataset({kNumeric}, {0.1, 0.2}, {nan, 1.0}); });
    EXPECT_NE(message.find("row 0: response is NaN"), std::string::npos) << message;
}

TEST(ForestDataset, CategoricalValuesMustBeCategories)
{
    std::string message = invalidArgument([] { Dataset({kThreeCategories}, {0.0, 1.5}, {1.0, 2.0}); });
    EXPECT_NE(message.find("column 0, row 1: categorical value 1.5 is not an integer in 0..2"),
              std::string::npos)
        << message;

    message = invalidArgument([] { Dataset({kThreeCategories}, {3.0, 1.0}, {1.0, 2.0}); });
    EXPECT_NE(message.find("row 0: categorical value 3 is not"), std::string::npos) << message;

    message = invalidArgument([] { Dataset({kThreeCategories}, {-1.0}, {1.0}); });
    EXPECT_NE(message.find("categorical value -1"), std::string::npos) << message;
}

TEST(ForestDataset, DomainsAreChecked)
{
    std::string message = invalidArgument([] { Dataset({ColumnDomain{-2, 0.0, 1.0}}, {}, {}); });
    EXPECT_NE(message.find("column 0: categories must be 0 (numeric) or positive, got -2"),
              std::string::npos)
        << message;

    message = invalidArgument([] { Dataset({kNumeric, ColumnDomain{0, 3.0, 1.0}}, {}, {}); });
    EXPECT_NE(message.find("column 1: numeric bounds must be finite with low <= high, got [3, 1]"),
              std::string::npos)
        << message;

    const double inf = std::numeric_limits<double>::infinity();
    message = invalidArgument([&] { Dataset({ColumnDomain{0, 0.0, inf}}, {}, {}); });
    EXPECT_NE(message.find("got [0, inf]"), std::string::npos) << message;
}

TEST(ForestDataset, NumericValuesOutsideTheBoundsAreKept)
{
    const Dataset data({kNumeric}, {-3.0, 7.5}, {1.0, 2.0});
    EXPECT_EQ(data.value(0, 0), -3.0);
    EXPECT_EQ(data.value(1, 0), 7.5);
}

TEST(ForestOptionsValidation, DefaultsAreValid)
{
    EXPECT_NO_THROW(ForestOptions{}.validate());
}

TEST(ForestOptionsValidation, EachOptionIsNamed)
{
    const auto messageFor = [](auto change) {
        ForestOptions options;
        change(options);
        return invalidArgument([&] { options.validate(); });
    };
    EXPECT_EQ(messageFor([](ForestOptions& o) { o.trees = 0; }), "trees must be at least 1, got 0");
    EXPECT_EQ(messageFor([](ForestOptions& o) { o.maxDepth = 0; }),
              "maxDepth must be at least 1, got 0");
    EXPECT_EQ(messageFor([](ForestOptions& o) { o.minSamplesSplit = 1; }),
              "minSamplesSplit must be at least 2, got 1");
    EXPECT_EQ(messageFor([](ForestOptions& o) { o.minSamplesLeaf = 0; }),
              "minSamplesLeaf must be at least 1, got 0");
    EXPECT_EQ(messageFor([](ForestOptions& o) { o.maxFeatures = -1; }),
              "maxFeatures must be 0 (all columns) or positive, got -1");
    EXPECT_EQ(messageFor([](ForestOptions& o) { o.threads = -2; }),
              "threads must be 0 (all cores) or positive, got -2");
}

TEST(ForestOptionsValidation, FitChecksOptionsAgainstTheData)
{
    const Dataset data({kNumeric, kNumeric}, {0.1, 0.2, 0.3, 0.4}, {1.0, 2.0});
    ForestOptions options;
    options.trees = 0;
    EXPECT_EQ(invalidArgument([&] { fitForest(data, options); }), "trees must be at least 1, got 0");

    options = ForestOptions{};
    options.maxFeatures = 3;
    EXPECT_EQ(invalidArgument([&] { fitForest(data, options); }),
              "maxFeatures must be at most the dataset's 2 columns, got 3");

    const Dataset noRows({kNumeric}, {}, {});
    EXPECT_NE(invalidArgument([&] { fitForest(noRows, ForestOptions{}); }).find("no rows"),
              std::string::npos);
}
