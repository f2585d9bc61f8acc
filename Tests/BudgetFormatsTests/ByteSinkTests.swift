import BudgetTestSupport
import Foundation
import Testing

@testable import BudgetFormats

@Suite("Byte sinks")
struct ByteSinkTests {
    @Test("a buffer sink appends every kind of byte collection and patches in place")
    func buffer() throws {
        var sink = BufferSink()
        try sink.write([1, 2, 3] as [UInt8])
        try sink.write("ab")
        try sink.write("cd".utf8)
        try sink.write([9, 9][...])
        #expect(sink.bytes == [1, 2, 3, 97, 98, 99, 100, 9, 9])
        #expect(sink.offset == 9)
        try sink.patch(at: 1, [7, 7])
        #expect(sink.bytes == [1, 7, 7, 97, 98, 99, 100, 9, 9])
        #expect(throws: ByteSinkError.patchOutOfRange(offset: 8, count: 2, end: 9)) { try sink.patch(at: 8, [0, 0]) }
        #expect(throws: ByteSinkError.self) { try sink.patch(at: UInt64.max, [0]) }
    }

    @Test("a file sink writes through its buffer, patches flushed and buffered bytes, and finishes")
    func file() throws {
        let directory = try External.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/out.bin"
        let sink = try FileSink(path: path, bufferCapacity: 4096)
        var expected: [UInt8] = []
        var generator = SplitMix(seed: 1)
        for size in [10, 4000, 100, 9000, 1, 5000] {
            let chunk = (0..<size).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            try sink.write(chunk)
            expected += chunk
        }
        #expect(sink.offset == UInt64(expected.count))
        // One patch in flushed bytes, one straddling the flush boundary, one in the buffer.
        for (at, length) in [(5, 20), (Int(sink.offset) - 6000, 3000), (Int(sink.offset) - 10, 10)] {
            let patch = [UInt8](repeating: UInt8(length & 0xFF), count: length)
            try sink.patch(at: UInt64(at), patch)
            expected.replaceSubrange(at..<at + length, with: patch)
        }
        #expect(throws: ByteSinkError.self) { try sink.patch(at: sink.offset, [1]) }
        try sink.finish()
        #expect(sink.isFinished)
        try sink.finish()  // a second call does nothing
        #expect(throws: ByteSinkError.finished) { try sink.write([1] as [UInt8]) }
        let written = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(written == expected)
    }

    @Test("a file sink refuses an existing file unless told to replace it, with errno and path")
    func exclusive() throws {
        let directory = try External.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/exists.txt"
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        do {
            _ = try FileSink(path: path)
            Issue.record("opened an existing file with createNew")
        } catch let error as FileSinkError {
            #expect(error.operation == .open)
            #expect(error.code == EEXIST)
            #expect(error.path == path)
            #expect(error.description.contains(path))
        }
        let sink = try FileSink(path: path, mode: .replace)
        try sink.write("new")
        try sink.finish()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new")
        #expect(throws: FileSinkError.self) { try FileSink(path: directory + "/missing/dir/x") }
    }
}
