import BudgetCore
import Foundation
import Testing

@testable import BudgetEngine

@Suite("Loading the plan file")
struct LoadPlanTests {
    @Test("a plan file larger than the limit is a usage error, read no further (a sparse file: no disk used)")
    func tooLarge() throws {
        let dir = TemporaryDirectory()
        let path = dir.sub("huge.json")
        #expect(FileManager.default.createFile(atPath: path, contents: Data("{".utf8)))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: UInt64(LoadPlan.maxBytes) + 1)
        try handle.close()
        do {
            _ = try LoadPlan().run(path: path)
            Issue.record("a plan of more than \(LoadPlan.maxBytes) bytes was read")
        } catch {
            #expect(error.kind == .usage)
            #expect(error.message.en.contains("larger than 256 MiB"), "\(error.message.en)")
        }
    }

    @Test("a plan file at the limit's side is read whole, to its last byte")
    func readWhole() throws {
        let dir = TemporaryDirectory()
        let path = dir.sub("plan.json")
        let bytes = try LoadPlan().bytes(Repo.konTumPlan)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(try LocalFileSystem().read(path, limit: bytes.count) == bytes)
        #expect(throws: EngineError.self) { try LocalFileSystem().read(path, limit: bytes.count - 1) }
    }
}
