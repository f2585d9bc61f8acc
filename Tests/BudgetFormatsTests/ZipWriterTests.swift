import Foundation
import Testing

@testable import BudgetFormats

@Suite("ZIP writer")
struct ZipWriterTests {
    static let time = DOSDateTime(year: 2020, month: 3, day: 10, hour: 8, minute: 30, second: 15) ?? .earliest

    static func sample() throws -> [UInt8] {
        var zip = ZipWriter(sink: BufferSink(), modified: time)
        try zip.addEntry("manifest.json", Array("{\"a\": 1}\n".utf8))
        try zip.addEntry("empty.txt", [UInt8]())
        try zip.beginEntry("nguon/Báo Kon Tum – dự toán.csv")
        for chunk in ["STT,Nội dung\r\n", "1,Phim tài liệu\r\n", String(repeating: "x", count: 100_000)] {
            try zip.write(chunk)
        }
        try zip.endEntry()
        try zip.finish()
        return zip.sink.bytes
    }

    @Test("entries read back through the end record, the central directory and the local headers")
    func readBack() throws {
        let reader = try ZipReader(try Self.sample())
        #expect(reader.entries.map(\.name) == ["manifest.json", "empty.txt", "nguon/Báo Kon Tum – dự toán.csv"])
        #expect(reader.text("manifest.json") == "{\"a\": 1}\n")
        #expect(reader.data("empty.txt") == [])
        let csv = "STT,Nội dung\r\n1,Phim tài liệu\r\n" + String(repeating: "x", count: 100_000)
        #expect(reader.data("nguon/Báo Kon Tum – dự toán.csv") == Array(csv.utf8))
        for entry in reader.entries {
            #expect(entry.flags == 1 << 11, "UTF-8 names flagged")
            #expect(entry.method == 0)
            #expect(entry.dosDate == UInt16((2020 - 1980) << 9 | 3 << 5 | 10))
            #expect(entry.dosTime == UInt16(8 << 11 | 30 << 5 | 7))
        }
    }

    @Test("the same calls give byte-identical archives")
    func deterministic() throws {
        #expect(try Self.sample() == Self.sample())
    }

    @Test("Python's zipfile accepts the archive and its CRCs")
    func python() throws {
        guard External.find("python3") != nil else { return }
        let directory = try External.temporaryDirectory()
        let path = directory + "/sample.zip"
        try Data(try Self.sample()).write(to: URL(fileURLWithPath: path))
        let script = """
            import zipfile, sys
            z = zipfile.ZipFile(sys.argv[1])
            assert z.testzip() is None
            names = z.namelist()
            assert names == ["manifest.json", "empty.txt", "nguon/Báo Kon Tum – dự toán.csv"], names
            assert z.read("manifest.json") == b'{"a": 1}\\n'
            assert z.getinfo("manifest.json").date_time == (2020, 3, 10, 8, 30, 14)
            print("ok")
            """
        let result = try External.run("python3", ["-c", script, path])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output == "ok\n")
        if External.find("unzip") != nil {
            let test = try External.run("unzip", ["-tq", path])
            #expect(test.status == 0, "\(test.output)\(test.error)")
        }
    }

    @Test("a file sink streams an archive to disk")
    func fileSink() throws {
        let directory = try External.temporaryDirectory()
        let path = directory + "/a.zip"
        let sink = try FileSink(path: path, bufferCapacity: 4096)
        var zip = ZipWriter(sink: sink, modified: Self.time)
        try zip.beginEntry("big.bin")
        var generator = SplitMix(seed: 3)
        var all: [UInt8] = []
        for _ in 0..<50 {
            let chunk = (0..<3000).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            all += chunk
            try zip.write(chunk)
        }
        try zip.endEntry()
        try zip.finish()
        try sink.finish()
        let reader = try ZipReader([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
        #expect(reader.data("big.bin") == all)
    }

    @Test(
        "unsafe or unusable entry names are refused",
        arguments: ["", "/etc/passwd", "a/../b", "../x", "./x", "a//b", "a\\b", "dir/", "a\u{0}b"])
    func badNames(name: String) throws {
        var zip = ZipWriter(sink: BufferSink(), modified: Self.time)
        #expect(throws: ZipError.self) { try zip.beginEntry(name) }
        #expect(zip.sink.bytes.isEmpty, "nothing written for a refused name")
    }

    @Test("misuse is reported, not trapped")
    func misuse() throws {
        var zip = ZipWriter(sink: BufferSink(), modified: Self.time)
        #expect(throws: ZipError.noEntryOpen) { try zip.write([1] as [UInt8]) }
        #expect(throws: ZipError.noEntryOpen) { try zip.endEntry() }
        try zip.beginEntry("a")
        #expect(throws: ZipError.entryStillOpen("a")) { try zip.beginEntry("b") }
        #expect(throws: ZipError.entryStillOpen("a")) { try zip.finish() }
        try zip.endEntry()
        #expect(throws: ZipError.duplicateName("a")) { try zip.beginEntry("a") }
        try zip.finish()
        #expect(throws: ZipError.finished) { try zip.beginEntry("c") }
        #expect(throws: ZipError.finished) { try zip.finish() }
    }

    @Test("an entry or archive over the size limit is refused before a byte of it is written")
    func sizeLimit() throws {
        // The real limit is 4 GiB − 2; a lowered one exercises the same checks quickly.
        var zip = ZipWriter(sink: CountingSink(), modified: Self.time, sizeLimit: 1000)
        try zip.beginEntry("big")
        try zip.write([UInt8](repeating: 0, count: 900))
        var before = zip.sink.offset
        #expect(throws: ZipError.entryTooLarge("big")) { try zip.write([UInt8](repeating: 0, count: 101)) }
        #expect(zip.sink.offset == before)
        #expect(throws: ZipError.archiveTooLarge) { try zip.write([UInt8](repeating: 0, count: 80)) }
        try zip.write([UInt8](repeating: 0, count: 60))
        try zip.endEntry()
        before = zip.sink.offset
        #expect(throws: ZipError.archiveTooLarge) { try zip.beginEntry("next") }
        #expect(zip.sink.offset == before)
        #expect(throws: ZipError.archiveTooLarge) { try zip.finish() }
        #expect(ZipWriter<BufferSink>.maxSize == 0xFFFF_FFFE)
    }

    @Test("no more than 65 534 entries")
    func entryLimit() throws {
        var zip = ZipWriter(sink: CountingSink(), modified: Self.time)
        for index in 0..<ZipWriter<CountingSink>.maxEntries { try zip.addEntry("f\(index)", [UInt8]()) }
        #expect(throws: ZipError.tooManyEntries) { try zip.beginEntry("one-more") }
        try zip.finish()
    }

    @Test(
        "DOS times hold 1980–2107 at two-second resolution",
        arguments: [
            (1979, 12, 31, false), (1980, 1, 1, true), (2107, 12, 31, true), (2108, 1, 1, false),
            (2020, 2, 29, true), (2021, 2, 29, false), (2100, 2, 29, false), (2000, 2, 29, true), (2020, 4, 31, false),
        ] as [(Int, Int, Int, Bool)])
    func dosTimes(year: Int, month: Int, day: Int, valid: Bool) {
        #expect((DOSDateTime(year: year, month: month, day: day) != nil) == valid)
    }

    @Test("a date converts to wall-clock time in the given zone, clamped to the DOS range")
    func fromDate() throws {
        let instant = Date(timeIntervalSince1970: 1_583_802_000)  // 2020-03-10T01:00:00Z
        let hanoi = try #require(TimeZone(identifier: "Asia/Ho_Chi_Minh"))
        #expect(DOSDateTime(instant, timeZone: hanoi).description == "2020-03-10 08:00:00")
        #expect(DOSDateTime(Date(timeIntervalSince1970: 0), timeZone: hanoi) == .earliest)
        #expect(DOSDateTime(Date(timeIntervalSince1970: 5e9), timeZone: hanoi) == .latest)
        #expect(DOSDateTime(Date(timeIntervalSince1970: .infinity), timeZone: hanoi) == .latest)
        #expect(DOSDateTime(Date(timeIntervalSince1970: -.infinity), timeZone: hanoi) == .earliest)
        #expect(DOSDateTime(Date(timeIntervalSince1970: .nan), timeZone: hanoi) == .earliest)
    }
}

/// A sink that counts bytes and remembers nothing, for limit tests.
struct CountingSink: ByteSink {
    var offset: UInt64 = 0
    mutating func write(_ bytes: UnsafeRawBufferPointer) throws { offset += UInt64(bytes.count) }
    mutating func patch(at offset: UInt64, _ bytes: [UInt8]) throws {
        guard offset + UInt64(bytes.count) <= self.offset else {
            throw ByteSinkError.patchOutOfRange(offset: offset, count: bytes.count, end: self.offset)
        }
    }
}
