import BudgetTestSupport
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

    @Test("Python's zipfile accepts the archive and its CRCs", .enabled(if: External.hasPython, "needs python3"))
    func python() throws {
        let checks = """
            names = z.namelist()
            assert names == ["manifest.json", "empty.txt", "nguon/Báo Kon Tum – dự toán.csv"], names
            assert z.read("manifest.json") == b'{"a": 1}\\n'
            assert z.getinfo("manifest.json").date_time == (2020, 3, 10, 8, 30, 14)
            """
        try Self.expectReadersAccept(try Self.sample(), checks: checks)
    }

    /// An archive mixing stored and deflated entries, with compressible and random data.
    static func mixedSample(chunk: Int = 4096, background: Bool = false) throws -> [UInt8] {
        var zip = ZipWriter(sink: BufferSink(), modified: time, compressesInBackground: background)
        try zip.addEntry("manifest.json", Array("{\"a\": 1}\n".utf8), compression: .fast)
        try zip.addEntry("empty.txt", [UInt8](), compression: .fast)
        try zip.addEntry("stored.txt", Array("giữ nguyên".utf8))
        try zip.beginEntry("nguon/Báo Kon Tum – dự toán.csv", compression: .deflated(level: 6))
        let text = Array(compressibleText.utf8)
        for start in stride(from: 0, to: text.count, by: chunk) {
            try zip.write(text[start..<min(start + chunk, text.count)])
        }
        try zip.endEntry()
        try zip.addEntry("random.bin", randomBytes, compression: .fast)
        try zip.finish()
        return zip.sink.bytes
    }

    static let compressibleText = (1...20_000).map { "\($0),IV.5.a,Phim tài liệu \"Kon Tum\",tập,1,45000000\r\n" }
        .joined()
    static let randomBytes: [UInt8] = {
        var generator = SplitMix(seed: 7)
        return (0..<300_000).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
    }()

    @Test("deflated entries inflate back to their bytes, with method 8, CRCs over the original bytes")
    func deflated() throws {
        let reader = try ZipReader(try Self.mixedSample())
        #expect(
            reader.entries.map(\.name) == [
                "manifest.json", "empty.txt", "stored.txt", "nguon/Báo Kon Tum – dự toán.csv", "random.bin",
            ])
        #expect(reader.text("manifest.json") == "{\"a\": 1}\n")
        #expect(reader.data("empty.txt") == [])
        #expect(reader.text("stored.txt") == "giữ nguyên")
        #expect(reader.text("nguon/Báo Kon Tum – dự toán.csv") == Self.compressibleText)
        #expect(reader.data("random.bin") == Self.randomBytes)
        let methods = Dictionary(uniqueKeysWithValues: reader.entries.map { ($0.name, $0.method) })
        #expect(
            methods == [
                "manifest.json": 8, "empty.txt": 8, "stored.txt": 0, "nguon/Báo Kon Tum – dự toán.csv": 8,
                "random.bin": 8,
            ])
        let csv = try #require(reader.entries.first { $0.name.hasPrefix("nguon/") })
        #expect(csv.compressedSize * 10 < csv.data.count, "text compresses")
        let random = try #require(reader.entries.first { $0.name == "random.bin" })
        #expect(random.compressedSize < random.data.count + random.data.count / 100, "random data barely grows")
    }

    @Test("deflated output does not depend on how the bytes were split between writes")
    func deflateChunking() throws {
        let whole = try Self.mixedSample(chunk: Int.max)
        #expect(try Self.mixedSample(chunk: 7) == whole)
        #expect(try Self.mixedSample(chunk: 65_536) == whole)
        #expect(try Self.mixedSample() == whole, "and the same calls give the same bytes")
    }

    @Test("compressing on a second thread gives the same bytes as compressing in line")
    func background() throws {
        let inline = try Self.mixedSample()
        for chunk in [7, 4096, 300_000] {
            #expect(try Self.mixedSample(chunk: chunk, background: true) == inline, "chunks of \(chunk)")
        }
        _ = try ZipReader(inline)
    }

    @Test("on a second thread too, output over the size limit is refused and the archive stays refused")
    func backgroundSizeLimit() throws {
        var zip = ZipWriter(sink: CountingSink(), modified: Self.time, sizeLimit: 1000, compressesInBackground: true)
        try zip.beginEntry("random", compression: .fast)
        try zip.write(Array(Self.randomBytes.prefix(990)))
        #expect(throws: ZipError.archiveTooLarge) { try zip.endEntry() }
        #expect(zip.sink.offset <= 1000)
        #expect(throws: ZipError.failed) { try zip.write([1] as [UInt8]) }
        #expect(throws: ZipError.failed) { try zip.finish() }
    }

    @Test("levels outside 1…9 are clamped, and every level reads back")
    func levels() throws {
        for level in [-3, 0, 1, 2, 3, 6, 9, 42] {
            var zip = ZipWriter(sink: BufferSink(), modified: Self.time)
            try zip.addEntry("a.csv", Array(Self.compressibleText.utf8), compression: .deflated(level: level))
            try zip.finish()
            #expect(try ZipReader(zip.sink.bytes).text("a.csv") == Self.compressibleText, "level \(level)")
        }
    }

    @Test("Python's zipfile and unzip accept deflated entries", .enabled(if: External.hasPython, "needs python3"))
    func pythonDeflated() throws {
        let checks = """
            kinds = {i.filename: i.compress_type for i in z.infolist()}
            assert kinds["stored.txt"] == zipfile.ZIP_STORED and kinds["random.bin"] == zipfile.ZIP_DEFLATED, kinds
            assert z.read("manifest.json") == b'{"a": 1}\\n'
            assert z.read("nguon/Báo Kon Tum – dự toán.csv").count(b"\\r\\n") == 20000
            """
        try Self.expectReadersAccept(try Self.mixedSample(), checks: checks)
    }

    /// Writes `archive` to a file; Python's zipfile opens it, tests every CRC and runs
    /// `checks` (Python statements on `z`); `unzip -t` tests it too when installed.
    static func expectReadersAccept(_ archive: [UInt8], checks: String) throws {
        try #require(External.hasPython)
        let directory = try External.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/archive.zip"
        try Data(archive).write(to: URL(fileURLWithPath: path))
        let script =
            "import zipfile, sys\nz = zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\n" + checks
            + "\nprint(\"ok\")\n"
        let result = try External.run("python3", ["-c", script, path])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output == "ok\n")
        if External.find("unzip") != nil {
            let test = try External.run("unzip", ["-tq", path])
            #expect(test.status == 0, "\(test.output)\(test.error)")
        }
    }

    @Test("compressed output over the size limit is refused before it is written, and the archive stays refused")
    func deflatedSizeLimit() throws {
        // Random bytes do not compress: 990 of them deflate to a little more, which with the
        // 36-byte local header passes the 1 000-byte limit.
        var zip = ZipWriter(sink: CountingSink(), modified: Self.time, sizeLimit: 1000)
        try zip.beginEntry("random", compression: .fast)
        try zip.write(Array(Self.randomBytes.prefix(990)))  // still in zlib's buffers
        #expect(throws: ZipError.archiveTooLarge) { try zip.endEntry() }
        #expect(zip.sink.offset <= 1000)
        #expect(throws: ZipError.failed) { try zip.endEntry() }
        #expect(throws: ZipError.failed) { try zip.beginEntry("next") }
        #expect(throws: ZipError.failed) { try zip.finish() }
        // The uncompressed size counts too: no entry may expand beyond the 32-bit field.
        var big = ZipWriter(sink: CountingSink(), modified: Self.time, sizeLimit: 1000)
        try big.beginEntry("zeros", compression: .fast)
        #expect(throws: ZipError.entryTooLarge("zeros")) { try big.write([UInt8](repeating: 0, count: 1001)) }
        try big.write([UInt8](repeating: 0, count: 1000))
        try big.endEntry()
        try big.finish()
    }

    @Test("a file sink streams an archive to disk")
    func fileSink() throws {
        let directory = try External.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
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
