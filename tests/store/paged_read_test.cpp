// forEachTrialPage: the trials loadStudy gives, page by page, from one snapshot.
#include "store_test_support.hpp"

#include "tendril/store/project.hpp"

#include <gtest/gtest.h>

#include <iterator>
#include <stdexcept>

using namespace tendril;
using namespace tendril::testing;

namespace {

struct PagedRead {
    std::vector<Study> headers;  // as each visit saw it
    std::vector<std::vector<Trial>> pages;
};

PagedRead readInPages(const Project& project, const std::string& name, const LoadOptions& options,
                      std::size_t pageSize)
{
    PagedRead read;
    project.forEachTrialPage(name, options, pageSize, [&](const Study& header, std::vector<Trial>& page) {
        read.headers.push_back(header);
        read.pages.push_back(page);
    });
    return read;
}

// The header with the trials of every page in turn.
Study joined(const PagedRead& read)
{
    Study study = read.headers.at(0);
    for (const std::vector<Trial>& page : read.pages)
        study.trials.insert(study.trials.end(), page.begin(), page.end());
    return study;
}

std::string describe(const LoadOptions& o)
{
    return std::string("curves ") + (o.curves ? "on" : "off") + ", notes " + (o.notes ? "on" : "off") + ", state " +
           (o.state ? std::string(toString(*o.state)) : "any");
}

// The pages make up exactly what loadStudy gives, every page but the last is full, and every
// visit sees the same header, without trials.
void expectPagesMatchLoad(const Project& project, const std::string& name, const LoadOptions& options,
                          std::size_t pageSize)
{
    SCOPED_TRACE(name + ", pages of " + std::to_string(pageSize) + ", " + describe(options));
    const Study whole = project.loadStudy(name, options);
    const PagedRead read = readInPages(project, name, options, pageSize);
    const std::size_t expectedPages = whole.trials.empty() ? 1 : (whole.trials.size() + pageSize - 1) / pageSize;
    ASSERT_EQ(read.pages.size(), expectedPages);
    for (std::size_t i = 0; i < read.pages.size(); ++i) {
        EXPECT_TRUE(read.headers[i].trials.empty());
        EXPECT_TRUE(read.headers[i] == read.headers[0]) << "page " << i;
        if (i + 1 < read.pages.size()) {
            EXPECT_EQ(read.pages[i].size(), pageSize) << "page " << i;
        }
    }
    EXPECT_EQ(read.pages.back().size(), whole.trials.size() - (expectedPages - 1) * pageSize);
    EXPECT_EQ(firstDifference(whole, joined(read)), "");
}

std::vector<LoadOptions> optionVariants()
{
    std::vector<LoadOptions> variants(5);
    variants[1].curves = false;
    variants[2].state = TrialState::Complete;
    variants[3].state = TrialState::Pruned;
    variants[3].curves = false;
    variants[4].notes = false;
    return variants;
}

std::vector<std::string> idsOf(const std::vector<Trial>& trials)
{
    std::vector<std::string> ids;
    for (const Trial& t : trials)
        ids.push_back(t.id);
    return ids;
}

// A study's declarations (space, metrics, everything but its trials).
Study withoutTrials(Study s)
{
    s.trials.clear();
    return s;
}

} // namespace

TEST(PagedRead, PagesMakeUpWhatLoadStudyGivesForEveryPageSizeAndOption)
{
    ScratchDir dir;
    Project p(dir.file("x.tendril"), OpenMode::CreateIfMissing);
    p.addStudies({richStudy("rich"), generatedStudy("gen", 50, 4, 7)});
    ASSERT_EQ(firstDifference(generatedStudy("gen", 50, 4, 7), p.loadStudy("gen")), "");
    for (const std::string name : {"rich", "gen"})
        for (const std::size_t pageSize : {1, 3, 4096})
            for (const LoadOptions& options : optionVariants())
                expectPagesMatchLoad(p, name, options, pageSize);
}

TEST(PagedRead, TrialsOfOneNumberKeepInsertionOrderAcrossPageBreaks)
{
    ScratchDir dir;
    Project p(dir.file("x.tendril"), OpenMode::CreateIfMissing);
    p.addStudies({shuffledNumbersStudy("s")});
    LoadOptions complete;
    complete.state = TrialState::Complete;
    for (const std::size_t pageSize : {1, 2, 3}) {
        const PagedRead read = readInPages(p, "s", {}, pageSize);
        EXPECT_EQ(idsOf(joined(read).trials), (std::vector<std::string>{"z", "a1", "a2", "a3", "b", "c"}));
        expectPagesMatchLoad(p, "s", {}, pageSize);
        expectPagesMatchLoad(p, "s", complete, pageSize);
    }
}

// Two runners appending to two studies in turns leave their trials' rows interleaved. Study "a"
// gets one trial for every three of "b", in an order that is not its number order, so that a's
// pages are read through the join and b's through range scans that hold rows of "a".
TEST(PagedRead, StudiesWrittenInTurnsPageCorrectly)
{
    ScratchDir dir;
    const std::string path = dir.file("x.tendril");
    const Study a = generatedStudy("a", 20, 3, 11);
    const Study b = generatedStudy("b", 60, 3, 12);
    Project p(path, OpenMode::CreateIfMissing);
    p.addStudies({withoutTrials(a), withoutTrials(b)});
    {
        RawDb db(path);
        for (std::size_t i = 0; i < a.trials.size(); ++i) {
            appendTrialRows(db, "a", a.trials[(i * 7) % a.trials.size()]);
            for (std::size_t k = 0; k < 3; ++k)
                appendTrialRows(db, "b", b.trials[3 * i + k]);
        }
    }
    expectConsistent(path);
    ASSERT_EQ(firstDifference(a, p.loadStudy("a")), "");
    ASSERT_EQ(firstDifference(b, p.loadStudy("b")), "");
    for (const std::string name : {"a", "b"})
        for (const std::size_t pageSize : {1, 3, 7, 4096})
            for (const LoadOptions& options : optionVariants())
                expectPagesMatchLoad(p, name, options, pageSize);
}

TEST(PagedRead, StudyWithoutTrialsGivesOneEmptyPageWithItsHeader)
{
    ScratchDir dir;
    const Study gen = generatedStudy("gen", 20, 2, 1);  // complete, pruned and failed trials only
    Project p(dir.file("x.tendril"), OpenMode::CreateIfMissing);
    p.addStudies({withoutTrials(richStudy("rich")), gen});

    const PagedRead empty = readInPages(p, "rich", {}, 4096);
    ASSERT_EQ(empty.pages.size(), 1u);
    EXPECT_TRUE(empty.pages[0].empty());
    EXPECT_EQ(firstDifference(withoutTrials(richStudy("rich")), empty.headers[0]), "");
    for (const LoadOptions& options : optionVariants())
        expectPagesMatchLoad(p, "rich", options, 1);

    LoadOptions queued;
    queued.state = TrialState::Queued;
    const PagedRead noneQueued = readInPages(p, "gen", queued, 3);
    ASSERT_EQ(noneQueued.pages.size(), 1u);
    EXPECT_TRUE(noneQueued.pages[0].empty());
    EXPECT_EQ(firstDifference(withoutTrials(gen), noneQueued.headers[0]), "");
}

TEST(PagedRead, PagesShowTheStudyAsItWasWhenTheReadBegan)
{
    ScratchDir dir;
    const std::string path = dir.file("x.tendril");
    const Study gen = generatedStudy("gen", 10, 3, 5);
    { Project(path, OpenMode::CreateIfMissing).addStudies({gen}); }

    Project reader(path, OpenMode::ReadOnly);
    Project writer(path, OpenMode::ReadWrite);
    RawDb runner(path);
    Study late = generatedStudy("gen", 14, 3, 6);
    late.trials.erase(late.trials.begin(), late.trials.begin() + 10);
    for (Trial& t : late.trials)
        t.id = "late-" + t.id;

    int visits = 0;
    std::vector<Trial> seen;
    reader.forEachTrialPage(gen.name, {}, 3, [&](const Study&, std::vector<Trial>& page) {
        if (++visits == 1) {
            // Another runner appends trials to this study and a second Project adds a study; both
            // commit before the remaining pages are read.
            for (const Trial& t : late.trials)
                appendTrialRows(runner, gen.name, t);
            writer.addStudies({richStudy("added")});
            EXPECT_EQ(writer.loadStudy(gen.name).trials.size(), 14u);
        }
        seen.insert(seen.end(), page.begin(), page.end());
    });
    EXPECT_EQ(visits, 4);
    EXPECT_EQ(seen, gen.trials);

    // Outside the read the changes are there.
    Study grown = gen;
    grown.trials.insert(grown.trials.end(), late.trials.begin(), late.trials.end());
    EXPECT_EQ(firstDifference(grown, reader.loadStudy(gen.name)), "");
    EXPECT_TRUE(reader.hasStudy("added"));
}

TEST(PagedRead, PagesStayWholeWhileAnotherConnectionRemovesTheStudy)
{
    ScratchDir dir;
    const std::string path = dir.file("x.tendril");
    const Study rich = richStudy("rich");
    { Project(path, OpenMode::CreateIfMissing).addStudies({rich}); }

    Project reader(path, OpenMode::ReadOnly);
    Project writer(path, OpenMode::ReadWrite);
    PagedRead read;
    reader.forEachTrialPage("rich", {}, 2, [&](const Study& header, std::vector<Trial>& page) {
        if (read.pages.empty())
            writer.removeStudy("rich");
        read.headers.push_back(header);
        read.pages.push_back(page);
    });
    EXPECT_EQ(read.pages.size(), 3u);
    EXPECT_EQ(firstDifference(rich, joined(read)), "");
    EXPECT_FALSE(reader.hasStudy("rich"));
}

TEST(PagedRead, VisitorMayTakeTheTrialsOutOfEachPage)
{
    ScratchDir dir;
    const Study rich = richStudy("rich");
    Project p(dir.file("x.tendril"), OpenMode::CreateIfMissing);
    p.addStudies({rich});
    std::vector<Trial> taken;
    p.forEachTrialPage("rich", {}, 4, [&](const Study&, std::vector<Trial>& page) {
        std::move(page.begin(), page.end(), std::back_inserter(taken));
        page.clear();
    });
    EXPECT_EQ(taken, rich.trials);
}

// What makes memory stay flat: the pages are read into one vector, whose trials are overwritten.
TEST(PagedRead, EveryPageIsReadIntoTheSameVector)
{
    ScratchDir dir;
    Project p(dir.file("x.tendril"), OpenMode::CreateIfMissing);
    p.addStudies({generatedStudy("gen", 40, 2, 3)});
    const std::vector<Trial>* vector = nullptr;
    const Trial* storage = nullptr;
    int pages = 0;
    p.forEachTrialPage("gen", {}, 8, [&](const Study&, std::vector<Trial>& page) {
        if (pages++ == 0) {
            vector = &page;
            storage = page.data();
        }
        EXPECT_EQ(&page, vector);
        EXPECT_EQ(page.data(), storage);
    });
    EXPECT_EQ(pages, 5);
}

TEST(PagedRead, ErrorsAreClearAndLeaveTheConnectionAsItWas)
{
    ScratchDir dir;
    const std::string path = dir.file("x.tendril");
    Project p(path, OpenMode::CreateIfMissing);
    p.addStudies({generatedStudy("gen", 10, 2, 3)});
    const auto ignore = [](const Study&, std::vector<Trial>&) {};
    try {
        p.forEachTrialPage("nope", {}, 10, ignore);
        FAIL() << "read a study that does not exist";
    } catch (const StoreError& e) {
        EXPECT_EQ(std::string(e.what()), path + ": no study named \"nope\"");
    }
    try {
        p.forEachTrialPage("gen", {}, 0, ignore);
        FAIL() << "read pages of 0 trials";
    } catch (const StoreError& e) {
        EXPECT_EQ(std::string(e.what()),
                  path + ": cannot read study \"gen\" in pages of 0 trials (the page size must be at least 1)");
    }

    const auto cacheSize = [&p] {
        sqlite3_stmt* s = nullptr;
        sqlite3_prepare_v2(p.handle(), "PRAGMA cache_size", -1, &s, nullptr);
        sqlite3_step(s);
        const std::int64_t size = sqlite3_column_int64(s, 0);
        sqlite3_finalize(s);
        return size;
    };
    const std::int64_t cacheBefore = cacheSize();
    int visits = 0;
    EXPECT_THROW(p.forEachTrialPage("gen", {}, 3,
                                    [&](const Study&, std::vector<Trial>&) {
                                        ++visits;
                                        throw std::runtime_error("stop");
                                    }),
                 std::runtime_error);
    EXPECT_EQ(visits, 1);
    // The read transaction has ended (a write can begin) and the cache has its size back.
    EXPECT_NE(sqlite3_get_autocommit(p.handle()), 0);
    EXPECT_EQ(cacheSize(), cacheBefore);
    p.addStudies({generatedStudy("after", 2, 0, 4)});
    EXPECT_EQ(p.studyNames(), (std::vector<std::string>{"gen", "after"}));
    expectPagesMatchLoad(p, "gen", {}, 3);
    EXPECT_EQ(cacheSize(), cacheBefore);
}
