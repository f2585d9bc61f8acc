import BudgetCore
import BudgetTestSupport
import Foundation
import Testing

@testable import BudgetEngine

/// `check FILE...` reads files on several threads (``OrderedWork``); what it returns must
/// not depend on how many, nor on which file finishes first.
@Suite("check of many files on several threads")
struct ParallelCheckTests {
    /// The examples, each several times, interleaved with files of every size, so that
    /// workers finish in an order other than the arguments'.
    static func files(_ dir: TemporaryDirectory) throws -> [String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: Repo.path("Examples/submissions")).sorted()
        var files: [String] = []
        for round in 0..<3 {
            for (n, name) in names.enumerated() {
                files.append(Repo.example(name))
                let bytes = KeyedCheckTests.randomFile(
                    seed: UInt64(round * 100 + n), count: (n * 997 + round * 311) % 1500, distinctCodes: n % 2 == 0)
                let path = dir.sub("random-\(round)-\(n).csv")
                try Data(bytes).write(to: URL(fileURLWithPath: path))
                files.append(path)
            }
        }
        return files
    }

    /// Whether two results are the same in every field.
    static func same(_ a: FileCheck, _ b: FileCheck) -> Bool {
        a.file == b.file && a.valid == b.valid && a.lines == b.lines && a.total == b.total
            && a.totalsByItem == b.totalsByItem && a.agency == b.agency && a.findings == b.findings
            && a.encoding == b.encoding
    }

    static func same(_ a: [FileCheck], _ b: [FileCheck]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { same($0, $1) }
    }

    @Test("one worker, two and eight give the same results, in argument order")
    func sameWithAnyWorkers() throws {
        let dir = TemporaryDirectory()
        let files = try Self.files(dir)
        let plan = try LoadPlan().run(path: Repo.konTumPlan)
        let one = try CheckFiles().run(files: files, plan: plan, options: ReadOptions(), workers: 1)
        #expect(one.map(\.file) == files)
        for workers in [2, 8] {
            let many = try CheckFiles().run(files: files, plan: plan, options: ReadOptions(), workers: workers)
            #expect(many.map(\.file) == files, "\(workers) workers")
            #expect(Self.same(many, one), "\(workers) workers")
        }
        // Each file alone, as a loop over single checks would judge it.
        for (file, check) in zip(files.prefix(8), one) {
            let alone = try CheckFiles().run(files: [file], plan: plan, options: ReadOptions(), workers: 1)
            #expect(Self.same(alone, [check]), "\(file)")
        }
    }

    @Test("a file with errors does not change the verdict on the others")
    func errorsStayInTheirFile() throws {
        let plan = try LoadPlan().run(path: Repo.konTumPlan)
        let good = Repo.example("so-thong-tin.csv")
        let bad = Repo.example("so-thong-tin-loi.csv")
        let together = try CheckFiles().run(files: [good, bad, good], plan: plan, options: ReadOptions(), workers: 2)
        let alone = try CheckFiles().run(files: [good], plan: plan, options: ReadOptions(), workers: 1)
        #expect(together.map(\.valid) == [true, false, true])
        #expect(Self.same(together[0], alone[0]))
        #expect(Self.same(together[2], alone[0]))
    }

    @Test("a file that cannot be read fails the command as the first such file in argument order")
    func unreadableFile() throws {
        let dir = TemporaryDirectory()
        let plan = try LoadPlan().run(path: Repo.konTumPlan)
        let first = dir.sub("first-folder")
        let second = dir.sub("second-folder")
        for folder in [first, second] {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        let good = Repo.example("so-thong-tin.csv")
        var messages: [String] = []
        for workers in [1, 2] {
            do {
                _ = try CheckFiles().run(
                    files: [good, good, first, good, second], plan: plan, options: ReadOptions(), workers: workers)
                Issue.record("a folder was read as a file (\(workers) workers)")
            } catch {
                messages.append(error.message.en)
            }
        }
        #expect(messages.count == 2)
        #expect(messages.first == messages.last)
        #expect(messages.first?.contains("first-folder") == true)
    }
}

/// ``OrderedWork`` itself.
@Suite("ordered work on several threads")
struct OrderedWorkTests {
    @Test("results come in the jobs' order, every job once, whatever the workers", arguments: [1, 2, 3, 16])
    func order(workers: Int) {
        let results = OrderedWork.map(count: 1000, workers: workers) { index in
            // Uneven jobs, so that workers overtake one another.
            var sum = 0
            for k in 0..<((index * 7919) % 5000) { sum &+= k }
            return index &* 2 &+ (sum & 0)
        }
        #expect(results == (0..<1000).map { $0 * 2 })
        #expect(OrderedWork.map(count: 0, workers: workers) { $0 }.isEmpty)
    }
}
