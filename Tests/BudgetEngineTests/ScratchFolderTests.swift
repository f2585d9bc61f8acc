import Foundation
import Testing

@testable import BudgetEngine

/// The portal's private folder of uploads in progress.
@Suite("The portal's scratch folder")
struct ScratchFolderTests {
    @Test("made in any existing folder, whatever it already holds (a folder named x included)")
    func anyParent() throws {
        let dir = TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir.sub("x"), withIntermediateDirectories: false)
        let scratch = try ScratchFolder.create(parent: dir.path)
        #expect(scratch.path.hasPrefix(dir.sub("budget-portal-")))
        #expect(LocalFileSystem().isDirectory(scratch.path))
    }

    @Test("refused in a round, inside one, or in a folder that does not exist; nothing is made")
    func refused() throws {
        let dir = TemporaryDirectory()
        let round = try konTumRound(dir, submitting: [])
        let inside = (round as NSString).appendingPathComponent("sub")
        try FileManager.default.createDirectory(atPath: inside, withIntermediateDirectories: false)
        for parent in [round, inside, dir.sub("none")] {
            #expect(throws: EngineError.self, "\(parent)") { try ScratchFolder.create(parent: parent) }
            let made = (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []
            #expect(!made.contains { $0.hasPrefix("budget-portal-") }, "\(parent)")
        }
    }
}
