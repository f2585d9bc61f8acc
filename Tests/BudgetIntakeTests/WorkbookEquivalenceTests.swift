import BudgetCore
import Foundation
import Testing

@testable import BudgetIntake

/// The same table as CSV and as a workbook reads the same: the workbook's rows go through
/// the CSV table stage, so every line, total, words row and finding must agree — only the
/// encoding differs.
///
/// Each example submission (`Examples/submissions/`) is decoded and scanned as the reader
/// does, and its records become sheet rows numbered by their physical line, so that line
/// numbers agree too.
@Suite("Workbooks: the same table as CSV and as XLSX")
struct WorkbookEquivalenceTests {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Examples/submissions")

    static let names: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: examples.path)) ?? []
        return names.filter { $0.hasSuffix(".csv") || $0.hasSuffix(".txt") }.sorted()
    }()

    /// The records of an example as the CSV reader scans them: (line, fields).
    static func records(_ bytes: [UInt8]) throws -> [(line: Int, fields: [String])] {
        let detection = bytes.withUnsafeBufferPointer {
            EncodingDetector.detect($0, isWholeFile: true, requested: nil, excludeUTF8: false)
        }
        let encoding = try #require(detection.encoding)
        var transcoder = Transcoder(encoding)
        var text: [UInt8] = []
        _ = bytes.withUnsafeBufferPointer {
            transcoder.transcode(UnsafeBufferPointer(rebasing: $0[detection.bomLength...]), isFinal: true, into: &text)
        }
        let separator = text.withUnsafeBufferPointer { SeparatorSniffer.sniff($0, isWholeInput: true) }
        let scanned = scanRecords(String(decoding: text, as: UTF8.self), separator: separator)
        #expect(scanned.issues.isEmpty)
        return zip(scanned.lines, scanned.records).map { ($0, $1) }
    }

    /// A workbook of `records`, text in shared strings (or inline strings), numbers in
    /// `numeric` columns written as numbers when they are plain integers.
    static func workbook(
        _ records: [(line: Int, fields: [String])], shared: Bool, numeric: Set<Int> = [], deflate: Bool = true
    ) -> [UInt8] {
        var strings: [String] = []
        var index: [String: Int] = [:]
        var rows = ""
        for (line, fields) in records {
            rows += "<row r=\"\(line)\">"
            for (column, field) in fields.enumerated() where !field.isEmpty {
                let reference = "\(TestWorkbook.letters(column))\(line)"
                if numeric.contains(column), let number = plainInteger(field) {
                    rows += "<c r=\"\(reference)\" s=\"1\"><v>\(number)</v></c>"
                } else if shared {
                    let position = index[field] ?? strings.count
                    if position == strings.count {
                        strings.append(field)
                        index[field] = position
                    }
                    rows += "<c r=\"\(reference)\" t=\"s\"><v>\(position)</v></c>"
                } else {
                    rows +=
                        "<c r=\"\(reference)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(TestWorkbook.escape(field))</t></is></c>"
                }
            }
            rows += "</row>"
        }
        var workbook = TestWorkbook(rows: rows, sharedStrings: shared ? strings : nil)
        workbook.deflate = deflate
        workbook.stylesXML =
            TestWorkbook.declaration + "<styleSheet xmlns=\"\(TestWorkbook.main)\"><cellXfs count=\"2\">"
            + "<xf numFmtId=\"0\"/><xf numFmtId=\"3\"/></cellXfs></styleSheet>"
        return workbook.bytes
    }

    /// "25.000.000" or "25000000" (optionally negative) as digits; nil for anything else.
    static func plainInteger(_ field: String) -> String? {
        let trimmed = field.trimmingCharacters(in: .whitespaces)
        let negative = trimmed.hasPrefix("-")
        let body = negative ? String(trimmed.dropFirst()) : trimmed
        let groups = body.split(separator: ".", omittingEmptySubsequences: false)
        guard let first = groups.first, !first.isEmpty, first.allSatisfy(\.isASCII), first.allSatisfy(\.isNumber) else {
            return nil
        }
        if groups.count > 1 {
            guard first.count <= 3, groups.dropFirst().allSatisfy({ $0.count == 3 && $0.allSatisfy(\.isNumber) })
            else { return nil }
        }
        return (negative ? "-" : "") + groups.joined()
    }

    @Test("each example reads the same as CSV and as a workbook: lines, totals, words, findings", arguments: names)
    func example(_ name: String) throws {
        let bytes = try [UInt8](Data(contentsOf: Self.examples.appendingPathComponent(name)))
        let csv = Fixture.read(bytes: bytes)
        #expect(csv.report.encoding != nil)
        let records = try Self.records(bytes)
        #expect(records.count > 5)
        for shared in [true, false] {
            for keepsLineText in [true, false] {
                let xlsx = WorkbookFixture.read(
                    Self.workbook(records, shared: shared), keepsLineText: keepsLineText, fileName: "test.csv")
                let reference = keepsLineText ? csv : Fixture.read(bytes: bytes, keepsLineText: false)
                #expect(xlsx.report.encoding == "xlsx")
                #expect(xlsx.lines == reference.lines, "\(name) shared: \(shared)")
                #expect(xlsx.report.findings == reference.report.findings, "\(name)")
                #expect(xlsx.report.preamble == reference.report.preamble)
                #expect(xlsx.report.totalRows == reference.report.totalRows)
                #expect(xlsx.report.wordsRows == reference.report.wordsRows)
                #expect(xlsx.report.lineSum == reference.report.lineSum)
                #expect(xlsx.report.lineCount == reference.report.lineCount)
                #expect(xlsx.report.moneyScale == reference.report.moneyScale)
                #expect(xlsx.report.decimalMark == reference.report.decimalMark)
            }
        }
    }

    @Test(
        "with its money written as numbers (as Excel stores them), an example gives the same amounts and totals",
        arguments: names)
    func numbers(_ name: String) throws {
        let bytes = try [UInt8](Data(contentsOf: Self.examples.appendingPathComponent(name)))
        let csv = Fixture.read(bytes: bytes)
        let records = try Self.records(bytes)
        // The columns of the quantity, the unit price and the amount, from the header.
        let columns = try #require(csv.report.preamble?.columns)
        let numeric = Set([ColumnField.quantity, .unitPrice, .amount].compactMap { columns[$0].map { $0.number - 1 } })
        let xlsx = WorkbookFixture.read(Self.workbook(records, shared: true, numeric: numeric), fileName: "test.csv")
        func figures(_ lines: [EstimateLine]) -> [[String]] {
            lines.map {
                [
                    String($0.line), $0.itemCode, "\($0.quantity.map { "\($0)" } ?? "-")",
                    "\($0.unitPrice?.dong ?? -1)", "\($0.amount?.dong ?? -1)",
                ]
            }
        }
        #expect(figures(xlsx.lines) == figures(csv.lines), "\(name)")
        #expect(xlsx.report.totalRows.map(\.amount) == csv.report.totalRows.map(\.amount))
        #expect(xlsx.report.lineSum == csv.report.lineSum)
        // The numbers themselves carry no decimal-mark evidence; any finding beyond the
        // CSV's is about that, never about the amounts.
        let extra = Set(xlsx.codes).subtracting(csv.codes)
        #expect(extra.isSubset(of: ["ambiguous-number"]), "\(name): \(extra)")
    }
}
