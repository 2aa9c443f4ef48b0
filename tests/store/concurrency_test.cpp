// Several connections on one file: the runner writes while the app reads.
#include "store_test_support.hpp"

#include "tendril/store/project.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>

using namespace tendril;
using namespace tendril::testing;

TEST(Concurrency, DataVersionChangesWhenAnotherConnectionCommits)
{
    ScratchDir dir;
    const std::string path = dir.file("x.tendril");
    Project writer(path, OpenMode::CreateIfMissing);
    Project reader(path, OpenMode::ReadOnly);

    const std::int64_t readerBefore = reader.dataVersion();
    const std::int64_t writerBefore = writer.dataVersion();
    EXPECT_EQ(reader.dataVersion(), readerBefore);  // stable while nothing happens

    writer.addStudies({richStudy("a")});
    const std::int64_t readerAfterAdd = reader.dataVersion();
    EXPECT_NE(readerAfterAdd, readerBefore);
    EXPECT_EQ(writer.dataVersion(), writerBefore);  // a connection's own commits do not count

    writer.removeStudy("a");
    EXPECT_NE(reader.dataVersion(), readerAfterAdd);

    // A failed write commits nothing, so readers have nothing to notice.
    const std::int64_t beforeFailure = reader.dataVersion();
    Study nameless = richStudy("");
    EXPECT_THROW(writer.addStudies({richStudy("b"), nameless}), StoreError);
    EXPECT_EQ(reader.dataVersion(), beforeFailure);
}

TEST(Concurrency, ReadOnlyReadsWhileAWriteTransactionIsOpen)
{
    ScratchDir dir;
    const std::string path = dir.file("x.tendril");
    { Project(path, OpenMode::CreateIfMissing).addStudies({richStudy("a")}); }

    Project reader(path, OpenMode::ReadOnly);
    RawDb writer(path);
    writer.exec("BEGIN IMMEDIATE");
    writer.exec("DELETE FROM studies");
    // The reader neither waits for the writer nor sees its uncommitted work.
    EXPECT_EQ(reader.studyNames(), std::vector<std::string>{"a"});
    EXPECT_EQ(firstDifference(richStudy("a"), reader.loadStudy("a")), "");
    EXPECT_EQ(reader.studies().at(0).trials, 6);
    writer.exec("COMMIT");
    EXPECT_TRUE(reader.studyNames().empty());
}

TEST(Concurrency, ReadersSeeEachAddEitherWhollyOrNotAtAll)
{
    ScratchDir dir;
    const std::string path = dir.file("x.tendril");
    { Project(path, OpenMode::CreateIfMissing); }
    constexpr int kStudies = 15;
    constexpr int kTrials = 120;

    std::atomic<bool> writerDone{false};
    std::string writerError;
    std::thread writerThread([&] {
        try {
            Project writer(path, OpenMode::ReadWrite);
            for (int i = 0; i < kStudies; ++i)
                writer.addStudies({generatedStudy("s" + std::to_string(i), kTrials, 5, static_cast<unsigned>(i))});
        } catch (const std::exception& e) {
            writerError = e.what();
        }
        writerDone = true;
    });

    Project reader(path, OpenMode::ReadOnly);
    std::size_t lastCount = 0;
    int reads = 0;
    std::int64_t seenVersion = reader.dataVersion();
    int versionChanges = 0;
    while (true) {
        const bool finalRound = writerDone.load();
        const auto all = reader.studies();
        ++reads;
        EXPECT_GE(all.size(), lastCount);
        lastCount = all.size();
        for (const StudySummary& s : all) {
            EXPECT_EQ(s.trials, kTrials) << s.name;
            std::int64_t sum = 0;
            for (std::int64_t c : s.states)
                sum += c;
            EXPECT_EQ(sum, kTrials) << s.name;
            EXPECT_TRUE(s.best) << s.name;
        }
        if (!all.empty()) {
            LoadOptions options;
            options.curves = (reads % 2) == 0;
            EXPECT_EQ(reader.loadStudy(all.back().name, options).trials.size(), static_cast<std::size_t>(kTrials));
        }
        const std::int64_t version = reader.dataVersion();
        versionChanges += version != seenVersion;
        seenVersion = version;
        if (finalRound)
            break;
    }
    writerThread.join();
    EXPECT_EQ(writerError, "");
    EXPECT_EQ(lastCount, static_cast<std::size_t>(kStudies));
    EXPECT_GT(versionChanges, 0);
    expectConsistent(path);
}

TEST(Concurrency, TwoWritersTakeTurns)
{
    ScratchDir dir;
    const std::string path = dir.file("x.tendril");
    { Project(path, OpenMode::CreateIfMissing); }
    constexpr int kRounds = 10;

    std::vector<std::string> errors(2);
    std::vector<std::vector<std::string>> names(2);
    std::vector<std::thread> writers;
    for (int w = 0; w < 2; ++w)
        writers.emplace_back([&, w] {
            try {
                Project p(path, OpenMode::ReadWrite);
                for (int i = 0; i < kRounds; ++i) {
                    const auto added = p.addStudies({generatedStudy("shared", 40, 5, static_cast<unsigned>(i))});
                    names[static_cast<std::size_t>(w)].push_back(added.at(0));
                }
            } catch (const std::exception& e) {
                errors[static_cast<std::size_t>(w)] = e.what();
            }
        });
    for (std::thread& t : writers)
        t.join();
    EXPECT_EQ(errors, (std::vector<std::string>{"", ""}));

    std::set<std::string> unique(names[0].begin(), names[0].end());
    unique.insert(names[1].begin(), names[1].end());
    EXPECT_EQ(unique.size(), 2u * kRounds);
    Project reader(path, OpenMode::ReadOnly);
    EXPECT_EQ(reader.studyNames().size(), 2u * kRounds);
    for (const StudySummary& s : reader.studies())
        EXPECT_EQ(s.trials, 40) << s.name;
    expectConsistent(path);
}
