import Foundation
import FuzzIntake
import Testing

/// Replays the fuzz corpus — the seeds and every crash, hang or OOM reproducer the fuzzer
/// found — through the fuzz target's own harness (`IntakeHarness.violations`), so that
/// `swift test` fails on any of them exactly as the fuzzer did.
///
/// Each file is a fuzz input: its first byte chooses the options (see `FuzzCase`), the
/// rest is the submission. The fixtures are read at run time (`Fixtures` is excluded from
/// the target), from beside this file.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/fuzz")

    /// The names of the files in `Fixtures/fuzz/<folder>`, sorted; none if it does not exist.
    static func names(_ folder: String) -> [String] {
        let directory = fixtures.appendingPathComponent(folder).path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }

    static func bytes(_ folder: String, _ name: String) -> [UInt8]? {
        let path = fixtures.appendingPathComponent(folder).appendingPathComponent(name).path
        return FileManager.default.contents(atPath: path).map { [UInt8]($0) }
    }

    @Test("the seed corpus is there")
    func seedCorpus() {
        #expect(Self.names("seeds").count >= 30)
    }

    @Test("every seed of the fuzz corpus goes through the pipeline with all invariants kept", arguments: names("seeds"))
    func seed(_ name: String) throws {
        let input = try #require(Self.bytes("seeds", name))
        let problems = IntakeHarness.violations(input)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test("every crash, hang and OOM the fuzzer found stays fixed", arguments: names("crashes"))
    func crash(_ name: String) throws {
        let input = try #require(Self.bytes("crashes", name))
        var problems: [String] = []
        let elapsed = ContinuousClock().measure { problems = IntakeHarness.violations(input) }
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        // What the fuzzer runs must stay well inside its -timeout=5 (with ASan); streaming
        // inputs read a padded megabyte and are not run by the fuzzer.
        if !FuzzCase.isStreaming(input) {
            #expect(elapsed < .seconds(5), "took \(elapsed)")
        }
    }

    @Test("a record read after one of more than 32 fields has its own fields, not the wide record's")
    func afterWideRecord() throws {
        // The scanner's fast path grew its field table for the wide record and left its
        // field count behind; the next record on the slow path (here: the last, with no line
        // break) started at field 33 and read the first 32 from stale offsets.
        let short = try #require(Self.bytes("crashes", "scanner-stale-fields-after-wide-record.csv"))
        // "1" alone (no item code, no amount) is not an estimate line.
        #expect(IntakeHarness.lines(short).isEmpty)
        let long = try #require(Self.bytes("crashes", "scanner-stale-fields-beyond-buffer.csv"))
        let last = try #require(IntakeHarness.lines(long).last)
        #expect(last.number == "2" && last.itemCode == "IV.1.a" && last.description == "y")
        #expect(last.amount?.dong == 7)
    }

    @Test("the fuzz target's compiled-in plan is the Kon Tum template")
    func planIsTemplate() throws {
        let template = Self.fixtures.deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Templates/plans/kon-tum-2020.json")
        let text = try String(contentsOf: template, encoding: .utf8)
        #expect(KonTumPlan.json + "\n" == text)
    }
}
