import BudgetCore
import BudgetFormats
import BudgetIntake

/// One fuzz input split into how to read it and what to read.
///
/// Fuzzing raw ZIP bytes mostly meets CRC errors: the fuzzer rarely mends a checksum. So
/// the first byte also says what the rest *is*: the whole file, or one XML part that the
/// harness wraps into an otherwise valid workbook (correct sizes and CRC-32s), so that the
/// mutations reach the XML scanner, the sheet reader and the table stage.
///
/// | bits of byte 0 | meaning |
/// |---|---|
/// | 0–1 | the rest is: 0 the file itself; 1 the sheet XML; 2 the shared strings XML; 3 the workbook XML (three sheets: the first hidden, the second named "Dự toán") |
/// | 2 | wrapped parts are deflated (else stored) |
/// | 3–4 | limits: 0 a 1 MiB file (parts up to 4 MiB); 1 small (64-byte fields, 8 columns, 50 rows); 2 a 64 KiB file (parts up to 1 MiB); 3 both |
/// | 5–6 | `--agency`: 0 none; 1 `BAOKT`; 2 `STTTT`; 3 a code the plan does not have |
/// | 7 | read without the lines' text (as `check` reads) first |
///
/// The file-size limit is never the default 64 MiB: it sets the parts' caps, and a
/// deflate bomb inflating a quarter of a gigabyte would cost the fuzzer's debug, ASan
/// build minutes per input, which is slowness by design, not a bug.
public struct WorkbookFuzzCase: Sendable, Equatable {
    public static let fileName = "fuzz.xlsx"

    public enum Mode: Int, Sendable {
        case file, sheet, sharedStrings, workbook
    }

    public var mode: Mode
    public var deflates: Bool
    public var limits: IntakeLimits
    public var agencyFlag: String?
    public var checkFirst: Bool
    /// The bytes to read: the input's rest, or the workbook made around it.
    public var file: [UInt8]

    public init(input: [UInt8]) {
        let control = input.first ?? 0
        let rest = input.isEmpty ? [] : Array(input[1...])
        mode = Mode(rawValue: Int(control & 0x03)) ?? .file
        deflates = control & 0x04 != 0
        switch (control >> 3) & 0x03 {
        case 1: limits = IntakeLimits(maxFileBytes: 1 << 20, maxFieldBytes: 64, maxColumns: 8, maxRows: 50)
        case 2: limits = IntakeLimits(maxFileBytes: 64 << 10)
        case 3: limits = IntakeLimits(maxFileBytes: 64 << 10, maxFieldBytes: 64, maxColumns: 8, maxRows: 50)
        default: limits = IntakeLimits(maxFileBytes: 1 << 20)
        }
        switch (control >> 5) & 0x03 {
        case 1: agencyFlag = "BAOKT"
        case 2: agencyFlag = "STTTT"
        case 3: agencyFlag = "KHONGCO"
        default: agencyFlag = nil
        }
        checkFirst = control & 0x80 != 0
        switch mode {
        case .file: file = rest
        case .sheet: file = FuzzWorkbookParts.workbook(sheet: rest, deflates: deflates)
        case .sharedStrings: file = FuzzWorkbookParts.workbook(sharedStrings: rest, deflates: deflates)
        case .workbook: file = FuzzWorkbookParts.workbook(workbookXML: rest, deflates: deflates)
        }
    }

    /// Whether the reader takes ``file`` for a workbook: it starts like a ZIP or an OLE2
    /// compound file (else it is read as CSV text, which FuzzIntake fuzzes).
    public var isWorkbook: Bool {
        file.starts(with: [0x50, 0x4B, 0x03, 0x04]) || file.starts(with: [0x50, 0x4B, 0x05, 0x06])
            || file.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
    }

    public func options(keepsLineText: Bool) -> IntakeOptions {
        IntakeOptions(fileName: Self.fileName, limits: limits, keepsLineText: keepsLineText)
    }
}

/// The fixed parts the harness wraps a fuzzed part with.
public enum FuzzWorkbookParts {
    static let declaration = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    /// Shared strings the fixed sheet refers to: the header, key rows, codes, total, words.
    public static let strings = [
        "DỰ TOÁN KINH PHÍ", "Kế hoạch", "kon-tum-2020", "Mã đơn vị", "STTTT", "STT", "Mã nội dung", "Nội dung",
        "Đơn vị tính", "Số lượng", "Đơn giá", "Thành tiền", "Ghi chú", "IV.1.a", "Họp báo", "cuộc", "IV.1.c",
        "Tờ gấp", "tờ", "Tổng cộng", "Bằng chữ: Bốn mươi hai triệu năm trăm nghìn đồng", "25.000.000", "1,5",
    ]

    /// The shared strings part of ``strings``.
    public static var sharedStringsXML: [UInt8] {
        var xml = declaration + "<sst xmlns=\"\(main)\" count=\"\(strings.count)\" uniqueCount=\"\(strings.count)\">"
        for string in strings { xml += "<si><t>\(string)</t></si>" }
        return Array((xml + "</sst>").utf8)
    }

    /// Styles: 0 general, 1 a date (built-in 14), 2 a custom date-time, 3 amounts (#,##0).
    public static let stylesXML = Array(
        (declaration
            + "<styleSheet xmlns=\"\(main)\"><numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\\ hh:mm\"/></numFmts>"
            + "<cellXfs count=\"4\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/><xf numFmtId=\"3\"/></cellXfs></styleSheet>")
            .utf8)

    /// A filled estimate: key rows, the header, two lines (one a formula with its cached
    /// value), the total and the words.
    public static var sheetXML: [UInt8] {
        func s(_ ref: String, _ index: Int) -> String { "<c r=\"\(ref)\" t=\"s\"><v>\(index)</v></c>" }
        func n(_ ref: String, _ value: String, style: Int = 0) -> String {
            "<c r=\"\(ref)\"\(style > 0 ? " s=\"\(style)\"" : "")><v>\(value)</v></c>"
        }
        var rows = "<row r=\"1\">\(s("A1", 0))</row>"
        rows += "<row r=\"2\">\(s("A2", 1))\(s("B2", 2))</row><row r=\"3\">\(s("A3", 3))\(s("B3", 4))</row>"
        rows +=
            "<row r=\"5\">" + (0..<8).map { s(String(UnicodeScalar(UInt8(0x41 + $0))) + "5", 5 + $0) }.joined()
            + "</row>"
        rows += "<row r=\"6\">\(n("A6", "1"))\(s("B6", 13))\(s("C6", 14))\(s("D6", 15))\(n("E6", "1"))"
        rows += "\(n("F6", "25000000", style: 3))\(n("G6", "25000000", style: 3))</row>"
        rows += "<row r=\"7\"><c><v>2</v></c>\(s("B7", 16))\(s("C7", 17))\(s("D7", 18))\(n("E7", "5000"))"
        rows += "\(n("F7", "3500", style: 3))<c r=\"G7\" s=\"3\"><f>E7*F7</f><v>17500000</v></c>"
        rows += "<c r=\"H7\" s=\"1\"><v>43900</v></c></row>"
        rows += "<row r=\"8\">\(s("C8", 19))\(n("G8", "42500000", style: 3))</row>"
        rows += "<row r=\"9\">\(s("C9", 20))</row>"
        return Array(
            (declaration + "<worksheet xmlns=\"\(main)\" xmlns:r=\"\(relationships)\"><sheetData>" + rows
                + "</sheetData></worksheet>").utf8)
    }

    /// A workbook of three sheets — hidden, "Dự toán", a third — over `sheets` parts.
    public static var workbookXML: [UInt8] {
        Array(
            (declaration + "<workbook xmlns=\"\(main)\" xmlns:r=\"\(relationships)\"><sheets>"
                + "<sheet name=\"Ẩn\" sheetId=\"1\" state=\"hidden\" r:id=\"rId1\"/>"
                + "<sheet name=\"Dự toán\" sheetId=\"2\" r:id=\"rId2\"/>"
                + "<sheet name=\"Khác\" sheetId=\"3\" r:id=\"rId3\"/></sheets></workbook>").utf8)
    }

    static var workbookRelationships: [UInt8] {
        var xml = declaration + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        for index in 1...3 {
            xml +=
                "<Relationship Id=\"rId\(index)\" Type=\"\(relationships)/worksheet\" Target=\"worksheets/sheet\(index).xml\"/>"
        }
        xml += "<Relationship Id=\"rId4\" Type=\"\(relationships)/sharedStrings\" Target=\"/xl/sharedStrings.xml\"/>"
        xml += "<Relationship Id=\"rId5\" Type=\"\(relationships)/styles\" Target=\"styles.xml\"/>"
        return Array((xml + "</Relationships>").utf8)
    }

    static var packageRelationships: [UInt8] {
        Array(
            (declaration + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"\(relationships)/officeDocument\" Target=\"xl/workbook.xml\"/>"
                + "</Relationships>").utf8)
    }

    /// The workbook with the given parts replaced (the sheet is the second, "Dự toán").
    public static func workbook(
        sheet: [UInt8]? = nil, sharedStrings: [UInt8]? = nil, workbookXML: [UInt8]? = nil, deflates: Bool
    ) -> [UInt8] {
        let filled = self.sheetXML
        let parts: [(String, [UInt8])] = [
            ("_rels/.rels", packageRelationships),
            ("xl/workbook.xml", workbookXML ?? self.workbookXML),
            ("xl/_rels/workbook.xml.rels", workbookRelationships),
            ("xl/styles.xml", stylesXML),
            ("xl/sharedStrings.xml", sharedStrings ?? sharedStringsXML),
            ("xl/worksheets/sheet1.xml", filled),
            ("xl/worksheets/sheet2.xml", sheet ?? filled),
            ("xl/worksheets/sheet3.xml", filled),
        ]
        return zip(parts, deflates: deflates)
    }

    /// A ZIP of `parts` (BudgetFormats' writer: a valid archive whatever the bytes).
    public static func zip(_ parts: [(String, [UInt8])], deflates: Bool) -> [UInt8] {
        guard let time = DOSDateTime(year: 2020, month: 3, day: 1) else { return [] }
        var writer = ZipWriter(sink: BufferSink(), modified: time)
        do {
            for (name, bytes) in parts {
                try writer.addEntry(name, bytes, compression: deflates ? .fast : .stored)
            }
            try writer.finish()
        } catch {
            return []
        }
        return writer.sink.bytes
    }
}
