#include "fixture_trees.hpp"

#include "process.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <functional>
#include <stdexcept>

namespace tendril::testing {

using engine::ColumnDomain;
using engine::Tree;
using engine::TreeNode;

GoldenFixture loadGoldenFixture(const std::string& name)
{
    const std::string path = sourceDir() + "/../shared/reference/fixtures/" + name + ".json";
    std::ifstream in(path);
    if (!in)
        throw std::runtime_error("cannot open " + path);
    const nlohmann::json doc = nlohmann::json::parse(in);

    GoldenFixture fixture;
    for (const auto& bounds : doc.at("bounds")) {
        ColumnDomain domain;
        domain.low = bounds.at(0).get<double>();
        domain.high = bounds.at(1).get<double>();
        fixture.domains.push_back(domain);
    }
    fixture.groups = doc.at("groups").get<std::vector<std::vector<int>>>();
    for (const auto& t : doc.at("trees")) {
        GoldenTree golden;
        const auto left = t.at("children_left").get<std::vector<int>>();
        const auto right = t.at("children_right").get<std::vector<int>>();
        const auto feature = t.at("feature").get<std::vector<int>>();
        const auto threshold = t.at("threshold").get<std::vector<double>>();
        const auto value = t.at("value").get<std::vector<double>>();
        for (std::size_t i = 0; i < left.size(); ++i) {
            TreeNode node;
            node.feature = feature.at(i) < 0 ? -1 : feature.at(i);
            node.threshold = threshold.at(i);
            node.left = left.at(i);
            node.right = right.at(i);
            node.value = value.at(i);
            golden.tree.nodes.push_back(node);
        }
        golden.totalVariance = t.at("total_variance").get<double>();
        golden.marginalVariance = t.at("marginal_variance").get<std::map<std::string, double>>();
        for (const auto& [column, curve] : t.at("marginal_curves").items())
            golden.curves[std::stoi(column)] = {curve.at("x").get<std::vector<double>>(),
                                                curve.at("a").get<std::vector<double>>()};
        fixture.trees.push_back(std::move(golden));
    }
    return fixture;
}

int TreeBuilder::leaf(double value)
{
    TreeNode node;
    node.value = value;
    tree_.nodes.push_back(node);
    return static_cast<int>(tree_.nodes.size()) - 1;
}

int TreeBuilder::numeric(int feature, double threshold)
{
    TreeNode node;
    node.feature = feature;
    node.threshold = threshold;
    tree_.nodes.push_back(node);
    return static_cast<int>(tree_.nodes.size()) - 1;
}

int TreeBuilder::categorical(int feature, const std::vector<int>& leftCategories, int categories)
{
    TreeNode node;
    node.feature = feature;
    node.categoryMask = static_cast<std::uint32_t>(tree_.categorySets.size());
    std::vector<std::uint8_t> set(static_cast<std::size_t>(categories), 0);
    for (int c : leftCategories)
        set.at(static_cast<std::size_t>(c)) = 1;
    tree_.categorySets.insert(tree_.categorySets.end(), set.begin(), set.end());
    tree_.nodes.push_back(node);
    return static_cast<int>(tree_.nodes.size()) - 1;
}

void TreeBuilder::setChildren(int node, int left, int right)
{
    tree_.nodes.at(static_cast<std::size_t>(node)).left = left;
    tree_.nodes.at(static_cast<std::size_t>(node)).right = right;
}

Tree stumpTree(int feature, double threshold, double left, double right)
{
    TreeBuilder b;
    const int root = b.numeric(feature, threshold);
    const int l = b.leaf(left);
    b.setChildren(root, l, b.leaf(right));
    return b.tree();
}

Tree xorTree()
{
    TreeBuilder b;
    const int root = b.numeric(0, 0.5);
    const int low = b.numeric(1, 0.5);
    const int ll = b.leaf(0.0);
    b.setChildren(low, ll, b.leaf(1.0));
    const int high = b.numeric(1, 0.5);
    const int hl = b.leaf(1.0);
    b.setChildren(high, hl, b.leaf(0.0));
    b.setChildren(root, low, high);
    return b.tree();
}

Tree randomTree(std::mt19937_64& rng, const std::vector<ColumnDomain>& domains, int depth)
{
    TreeBuilder b;
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::uniform_int_distribution<int> pickColumn(0, static_cast<int>(domains.size()) - 1);
    std::vector<std::vector<double>> used(domains.size());
    const double levels[] = {-1.0, 0.0, 0.5, 2.0, 3.25};

    std::function<int(int)> grow = [&](int level) -> int {
        if (level == depth || (level > 0 && unit(rng) < 0.15)) {
            const double v = unit(rng) < 0.6 ? levels[rng() % 5] : 4.0 * unit(rng) - 1.0;
            return b.leaf(v);
        }
        const int f = pickColumn(rng);
        const ColumnDomain& d = domains[static_cast<std::size_t>(f)];
        int node = 0;
        if (d.isCategorical()) {
            std::vector<int> left;
            for (int c = 0; c < d.categories; ++c)
                if (unit(rng) < 0.5)
                    left.push_back(c);
            node = b.categorical(f, left, d.categories);
        } else {
            const double r = unit(rng);
            std::vector<double>& pool = used[static_cast<std::size_t>(f)];
            double t = d.low + (d.high - d.low) * unit(rng);
            if (r < 0.1 && !pool.empty())
                t = pool[rng() % pool.size()];
            else if (r < 0.15)
                t = d.low;
            else if (r < 0.2)
                t = d.high;
            else if (r < 0.25)
                t = unit(rng) < 0.5 ? d.low - 1.0 : d.high + 1.0;
            pool.push_back(t);
            node = b.numeric(f, t);
        }
        const int left = grow(level + 1);
        const int right = grow(level + 1);
        b.setChildren(node, left, right);
        return node;
    };
    grow(0);
    return b.tree();
}

std::vector<double> treeCellEdges(const Tree& tree, const ColumnDomain& domain, int column)
{
    std::vector<double> edges{domain.low};
    for (const TreeNode& n : tree.nodes)
        if (n.feature == column && n.threshold > domain.low && n.threshold < domain.high)
            edges.push_back(n.threshold);
    std::sort(edges.begin() + 1, edges.end());
    edges.erase(std::unique(edges.begin() + 1, edges.end()), edges.end());
    edges.push_back(domain.high);
    return edges;
}

double BruteForceMarginal::variance() const
{
    double mass = 0.0, sum = 0.0;
    for (std::size_t i = 0; i < values.size(); ++i) {
        mass += weights[i];
        sum += weights[i] * values[i];
    }
    const double mean = sum / mass;
    double squares = 0.0;
    for (std::size_t i = 0; i < values.size(); ++i)
        squares += weights[i] * (values[i] - mean) * (values[i] - mean);
    return squares / mass;
}

BruteForceMarginal bruteForceMarginal(const Tree& tree, const std::vector<ColumnDomain>& domains,
                                      const std::vector<int>& columns)
{
    const std::size_t d = domains.size();
    std::vector<std::vector<double>> points(d), weights(d);
    for (std::size_t c = 0; c < d; ++c) {
        const ColumnDomain& domain = domains[c];
        if (domain.isCategorical()) {
            for (int x = 0; x < domain.categories; ++x) {
                points[c].push_back(x);
                weights[c].push_back(1.0 / domain.categories);
            }
        } else if (domain.low == domain.high) {
            points[c] = {domain.low};
            weights[c] = {1.0};
        } else {
            const std::vector<double> e = treeCellEdges(tree, domain, static_cast<int>(c));
            for (std::size_t i = 0; i + 1 < e.size(); ++i) {
                points[c].push_back(0.5 * (e[i] + e[i + 1]));
                weights[c].push_back((e[i + 1] - e[i]) / (domain.high - domain.low));
            }
        }
    }
    std::size_t cellsU = 1;
    for (int c : columns)
        cellsU *= points[static_cast<std::size_t>(c)].size();
    BruteForceMarginal out;
    out.values.assign(cellsU, 0.0);
    out.weights.assign(cellsU, 0.0);

    std::vector<std::size_t> index(d, 0);
    std::vector<double> row(d);
    for (;;) {
        double weight = 1.0, weightU = 1.0;
        for (std::size_t c = 0; c < d; ++c) {
            row[c] = points[c][index[c]];
            weight *= weights[c][index[c]];
        }
        std::size_t cell = 0;
        for (int c : columns) {
            const auto col = static_cast<std::size_t>(c);
            cell = cell * points[col].size() + index[col];
            weightU *= weights[col][index[col]];
        }
        out.values[cell] += weight * tree.predict(row.data());
        out.weights[cell] = weightU;
        std::size_t c = d;
        while (c-- > 0) {
            if (++index[c] < points[c].size())
                break;
            index[c] = 0;
        }
        if (c == static_cast<std::size_t>(-1))
            break;
    }
    for (std::size_t i = 0; i < cellsU; ++i)
        out.values[i] /= out.weights[i];
    return out;
}

} // namespace tendril::testing
