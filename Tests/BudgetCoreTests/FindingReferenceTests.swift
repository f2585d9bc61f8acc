import Foundation
import Testing

@testable import BudgetCore

@Suite("Finding reference page")
struct FindingReferenceTests {
    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/BudgetCore/BudgetCore.docc/FindingReference.md")

    @Test("the reference page in the docs is the one the catalogue generates")
    func upToDate() throws {
        let generated = FindingCatalogue.referenceMarkdown()
        if ProcessInfo.processInfo.environment["BUDGET_REGENERATE"] == "1" {
            try Data(generated.utf8).write(to: Self.path)
        }
        let onDisk = (try? String(contentsOf: Self.path, encoding: .utf8)) ?? ""
        #expect(onDisk == generated, "stale: run BUDGET_REGENERATE=1 swift test --filter FindingReference")
        for entry in FindingCatalogue.entries { #expect(generated.contains("## `\(entry.code.rawValue)`")) }
    }
}
