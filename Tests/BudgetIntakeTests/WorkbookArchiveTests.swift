import BudgetCore
import Testing

@testable import BudgetIntake

/// The ZIP layer: what a damaged, hostile or foreign archive gives — always one
/// `unreadable-encoding` finding with a variant that says why, never a crash or a hang.
@Suite("Workbooks: the ZIP archive")
struct WorkbookArchiveTests {
    /// A small valid estimate, deflated.
    static let estimate = TestWorkbook(
        rows: TestWorkbook.top + TestWorkbook.row(6, ["1", "IV.1.a", "Họp báo", "cuộc", "1", "25000000", "25000000"])
            + TestWorkbook.row(7, ["", "", "Tổng cộng", "", "", "", "25000000"]))

    /// A minimal OLE2 compound file as Excel writes a password-protected workbook: the
    /// header, then a directory sector with Root Entry, EncryptionInfo, EncryptedPackage.
    static let encryptedPackage: [UInt8] = {
        var bytes = [UInt8](repeating: 0, count: 512 + 512)
        bytes.replaceSubrange(0..<8, with: CompoundFile.signature)
        for (index, name) in ["Root Entry", "EncryptionInfo", "EncryptedPackage"].enumerated() {
            let at = 512 + 128 * index
            let units = Array(name.utf16) + [0]
            for (k, unit) in units.enumerated() {
                bytes[at + 2 * k] = UInt8(unit & 0xFF)
                bytes[at + 2 * k + 1] = UInt8(unit >> 8)
            }
            bytes[at + 64] = UInt8(units.count * 2)
            bytes[at + 66] = index == 0 ? 5 : 2
        }
        return bytes
    }()

    static func unreadable(_ bytes: [UInt8], limits: IntakeLimits = IntakeLimits()) -> Finding? {
        WorkbookFixture.read(bytes, limits: limits).findings(.unreadableEncoding).first
    }

    @Test("the estimate reads, deflated or stored, through a byte source of any chunking")
    func reads() {
        var stored = Self.estimate
        stored.deflate = false
        for bytes in [Self.estimate.bytes, stored.bytes] {
            for chunk in [1, 7, 4096, .max] {
                let result = WorkbookFixture.read(bytes, chunk: chunk)
                #expect(result.codes == [])
                #expect(result.lines.map(\.amount) == [Money(dong: 25_000_000)])
                #expect(result.report.byteCount == bytes.count)
            }
        }
    }

    @Test("a workbook cut short anywhere is unreadable-encoding, never a crash, never lines past the cut")
    func truncated() {
        let bytes = Self.estimate.bytes
        var offsets = Array(stride(from: 0, to: bytes.count, by: max(1, bytes.count / 200)))
        offsets += [bytes.count - 1, bytes.count - 22, bytes.count - 23, 4, 30]
        for cut in offsets where cut >= 4 {
            let result = WorkbookFixture.read(Array(bytes[..<cut]))
            let finding = result.findings(.unreadableEncoding).first
            #expect(finding != nil, "cut at \(cut)")
            #expect(finding?.variant == "workbook-damaged" || finding?.variant == "not-workbook", "cut at \(cut)")
            #expect(finding?.hint(.en) != nil)
        }
    }

    @Test("a flipped CRC-32 is workbook-damaged, naming the part")
    func crc() throws {
        var entries = Self.estimate.entries
        let index = try #require(entries.firstIndex { $0.name.hasSuffix("sheet1.xml") })
        entries[index].declaredCRC = TestZip.crc32(entries[index].data) ^ 0x0000_0100
        let finding = try #require(Self.unreadable(TestZip.make(entries)))
        #expect(finding.variant == "workbook-damaged")
        #expect(finding.value == "xl/worksheets/sheet1.xml: CRC mismatch")
        #expect(
            finding.message(.en)
                == "The Excel workbook is damaged and cannot be read (xl/worksheets/sheet1.xml: CRC mismatch).")
    }

    @Test("a byte flipped inside the deflated sheet is workbook-damaged")
    func corruptDeflate() throws {
        let bytes = Self.estimate.bytes
        let archive = try ZipArchive(Self.archiveBytes(bytes))
        let entry = try #require(archive.entry("xl/worksheets/sheet1.xml"))
        let data = try archive.dataRange(of: entry)
        var sawDamage = 0
        for offset in stride(from: data.lowerBound, to: data.upperBound, by: 3) {
            var corrupt = bytes
            corrupt[offset] ^= 0x5A
            let finding = Self.unreadable(corrupt)
            if finding?.variant == "workbook-damaged" { sawDamage += 1 }
            #expect(finding != nil, "flip at \(offset)")
        }
        #expect(sawDamage > 0)
    }

    @Test("a stored part whose declared size disagrees with its data is workbook-damaged")
    func wrongSize() throws {
        var workbook = Self.estimate
        workbook.deflate = false
        var entries = workbook.entries
        let index = try #require(entries.firstIndex { $0.name.hasSuffix("sheet1.xml") })
        entries[index].declaredSize = entries[index].data.count + 10
        #expect(Self.unreadable(TestZip.make(entries))?.variant == "workbook-damaged")
    }

    @Test("an encrypted entry (flag bit 0) is workbook-encrypted")
    func encryptedEntry() throws {
        var entries = Self.estimate.entries
        let index = try #require(entries.firstIndex { $0.name.hasSuffix("sheet1.xml") })
        entries[index].flags = 1
        let finding = try #require(Self.unreadable(TestZip.make(entries)))
        #expect(finding.variant == "workbook-encrypted")
    }

    @Test(
        "a password-protected workbook (OLE2 with EncryptedPackage) is workbook-encrypted; another OLE2 file is an XLS")
    func encryptedPackage() throws {
        let finding = try #require(Self.unreadable(Self.encryptedPackage))
        #expect(finding.variant == "workbook-encrypted")
        #expect(finding.message(.vi) == "Sổ Excel được đặt mật khẩu (mã hóa), không đọc được.")
        #expect(finding.hint(.en)?.contains("Encrypt with Password") == true)
        var xls = Self.encryptedPackage
        xls[512 + 256] = 0x57  // "WncryptedPackage"
        let other = try #require(Self.unreadable(xls))
        #expect(other.variant == "spreadsheet")
        #expect(other.value == "OLE2 (XLS)")
    }

    @Test("ZIP64 records and extra fields are read; data descriptors and an archive comment too")
    func zip64AndDescriptors() {
        let zip64 = WorkbookFixture.read(TestZip.make(Self.estimate.entries, zip64: true))
        #expect(zip64.codes == [])
        #expect(zip64.lines.count == 1)
        var entries = Self.estimate.entries
        for index in entries.indices { entries[index].dataDescriptor = true }
        let comment = [UInt8](repeating: 0x50, count: 65_535)
        let described = WorkbookFixture.read(TestZip.make(entries, comment: comment))
        #expect(described.codes == [])
        #expect(described.lines.count == 1)
    }

    @Test("a ZIP64 end record the locator does not find is workbook-damaged")
    func zip64Broken() throws {
        var bytes = TestZip.make(Self.estimate.entries, zip64: true)
        // The locator sits 20 bytes before the end record (22 bytes, no comment).
        let locator = bytes.count - 22 - 20
        bytes[locator + 8] ^= 0x01
        #expect(Self.unreadable(bytes)?.variant == "workbook-damaged")
    }

    @Test("a deflate bomb (a little compressed, gigantic uncompressed) is workbook-too-large, fast")
    func bomb() throws {
        // 8 MiB of spaces inside a sheet, a file limit of 1 MiB: over the 4 MiB cap.
        let limits = IntakeLimits(maxFileBytes: 1 << 20)
        let xml = Array(TestWorkbook.worksheet("").utf8)
        var sheet = xml
        sheet.insert(contentsOf: [UInt8](repeating: 0x20, count: 8 << 20), at: xml.count - "</worksheet>".utf8.count)
        var entries = Self.estimate.entries
        let index = try #require(entries.firstIndex { $0.name.hasSuffix("sheet1.xml") })
        entries[index].data = sheet
        let bytes = TestZip.make(entries)
        #expect(bytes.count < 64 << 10)
        var finding: Finding?
        let elapsed = ContinuousClock().measure { finding = Self.unreadable(bytes, limits: limits) }
        #expect(finding?.variant == "workbook-too-large")
        #expect(finding?.value == "xl/worksheets/sheet1.xml: \(sheet.count) bytes uncompressed (at most \(4 << 20))")
        #expect(elapsed < .seconds(1))

        // With the default limits, a part declaring 300 MiB is refused before inflating.
        var declared = Self.estimate.entries
        declared[index].declaredSize = 300 << 20
        #expect(Self.unreadable(TestZip.make(declared))?.variant == "workbook-too-large")

        // The same bomb lying about its size: refused as it inflates past what it declared.
        entries[index].declaredSize = 1000
        let liar = Self.unreadable(TestZip.make(entries), limits: limits)
        #expect(liar?.variant == "workbook-damaged")

        // Declaring more than deflate can hold (over 1 100:1) is refused before inflating.
        var small = Self.estimate.entries
        let part = try #require(small.firstIndex { $0.name.hasSuffix("sheet1.xml") })
        small[part].declaredSize = 200 << 20
        #expect(Self.unreadable(TestZip.make(small))?.variant == "workbook-too-large")
    }

    @Test("the parts' caps follow the file-size limit: 4 times it, at least 1 MiB, at most 256 MiB")
    func caps() {
        #expect(WorkbookCaps(IntakeLimits()).part == 256 << 20)
        #expect(WorkbookCaps(IntakeLimits(maxFileBytes: 10 << 20)).part == 40 << 20)
        #expect(WorkbookCaps(IntakeLimits(maxFileBytes: 1000)).part == 1 << 20)
        #expect(WorkbookCaps(IntakeLimits(maxFileBytes: .max)).part == 256 << 20)
        // A sheet of more than 4 times the file (and 1 MiB), the file within the limit.
        let rows = (6..<60_000).map { TestWorkbook.row($0, ["", "", "", "", "", "", "1"]) }.joined()
        let bytes = TestWorkbook(rows: TestWorkbook.top + rows).bytes
        #expect(rows.utf8.count > max(1 << 20, 4 * (bytes.count + 1)))
        let finding = Self.unreadable(bytes, limits: IntakeLimits(maxFileBytes: bytes.count + 1))
        #expect(finding?.variant == "workbook-too-large")
        #expect(WorkbookFixture.read(bytes, limits: IntakeLimits(maxFileBytes: 64 << 20)).codes == [])
    }

    @Test("another compression method is workbook-unsupported")
    func method() throws {
        var entries = Self.estimate.entries
        let index = try #require(entries.firstIndex { $0.name.hasSuffix("sheet1.xml") })
        entries[index].declaredMethod = 12  // bzip2
        let finding = try #require(Self.unreadable(TestZip.make(entries)))
        #expect(finding.variant == "workbook-unsupported")
        #expect(finding.value?.contains("compression method 12") == true)
    }

    @Test(
        "a ZIP that is not a workbook says what it is",
        arguments: [
            (
                [
                    TestZipEntry("mimetype", "application/vnd.oasis.opendocument.spreadsheet", deflate: false),
                    TestZipEntry("content.xml", "<office:document-content/>"),
                ], "an OpenDocument spreadsheet (ODS)"
            ),
            ([TestZipEntry("xl/workbook.bin", [1, 2, 3])], "an Excel binary workbook (XLSB)"),
            ([TestZipEntry("word/document.xml", "<w:document/>")], "a Word document (DOCX)"),
            ([TestZipEntry("notes.txt", "hello")], "a ZIP archive without an Excel workbook"),
            ([], "an empty ZIP archive"),
        ])
    func notWorkbook(_ entries: [TestZipEntry], _ what: String) throws {
        let finding = try #require(Self.unreadable(TestZip.make(entries)))
        #expect(finding.variant == "not-workbook")
        #expect(finding.value == what)
        #expect(
            finding.message(.en) == "The file is a ZIP archive (\(what)), not an Excel .xlsx workbook or a CSV file.")
    }

    @Test("a missing part, a duplicate entry name, a part the workbook names but the ZIP lacks: workbook-damaged")
    func missingParts() throws {
        var entries = Self.estimate.entries
        entries.removeAll { $0.name.hasSuffix("sheet1.xml") }
        #expect(Self.unreadable(TestZip.make(entries))?.value == "the part xl/worksheets/sheet1.xml is missing")
        var doubled = Self.estimate.entries
        doubled.append(TestZipEntry("XL/Worksheets/Sheet1.xml", "x"))
        #expect(Self.unreadable(TestZip.make(doubled))?.variant == "workbook-damaged")
        var noRels = Self.estimate.entries
        noRels.removeAll { $0.name == "xl/_rels/workbook.xml.rels" }
        #expect(Self.unreadable(TestZip.make(noRels))?.value == "the part xl/_rels/workbook.xml.rels is missing")
    }

    @Test("a finding quoting an entry's name never carries its control characters (found by the fuzzer)")
    func controlCharactersInNames() throws {
        var entries = Self.estimate.entries
        entries.append(TestZipEntry("a\u{1}\u{7F}b\u{0E}", "x"))
        entries.append(TestZipEntry("A\u{1}\u{7F}B\u{0E}", "y"))
        let finding = try #require(Self.unreadable(TestZip.make(entries)))
        #expect(finding.variant == "workbook-damaged")
        #expect(finding.value == "two ZIP entries are named A??B?")
        #expect(WorkbookProblem.printable("a\u{1}b\u{9F}") == "a?b?")
        #expect(WorkbookProblem.printable(String(repeating: "x", count: 400)).count == 301)
    }

    @Test("bytes after the archive, and a comment, do not hide the end record")
    func trailing() {
        let bytes = Self.estimate.bytes + Array("trailing junk".utf8)
        #expect(WorkbookFixture.read(bytes).codes == [])
    }

    @Test("a workbook over the file-size limit is limit-exceeded, as a CSV is")
    func fileSize() {
        let bytes = Self.estimate.bytes
        let result = WorkbookFixture.read(bytes, limits: IntakeLimits(maxFileBytes: bytes.count - 1), chunk: 100)
        #expect(result.findings.map(\.variant) == ["file-size"])
        #expect(result.codes == ["limit-exceeded"])
    }

    @Test("random bytes after a ZIP signature never crash and are always unreadable")
    func randomBytes() {
        var generator = SystemRandomNumberGenerator()
        for length in [4, 22, 30, 100, 1000, 70_000] {
            for _ in 0..<20 {
                let bytes =
                    [0x50, 0x4B, 0x03, 0x04] + (4..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
                #expect(Self.unreadable(bytes) != nil)
            }
        }
    }

    static func archiveBytes(_ bytes: [UInt8]) -> ArchiveBytes {
        let archive = ArchiveBytes()
        bytes.withUnsafeBufferPointer { archive.append($0) }
        return archive
    }
}
