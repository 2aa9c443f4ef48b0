#include "tendril/io/csv_format.hpp"

#include "file_io.hpp"

#include <ostream>
#include <stdexcept>
#include <string_view>
#include <unordered_map>

namespace tendril {

namespace {

constexpr std::size_t kFlushBytes = std::size_t(1) << 20;

void appendCell(std::string& out, std::string_view cell)
{
    if (cell.find_first_of(",\"\r\n") == std::string_view::npos) {
        out += cell;
        return;
    }
    out += '"';
    for (const char c : cell) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
}

// Column names in order of first appearance, each once.
class ColumnSet {
public:
    void add(const std::string& name)
    {
        if (index_.emplace(name, names_.size()).second)
            names_.push_back(name);
    }
    const std::vector<std::string>& names() const { return names_; }
    std::size_t indexOf(const std::string& name) const { return index_.at(name); }

private:
    std::vector<std::string> names_;
    std::unordered_map<std::string, std::size_t> index_;
};

void writeCsvTo(const std::vector<Study>& studies, const io_detail::ChunkSink& sink)
{
    // A study's declared parameters come first in their declared order, so the columns follow the
    // space rather than whichever trial happened to list its parameters differently.
    ColumnSet params, metrics;
    for (const Study& s : studies) {
        for (const Param& p : s.space.params)
            params.add(p.name);
        for (const Trial& t : s.trials) {
            for (const auto& [name, v] : t.params)
                params.add(name);
            for (const auto& [name, v] : t.metrics)
                metrics.add(name);
        }
    }

    std::string out;
    out += "id,study,state";
    for (const std::string& name : params.names())
        appendCell(out += ',', name);
    for (const std::string& name : metrics.names())
        appendCell(out += ',', name);
    out += '\n';

    std::vector<const Value*> paramCells(params.names().size());
    std::vector<const double*> metricCells(metrics.names().size());
    for (const Study& s : studies) {
        for (const Trial& t : s.trials) {
            std::fill(paramCells.begin(), paramCells.end(), nullptr);
            std::fill(metricCells.begin(), metricCells.end(), nullptr);
            for (const auto& [name, v] : t.params)
                paramCells[params.indexOf(name)] = &v;
            for (const auto& [name, v] : t.metrics)
                metricCells[metrics.indexOf(name)] = &v;

            appendCell(out, t.id);
            appendCell(out += ',', s.name);
            out += ',';
            out += toString(t.state);
            for (const Value* v : paramCells) {
                out += ',';
                if (v)
                    appendCell(out, v->toString());
            }
            for (const double* v : metricCells) {
                out += ',';
                if (v)
                    out += formatDouble(*v);
            }
            out += '\n';
            if (out.size() >= kFlushBytes) {
                sink(out);
                out.clear();
            }
        }
    }
    sink(out);
}

} // namespace

void writeCsv(std::ostream& out, const std::vector<Study>& studies)
{
    writeCsvTo(studies, [&out](std::string_view chunk) {
        out.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        if (!out)
            throw std::runtime_error("cannot write the CSV table: the output stream failed");
    });
}

void writeCsvFile(const std::string& path, const std::vector<Study>& studies)
{
    io_detail::replaceFileAtomically(path, [&studies](const io_detail::ChunkSink& sink) { writeCsvTo(studies, sink); });
}

} // namespace tendril
