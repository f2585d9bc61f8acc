import BudgetCore
import Foundation
import FuzzWorkbookHarness
import Testing

@testable import BudgetIntake

/// Replays the workbook fuzz corpus — the seeds and every crash, hang or OOM reproducer
/// `.ci/fuzz-workbook` found — through the fuzz target's own harness
/// (`WorkbookHarness.violations`), so that `swift test` fails on any of them exactly as
/// the fuzzer did.
///
/// The seeds are made here (``seeds``): `BUDGET_REGENERATE=1 swift test --filter
/// WorkbookFuzzRegressionTests` rewrites `Fixtures/fuzz-workbook/seeds`, and a test fails
/// while the files read otherwise than what these cases make (read, not byte for byte:
/// deflated bytes depend on the zlib build).
@Suite("Workbook fuzz regressions")
struct WorkbookFuzzRegressionTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/fuzz-workbook")

    static func names(_ folder: String) -> [String] {
        let directory = fixtures.appendingPathComponent(folder).path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }

    static func bytes(_ folder: String, _ name: String) -> [UInt8]? {
        let path = fixtures.appendingPathComponent(folder).appendingPathComponent(name).path
        return FileManager.default.contents(atPath: path).map { [UInt8]($0) }
    }

    /// A sheet with one of each kind of cell the reader knows.
    static let variedSheet = TestWorkbook.worksheet(
        TestWorkbook.top
            + #"<row r="6"><c r="A6"><v>1</v></c><c r="B6" t="s"><v>13</v></c><c r="C6" t="inlineStr"><is><r><t>Họp </t></r><r><rPr><b/></rPr><t xml:space="preserve">báo &amp; &#x1EA1;</t></r><rPh><t>ふ</t></rPh></is></c><c t="inlineStr"><is><t><![CDATA[cuộc]]></t></is></c><c><v>1.5</v></c><c s="3"><v>25000000</v></c><c r="G6"><f>E6*F6</f><v>37500000</v></c><c r="H6" s="1"><v>43900</v></c></row>"#
            + #"<row r="7"><c r="B7" t="str"><f>"IV.1."&amp;"c"</f><v>IV.1.c</v></c><c r="C7" t="inlineStr"><is><t>dòng_x000D_&#10;hai</t></is></c><c r="E7" t="b"><v>1</v></c><c r="F7" t="e"><v>#VALUE!</v></c><c r="G7"><f>E7*F7</f></c><c r="H7" t="d"><v>2020-03-10T00:00:00</v></c></row>"#
            + #"<row r="9"><c r="C9" t="s"><v>19</v></c><c r="G9" s="2"><v>1E+16</v></c></row>"#)

    /// The seeds: (file name, input). Byte 0 is the case's control byte (see WorkbookFuzzCase).
    static var seeds: [(String, [UInt8])] {
        let parts = FuzzWorkbookParts.self
        var seeds: [(String, [UInt8])] = [
            ("file-stored.xlsx", [0x00] + parts.workbook(deflates: false)),
            ("file-deflated.xlsx", [0x00] + parts.workbook(deflates: true)),
            ("file-deflated-check.xlsx", [0xA0] + parts.workbook(deflates: true)),
            ("sheet-stored.xml", [0x01] + parts.sheetXML),
            ("sheet-deflated.xml", [0x05] + parts.sheetXML),
            ("sheet-small-limits.xml", [0x09] + parts.sheetXML),
            ("sheet-check-baokt.xml", [0xA1] + parts.sheetXML),
            ("sheet-varied.xml", [0x01] + Array(variedSheet.utf8)),
            ("sheet-varied-small-file.xml", [0x15] + Array(variedSheet.utf8)),
            ("shared-strings.xml", [0x02] + parts.sharedStringsXML),
            (
                "shared-strings-rich.xml",
                [0x06]
                    + Array(
                        (TestWorkbook.declaration
                            + "<sst xmlns=\"\(TestWorkbook.main)\"><si><r><t>DỰ </t></r><r><t>TOÁN</t></r><rPh sb=\"0\" eb=\"1\"><t>x</t></rPh></si>"
                            + parts.strings.dropFirst().map {
                                "<si><t xml:space=\"preserve\">\(TestWorkbook.escape($0))</t></si>"
                            }
                            .joined() + "<si/></sst>").utf8)
            ),
            ("workbook.xml", [0x03] + parts.workbookXML),
            (
                "workbook-1904.xml",
                [0x07]
                    + Array(
                        (TestWorkbook.declaration
                            + "<workbook xmlns=\"\(TestWorkbook.main)\" xmlns:r=\"\(TestWorkbook.rel)\"><workbookPr date1904=\"1\"/><sheets>"
                            + "<sheet name=\"Khác\" sheetId=\"3\" r:id=\"rId3\"/><sheet name=\"DU TOAN\" sheetId=\"2\" r:id=\"rId2\"/>"
                            + "</sheets></workbook>").utf8)
            ),
        ]
        var zip64 = TestWorkbook(
            rows: TestWorkbook.top + TestWorkbook.row(6, ["1", "IV.1.a", "Họp báo", "", "1", "9", "9"]))
        seeds.append(("file-zip64.xlsx", [0x00] + TestZip.make(zip64.entries, zip64: true)))
        zip64.deflate = false
        var entries = zip64.entries
        for index in entries.indices { entries[index].dataDescriptor = true }
        seeds.append(("file-data-descriptors.xlsx", [0x00] + TestZip.make(entries, comment: Array("chú thích".utf8))))
        seeds.append(("file-encrypted-ole2.xlsx", [0x00] + WorkbookArchiveTests.encryptedPackage))
        seeds.append(
            (
                "file-not-workbook.zip",
                [0x00]
                    + TestZip.make([
                        TestZipEntry("mimetype", "application/vnd.oasis.opendocument.spreadsheet", deflate: false)
                    ])
            ))
        return seeds
    }

    @Test("the seed files are the ones these cases make (BUDGET_REGENERATE=1 rewrites them)")
    func seedFiles() throws {
        let folder = Self.fixtures.appendingPathComponent("seeds")
        if ProcessInfo.processInfo.environment["BUDGET_REGENERATE"] == "1" {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for name in Self.names("seeds") {
                try FileManager.default.removeItem(at: folder.appendingPathComponent(name))
            }
            for (name, bytes) in Self.seeds {
                try Data(bytes).write(to: folder.appendingPathComponent(name))
            }
        }
        #expect(Self.names("seeds") == Self.seeds.map(\.0).sorted())
        for (name, bytes) in Self.seeds {
            let stored = try #require(Self.bytes("seeds", name))
            // Deflated bytes depend on the zlib build: compare what the two read as.
            #expect(stored.first == bytes.first, "\(name): another control byte")
            #expect(WorkbookHarness.lines(stored) == WorkbookHarness.lines(bytes), "\(name) reads otherwise")
            #expect(
                WorkbookHarness.report(stored).findings == WorkbookHarness.report(bytes).findings,
                "\(name) reads otherwise")
        }
    }

    @Test(
        "every seed of the workbook fuzz corpus goes through the pipeline with all invariants kept",
        arguments: names("seeds"))
    func seed(_ name: String) throws {
        let input = try #require(Self.bytes("seeds", name))
        let problems = WorkbookHarness.violations(input)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test("the seeds that are whole workbooks are read, not refused")
    func seedsRead() throws {
        for name in [
            "file-stored.xlsx", "file-deflated.xlsx", "sheet-stored.xml", "file-zip64.xlsx",
            "file-data-descriptors.xlsx",
        ] {
            let input = try #require(Self.bytes("seeds", name))
            let report = WorkbookHarness.report(input)
            #expect(report.encoding == "xlsx", "\(name)")
            #expect(!report.findings.contains { $0.code == .unreadableEncoding }, "\(name): \(report.findings)")
            #expect(report.lineCount > 0, "\(name)")
        }
    }

    @Test("every crash, hang and OOM the workbook fuzzer found stays fixed", arguments: names("crashes"))
    func crash(_ name: String) throws {
        let input = try #require(Self.bytes("crashes", name))
        var problems: [String] = []
        let elapsed = ContinuousClock().measure { problems = WorkbookHarness.violations(input) }
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        #expect(elapsed < .seconds(10), "took \(elapsed)")
    }
}
