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

    /// The files of `Fixtures/fuzz/<folder>`, sorted; none if the folder does not exist.
    static func inputs(_ folder: String) -> [(name: String, bytes: [UInt8])] {
        let directory = fixtures.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().compactMap { name in
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path) else {
                return nil
            }
            return (name, [UInt8](data))
        }
    }

    @Test("every seed of the fuzz corpus goes through the pipeline with all invariants kept")
    func seeds() {
        let seeds = Self.inputs("seeds")
        #expect(seeds.count >= 30, "the seed corpus is missing")
        for seed in seeds {
            let problems = IntakeHarness.violations(seed.bytes)
            #expect(problems.isEmpty, "\(seed.name): \(problems.joined(separator: "\n"))")
        }
    }

    @Test("every crash, hang and OOM the fuzzer found stays fixed")
    func crashes() {
        for crash in Self.inputs("crashes") {
            let clock = ContinuousClock()
            var problems: [String] = []
            let elapsed = clock.measure { problems = IntakeHarness.violations(crash.bytes) }
            #expect(problems.isEmpty, "\(crash.name): \(problems.joined(separator: "\n"))")
            // The fuzzer's -timeout is 5 s under ASan; a plain debug build must stay well inside it.
            #expect(elapsed < .seconds(5), "\(crash.name) took \(elapsed)")
        }
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
