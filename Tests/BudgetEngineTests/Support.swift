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
