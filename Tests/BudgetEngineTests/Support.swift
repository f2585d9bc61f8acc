import BudgetCore
import Foundation

@testable import BudgetEngine

/// Paths into the repository, found from this file's location.
enum Repo {
    static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }
    static let konTumPlan = path("Templates/plans/kon-tum-2020.json")
    static func example(_ name: String) -> String { path("Examples/submissions/" + name) }
}

/// A fresh temporary directory, removed when the value is released.
final class TemporaryDirectory {
    let path: String

    init() {
        path =
            FileManager.default.temporaryDirectory
            .appendingPathComponent("budget-engine-tests-" + UUID().uuidString).path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func sub(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// A simulated clock at a Kon Tum wall-clock time.
func at(_ text: String) -> ClockSetting {
    ClockSetting(simulated: ISOTime.parse(text))
}

/// A Kon Tum round in `dir`, opened at the demo's opening time, with each of `examples`
/// submitted on time (5 March 2020, 09:00); returns the round's directory.
func konTumRound(_ dir: TemporaryDirectory, submitting examples: [String]) throws -> String {
    let round = dir.sub("round")
    _ = try InitRound().run(directory: round, planPath: Repo.konTumPlan, clock: at(DemoStory.opened))
    for example in examples {
        _ = try Submit().record(
            SubmitRequest(path: Repo.example(example)), roundDirectory: round, clock: at("2020-03-05T09:00:00"))
    }
    return round
}
