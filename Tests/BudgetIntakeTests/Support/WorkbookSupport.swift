import BudgetCore
import CZlib

@testable import BudgetIntake

/// One entry of a hand-built ZIP, with every field a test may want to get wrong.
struct TestZipEntry {
    var name: String
    var data: [UInt8]
    var deflate = true
    /// General-purpose flags added to the UTF-8 flag (bit 0: encrypted).
    var flags = 0
    /// Sizes and CRC in a data descriptor after the data (flag bit 3), zeros in the local header.
    var dataDescriptor = false
    /// A CRC-32 to declare instead of the right one.
    var declaredCRC: UInt32? = nil
    /// An uncompressed size to declare instead of the right one.
    var declaredSize: Int? = nil
    /// A compression method to declare instead of 0/8 (the data stays as it is).
    var declaredMethod: Int? = nil

    init(_ name: String, _ data: [UInt8], deflate: Bool = true) {
        self.name = name
        self.data = data
        self.deflate = deflate
    }

    init(_ name: String, _ text: String, deflate: Bool = true) {
        self.init(name, Array(text.utf8), deflate: deflate)
    }
}

/// A tiny ZIP writer for tests: stored or deflated (zlib, level 6) entries, data
/// descriptors, ZIP64 records and extra fields, wrong CRCs and sizes on request.
enum TestZip {
    static func make(_ entries: [TestZipEntry], zip64: Bool = false, comment: [UInt8] = []) -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        for entry in entries {
            let stored = entry.deflate ? deflate(entry.data) : entry.data
            let crc = entry.declaredCRC ?? crc32(entry.data)
            let size = entry.declaredSize ?? entry.data.count
            let method = entry.declaredMethod ?? (entry.deflate ? 8 : 0)
            let flags = (1 << 11) | entry.flags | (entry.dataDescriptor ? 8 : 0)
            let offset = out.count
            let name = Array(entry.name.utf8)
            var local64: [UInt8] = []
            if zip64 {
                local64 = le(1, 2) + le(16, 2) + le(size, 8) + le(stored.count, 8)
            }
            out += le(0x0403_4B50, 4) + le(zip64 ? 45 : 20, 2) + le(flags, 2) + le(method, 2) + le(0, 4)
            if entry.dataDescriptor {
                out += le(0, 4) + le(0, 4) + le(0, 4)
            } else if zip64 {
                out += le(Int(crc), 4) + le(0xFFFF_FFFF, 4) + le(0xFFFF_FFFF, 4)
            } else {
                out += le(Int(crc), 4) + le(stored.count, 4) + le(size, 4)
            }
            out += le(name.count, 2) + le(local64.count, 2) + name + local64 + stored
            if entry.dataDescriptor {
                out += le(0x0807_4B50, 4) + le(Int(crc), 4) + le(stored.count, 4) + le(size, 4)
            }
            var extra: [UInt8] = []
            if zip64 {
                extra = le(1, 2) + le(24, 2) + le(size, 8) + le(stored.count, 8) + le(offset, 8)
            }
            central += le(0x0201_4B50, 4) + le(zip64 ? 45 : 20, 2) + le(zip64 ? 45 : 20, 2) + le(flags, 2)
            central += le(method, 2) + le(0, 4) + le(Int(crc), 4)
            central += zip64 ? le(0xFFFF_FFFF, 4) + le(0xFFFF_FFFF, 4) : le(stored.count, 4) + le(size, 4)
            central += le(name.count, 2) + le(extra.count, 2) + le(0, 2) + le(0, 2) + le(0, 2) + le(0, 4)
            central += zip64 ? le(0xFFFF_FFFF, 4) : le(offset, 4)
            central += name + extra
        }
        let directoryOffset = out.count
        out += central
        if zip64 {
            let record = out.count
            out += le(0x0606_4B50, 4) + le(44, 8) + le(45, 2) + le(45, 2) + le(0, 4) + le(0, 4)
            out += le(entries.count, 8) + le(entries.count, 8) + le(central.count, 8) + le(directoryOffset, 8)
            out += le(0x0706_4B50, 4) + le(0, 4) + le(record, 8) + le(1, 4)
            out += le(0x0605_4B50, 4) + le(0, 2) + le(0, 2) + le(0xFFFF, 2) + le(0xFFFF, 2)
            out += le(0xFFFF_FFFF, 4) + le(0xFFFF_FFFF, 4)
        } else {
            out += le(0x0605_4B50, 4) + le(0, 2) + le(0, 2) + le(entries.count, 2) + le(entries.count, 2)
            out += le(central.count, 4) + le(directoryOffset, 4)
        }
        out += le(comment.count, 2) + comment
        return out
    }

    static func le(_ value: Int, _ bytes: Int) -> [UInt8] {
        (0..<bytes).map { UInt8(truncatingIfNeeded: UInt64(bitPattern: Int64(value)) >> (8 * UInt64($0))) }
    }

    static func crc32(_ data: [UInt8]) -> UInt32 {
        data.withUnsafeBufferPointer {
            UInt32(truncatingIfNeeded: CZlib.crc32(0, $0.baseAddress, uInt($0.count)))
        }
    }

    /// Raw deflate (no zlib header), as ZIP method 8 stores it.
    static func deflate(_ data: [UInt8], level: Int32 = 6) -> [UInt8] {
        var stream = z_stream()
        guard czlib_deflate_init_raw(&stream, level) == Z_OK else { return [] }
        defer { deflateEnd(&stream) }
        var input = data
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(data.count))) + 64)
        let written: Int = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                stream.next_in = inBuffer.baseAddress
                stream.avail_in = uInt(inBuffer.count)
                stream.next_out = outBuffer.baseAddress
                stream.avail_out = uInt(outBuffer.count)
                _ = CZlib.deflate(&stream, Z_FINISH)
                return outBuffer.count - Int(stream.avail_out)
            }
        }
        return Array(output[..<written])
    }
}

/// A workbook assembled from XML strings, for the cases a real writer never makes.
struct TestWorkbook {
    struct Sheet {
        var name: String
        var xml: String
        var state: String? = nil
        /// A chartsheet relationship instead of a worksheet.
        var isChart = false
    }

    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let declaration = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#

    var sheets: [Sheet]
    var sharedStrings: [String]? = nil
    /// Raw `<sst>` XML instead of ``sharedStrings``.
    var sharedStringsXML: String? = nil
    var stylesXML: String? = nil
    var workbookPr = ""
    var deflate = true
    /// Targets written absolute (`/xl/worksheets/sheet1.xml`).
    var absoluteTargets = false
    var contentTypes = true
    var packageRelationships = true

    init(sheets: [Sheet]) { self.sheets = sheets }

    /// One visible sheet "Dự toán" holding `rows` (XML `<row>` elements).
    init(rows: String, sharedStrings: [String]? = nil) {
        sheets = [Sheet(name: "Dự toán", xml: Self.worksheet(rows))]
        self.sharedStrings = sharedStrings
    }

    static func worksheet(_ rows: String) -> String {
        declaration + "<worksheet xmlns=\"\(main)\" xmlns:r=\"\(rel)\"><sheetData>\(rows)</sheetData></worksheet>"
    }

    var entries: [TestZipEntry] {
        var entries: [TestZipEntry] = []
        if contentTypes {
            entries.append(
                TestZipEntry(
                    "[Content_Types].xml",
                    Self.declaration
                        + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>",
                    deflate: deflate))
        }
        if packageRelationships {
            entries.append(
                TestZipEntry(
                    "_rels/.rels",
                    Self.declaration
                        + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"\(Self.rel)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>",
                    deflate: deflate))
        }
        var workbook =
            Self.declaration + "<workbook xmlns=\"\(Self.main)\" xmlns:r=\"\(Self.rel)\">\(workbookPr)<sheets>"
        var rels =
            Self.declaration + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        for (index, sheet) in sheets.enumerated() {
            let state = sheet.state.map { " state=\"\($0)\"" } ?? ""
            workbook +=
                "<sheet name=\"\(Self.escape(sheet.name))\" sheetId=\"\(index + 1)\"\(state) r:id=\"rId\(index + 1)\"/>"
            let folder = sheet.isChart ? "chartsheets" : "worksheets"
            let target = (absoluteTargets ? "/xl/" : "") + "\(folder)/sheet\(index + 1).xml"
            rels +=
                "<Relationship Id=\"rId\(index + 1)\" Type=\"\(Self.rel)/\(sheet.isChart ? "chartsheet" : "worksheet")\" Target=\"\(target)\"/>"
            entries.append(TestZipEntry("xl/\(folder)/sheet\(index + 1).xml", sheet.xml, deflate: deflate))
        }
        workbook += "</sheets></workbook>"
        let strings = sharedStringsXML ?? sharedStrings.map { Self.sst($0) }
        if let strings {
            rels +=
                "<Relationship Id=\"rIdS\" Type=\"\(Self.rel)/sharedStrings\" Target=\"\(absoluteTargets ? "/xl/" : "")sharedStrings.xml\"/>"
            entries.append(TestZipEntry("xl/sharedStrings.xml", strings, deflate: deflate))
        }
        if let stylesXML {
            rels += "<Relationship Id=\"rIdT\" Type=\"\(Self.rel)/styles\" Target=\"styles.xml\"/>"
            entries.append(TestZipEntry("xl/styles.xml", stylesXML, deflate: deflate))
        }
        rels += "</Relationships>"
        entries.append(TestZipEntry("xl/workbook.xml", workbook, deflate: deflate))
        entries.append(TestZipEntry("xl/_rels/workbook.xml.rels", rels, deflate: deflate))
        return entries
    }

    var bytes: [UInt8] { TestZip.make(entries) }

    static func sst(_ strings: [String]) -> String {
        declaration + "<sst xmlns=\"\(main)\">" + strings.map { "<si><t>\(escape($0))</t></si>" }.joined() + "</sst>"
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Column letters of a 0-based index.
    static func letters(_ column: Int) -> String {
        String(SheetReader.reference(column: column, row: 1).dropLast())
    }

    /// A row of inline-string cells (empty strings are left out), with references.
    static func textRow(_ number: Int, _ cells: [String]) -> String {
        var xml = "<row r=\"\(number)\">"
        for (index, cell) in cells.enumerated() where !cell.isEmpty {
            xml += "<c r=\"\(letters(index))\(number)\" t=\"inlineStr\"><is><t>\(escape(cell))</t></is></c>"
        }
        return xml + "</row>"
    }

    /// A row where cells that are plain numbers become numeric cells.
    static func row(_ number: Int, _ cells: [String]) -> String {
        var xml = "<row r=\"\(number)\">"
        for (index, cell) in cells.enumerated() where !cell.isEmpty {
            let reference = "\(letters(index))\(number)"
            if cell.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }), Double(cell) != nil {
                xml += "<c r=\"\(reference)\"><v>\(cell)</v></c>"
            } else {
                xml += "<c r=\"\(reference)\" t=\"inlineStr\"><is><t>\(escape(cell))</t></is></c>"
            }
        }
        return xml + "</row>"
    }

    /// The header of the template.
    static let header = [
        "STT", "Mã nội dung", "Nội dung", "Đơn vị tính", "Số lượng", "Đơn giá", "Thành tiền", "Ghi chú",
    ]

    /// Key rows (1–3) and the header (row 5).
    static let top =
        textRow(1, ["DỰ TOÁN KINH PHÍ"]) + textRow(2, ["Kế hoạch", "kon-tum-2020"])
        + textRow(3, ["Mã đơn vị", "STTTT"]) + textRow(5, header)
}

/// Reads workbook bytes through the public reader.
enum WorkbookFixture {
    static func read(
        _ bytes: [UInt8], limits: IntakeLimits = IntakeLimits(), keepsLineText: Bool = true,
        encoding: SourceEncoding? = nil, chunk: Int = .max, fileName: String = "test.xlsx"
    ) -> ReadResult {
        var consumer = CollectingConsumer()
        let options = IntakeOptions(
            fileName: fileName, requestedEncoding: encoding, limits: limits, keepsLineText: keepsLineText)
        do {
            let report = try SubmissionReader.read(
                open: { ChunkedByteSource(bytes, chunk: chunk) }, options: options, into: &consumer)
            return ReadResult(report: report, consumer: consumer)
        } catch {
            return ReadResult(
                report: IntakeReport(findings: [Finding(FindingCode(rawValue: "thrown"))]), consumer: consumer)
        }
    }

    static func read(_ workbook: TestWorkbook, limits: IntakeLimits = IntakeLimits()) -> ReadResult {
        read(workbook.bytes, limits: limits)
    }
}
