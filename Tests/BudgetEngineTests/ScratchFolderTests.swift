import BudgetCore
import Foundation
import Testing

@testable import BudgetEngine

@Suite("The portal's scratch folder")
struct ScratchFolderTests {
    @Test("made in a shared temporary folder whatever it already holds (a folder named x among them)")
    func sharedParent() throws {
        let dir = TemporaryDirectory()
        // Other programs leave files and folders of every name in /tmp; an earlier guard
        // probed "PARENT/x" as an output file and refused to start when x was a folder.
        try FileManager.default.createDirectory(atPath: dir.sub("x"), withIntermediateDirectories: false)
        try Data("other".utf8).write(to: URL(fileURLWithPath: dir.sub("y")))
        let scratch = try ScratchFolder.create(parent: dir.path)
        #expect(PathText.parent(scratch.path) == dir.path)
        #expect(LocalFileSystem().kind(scratch.path) == .directory)
        #expect(LocalFileSystem().kind(dir.sub("x")) == .directory)
    }

    @Test("refused in a round, inside one, or in a folder that does not exist: usage errors")
    func refusals() throws {
        let dir = TemporaryDirectory()
        let round = dir.sub("round")
        _ = try InitRound().run(directory: round, planPath: Repo.konTumPlan, clock: at(DemoStory.opened))
        try FileManager.default.createDirectory(atPath: round + "/inner", withIntermediateDirectories: false)
        for parent in [round, round + "/inner", dir.sub("missing")] {
            let error = #expect(throws: EngineError.self) { try ScratchFolder.create(parent: parent) }
            #expect(error?.kind == .usage, "\(parent)")
        }
        #expect(LocalFileSystem().list(round).allSatisfy { !$0.hasPrefix("budget-portal-") })
    }
}
