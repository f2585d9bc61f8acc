import BudgetCore
import Testing

@testable import BudgetIntake

/// The XML scanner, through the sheet: what it refuses, and that where its window's
/// boundaries fall never changes what it reads.
@Suite("Workbooks: the XML")
struct WorkbookXMLTests {
    static func finding(_ sheet: String) -> Finding? {
        let workbook = TestWorkbook(sheets: [.init(name: "Dự toán", xml: sheet)])
        return WorkbookFixture.read(workbook.bytes).findings(.unreadableEncoding).first
    }

    static func finding(bytes sheet: [UInt8]) -> Finding? {
        var workbook = TestWorkbook(sheets: [.init(name: "Dự toán", xml: "")])
        var entries = workbook.entries
        workbook.deflate = true
        if let index = entries.firstIndex(where: { $0.name.hasSuffix("sheet1.xml") }) { entries[index].data = sheet }
        return WorkbookFixture.read(TestZip.make(entries)).findings(.unreadableEncoding).first
    }

    /// A sheet whose one cell's text is `text`, as written in the XML. (References are
    /// resolved, and checked, where text is read: in cells and in attributes the reader uses.)
    static func cell(_ text: String) -> String {
        "<worksheet><sheetData><row r=\"1\"><c t=\"inlineStr\"><is><t>\(text)</t></is></c></row></sheetData></worksheet>"
    }

    static let head = TestWorkbook.declaration + "<worksheet xmlns=\"\(TestWorkbook.main)\">"

    @Test("a DOCTYPE is refused before any entity could be declared or expanded")
    func doctype() throws {
        let billionLaughs =
            #"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>"#
            + "<worksheet><sheetData><row r=\"1\"><c t=\"inlineStr\"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>"
        let finding = try #require(Self.finding(billionLaughs))
        #expect(finding.variant == "workbook-unsupported")
        #expect(finding.value == "xl/worksheets/sheet1.xml: a DOCTYPE declaration (entity declarations are not read)")
        let external = #"<!DOCTYPE worksheet SYSTEM "file:///etc/passwd"><worksheet/>"#
        #expect(Self.finding(external)?.variant == "workbook-unsupported")
    }

    @Test(
        "XML that is not well-formed is workbook-damaged, naming the part and the fault",
        arguments: [
            ("<worksheet><sheetData></worksheet>", "an end tag that does not match its start tag"),
            ("<worksheet><sheetData>", "the XML is cut short (an element is never closed)"),
            ("<worksheet/><worksheet/>", "a second root element"),
            ("<worksheet/>text", "text after the root element"),
            (cell("&nbsp;"), "the undeclared entity &nbsp;"), (cell("a & b"), "an & that starts no reference"),
            (cell("&#0;"), "&#0; is not an XML character"), (cell("&#xD800;"), "&#xD800; is not an XML character"),
            (cell("&#x110000;"), "&#x110000; is not an XML character"),
            (cell("&#xZ;"), "&#xZ; is not an XML character"),
            ("<worksheet a=b/>", "an attribute value without quotes"),
            ("<worksheet a=\"<\"/>", "< in an attribute value"),
            ("<worksheet><!-- never closed </worksheet>", "a comment is never closed"),
            ("<worksheet><t><![CDATA[ never closed </t></worksheet>", "a CDATA section is never closed"),
            ("</worksheet>", "an end tag without a start tag"),
            ("", "no XML element"),
            ("<worksheet><c/ ></worksheet>", "a malformed tag"), ("<worksheet><!", "unexpected markup <!"),
            ("<worksheet><!DOC", "unexpected markup <!"),
        ])
    func malformed(_ xml: String, _ fault: String) throws {
        let finding = try #require(Self.finding(xml))
        #expect(finding.variant == "workbook-damaged")
        #expect(finding.value == "xl/worksheets/sheet1.xml: " + fault)
    }

    @Test("elements nested deeper than 256 are refused")
    func depth() {
        let xml = String(repeating: "<a>", count: 300) + String(repeating: "</a>", count: 300)
        #expect(Self.finding(xml)?.value == "xl/worksheets/sheet1.xml: elements nested too deep")
        let fine = String(repeating: "<a>", count: 200) + String(repeating: "</a>", count: 200)
        #expect(Self.finding(fine) == nil)
    }

    @Test("XML in UTF-16 or another declared encoding is workbook-unsupported; bytes that are not UTF-8 are damaged")
    func encodings() throws {
        let noBOM: [UInt8] = Array("<worksheet/>".utf16).flatMap { unit -> [UInt8] in
            [UInt8(unit & 0xFF), UInt8(unit >> 8)]
        }
        let utf16: [UInt8] = [0xFF, 0xFE] + noBOM
        #expect(Self.finding(bytes: utf16)?.value == "xl/worksheets/sheet1.xml: XML in UTF-16")
        #expect(Self.finding(bytes: noBOM)?.variant == "workbook-unsupported")
        let latin = #"<?xml version="1.0" encoding="ISO-8859-1"?><worksheet/>"#
        #expect(Self.finding(latin)?.value == "xl/worksheets/sheet1.xml: XML in the encoding ISO-8859-1")
        let bad =
            Array(Self.head.utf8) + [0x3C, 0x74, 0x3E, 0xC3, 0x28, 0x3C, 0x2F, 0x74, 0x3E] + Array("</worksheet>".utf8)
        let finding = try #require(Self.finding(bytes: bad))
        #expect(finding.variant == "workbook-damaged")
        #expect(finding.value?.hasPrefix("xl/worksheets/sheet1.xml: not UTF-8 text") == true)
        let control =
            Array(Self.head.utf8) + [0x3C, 0x74, 0x3E, 0x01, 0x3C, 0x2F, 0x74, 0x3E] + Array("</worksheet>".utf8)
        #expect(Self.finding(bytes: control)?.variant == "workbook-damaged")
        // A UTF-8 byte-order mark and a declaration in lower case are fine.
        let bom = [0xEF, 0xBB, 0xBF] + Array(#"<?xml version="1.0" encoding="utf-8"?><worksheet/>"#.utf8)
        #expect(Self.finding(bytes: bom) == nil)
    }

    @Test("comments, processing instructions and prefixes are skipped or read through")
    func skipped() {
        let xml =
            Self.head + "<!-- a comment with <c> inside --><?mso-application progid=\"Excel.Sheet\"?><sheetData>"
            + TestWorkbook.top
            + "<x:row xmlns:x=\"\(TestWorkbook.main)\" r=\"6\"><x:c r=\"B6\" t=\"inlineStr\"><x:is><x:t>IV.1.a</x:t></x:is></x:c>"
            + "<!----><x:c r=\"G6\"><x:v>5</x:v></x:c></x:row></sheetData></worksheet>"
        let workbook = TestWorkbook(sheets: [.init(name: "Dự toán", xml: xml)])
        let result = WorkbookFixture.read(workbook.bytes)
        #expect(result.codes == [])
        #expect(result.lines.map(\.amount) == [Money(dong: 5)])
    }

    /// A sheet whose texts, references, CDATA, comments and line ends land on every
    /// possible window boundary.
    static let tricky: String = {
        var rows = TestWorkbook.top
        for row in 6..<40 {
            let long = String(repeating: "Pa nô &amp; băng rôn &#x1EA1;\r\n", count: row % 7 + 1)
            rows += "<row r=\"\(row)\"><c r=\"B\(row)\" t=\"inlineStr\"><is><t>IV.1.a</t></is></c>"
            rows += "<c r=\"C\(row)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(long)</t></is></c>"
            rows += "<!-- \(row) --><c r=\"D\(row)\" t=\"inlineStr\"><is><t><![CDATA[c&i\r\n<cái>]]></t></is></c>"
            rows += "<c r=\"G\(row)\"><v>\(row * 1000)</v></c></row>"
        }
        return TestWorkbook.worksheet(rows)
    }()

    /// The records the sheet reader makes of `xml` with a first window of `window` bytes.
    static func records(_ xml: String, window: Int) throws -> [[String]] {
        struct Sink: SheetRowSink {
            var rows: [[String]] = []
            mutating func row(_ record: CSVRecord) -> Bool {
                rows.append(
                    ["\(record.line)"] + (0..<record.count).map { String(decoding: record.field($0), as: UTF8.self) })
                return true
            }
            mutating func formulaWithoutValue(row: Int, column: Int, formula: String) {}
            mutating func progress() {}
        }
        let bytes = ArchiveBytes()
        TestZip.make([TestZipEntry("s.xml", xml)]).withUnsafeBufferPointer { bytes.append($0) }
        let archive = try ZipArchive(bytes)
        let entry = try #require(archive.entry("s.xml"))
        var reader = SheetReader(
            strings: SharedStrings(), styles: CellStyles(), uses1904: false, limits: IntakeLimits())
        var sink = Sink()
        let stop = try reader.read(PartReader(archive, entry, cap: 1 << 30), into: &sink, window: window)
        #expect(stop == .end)
        return sink.rows
    }

    @Test("where the XML window's boundaries fall never changes a record")
    func windows() throws {
        let reference = try Self.records(Self.tricky, window: 1 << 20)
        #expect(reference.count == 38)
        #expect(reference[4][3] == String(repeating: "Pa nô & băng rôn ạ\n", count: 6 % 7 + 1))
        #expect(reference[4][4] == "c&i\n<cái>")
        for window in Array(64...200) + [255, 256, 257, 1000, 4093] {
            #expect(try Self.records(Self.tricky, window: window) == reference, "window \(window)")
        }
    }
}
