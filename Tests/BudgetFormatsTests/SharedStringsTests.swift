import BudgetTestSupport
import Foundation
import Testing

@testable import BudgetFormats

@Suite("XLSX shared strings for columns that repeat")
struct SharedStringsTests {
    static let columns = [
        TableColumn("Mã", repeats: true), TableColumn("Nội dung"), TableColumn("Tệp", repeats: true),
    ]

    /// The strings of the table, in order, as written between `<t>` tags.
    static func sharedTexts(_ xml: String) -> [String] {
        xml.components(separatedBy: "<si>").dropFirst().map { item in
            let open = item.range(of: ">")!.upperBound
            return String(item[open..<item.range(of: "</t>")!.lowerBound])
        }
    }

    static func workbook(_ rows: [[Cell]], shared: SharedStrings = SharedStrings()) throws -> ZipReader {
        var xlsx = XLSXWriter(sink: BufferSink(), options: XLSXWriterTests.options, sharedStrings: shared)
        try xlsx.addSheet(TableSheet(name: "t", columns: columns, rows: rows))
        try xlsx.finish()
        return try ZipReader(xlsx.sink.bytes)
    }

    @Test("repeating columns refer to the table, each value once; other text stays inline; every text comes back")
    func references() throws {
        let tricky = XLSXWriterTests.tricky
        var rows: [[Cell]] = []
        for (index, text) in tricky.enumerated() {
            rows.append([.text(text), .text(text), .text("tep-\(index % 2).csv")])
            rows.append([.text(text), .text("lần hai"), .text("tep-\(index % 2).csv")])
        }
        let zip = try Self.workbook(rows)
        #expect(zip.entries.map(\.name).contains("xl/sharedStrings.xml"))
        let table = try #require(zip.text("xl/sharedStrings.xml"))
        let texts = Self.sharedTexts(table)
        // The titles of the two repeating columns, each tricky text once, the two file names.
        #expect(texts.count == 2 + tricky.count + 2)
        #expect(Set(texts).count == texts.count, "each value once")
        #expect(table.contains("count=\"\(2 + rows.count * 2)\" uniqueCount=\"\(texts.count)\""))
        #expect(table.contains("<si><t xml:space=\"preserve\">  lề hai bên  </t></si>"))
        let sheet = try #require(zip.text("xl/worksheets/sheet1.xml"))
        let cells = SheetCells.parse(sheet)
        for (index, text) in tricky.enumerated() {
            for row in [2 + 2 * index, 3 + 2 * index] {
                let reference = try #require(cells["A\(row)"])
                let number = try #require(Int(reference.components(separatedBy: "<v>")[1].prefix { $0.isNumber }))
                #expect(reference.contains("t=\"s\""))
                #expect(texts[number] == XMLText.escapedCellText(text), "A\(row)")
            }
            #expect(cells["B\(2 + 2 * index)"]?.contains("t=\"inlineStr\"") == true, "B is not a repeating column")
        }
        let rels = try #require(zip.text("xl/_rels/workbook.xml.rels"))
        #expect(rels.contains("/sharedStrings\" Target=\"sharedStrings.xml\""))
        let types = try #require(zip.text("[Content_Types].xml"))
        #expect(types.contains("PartName=\"/xl/sharedStrings.xml\""))
    }

    @Test("a full table leaves new values inline, so memory stays bounded whatever the sheet")
    func bounded() throws {
        let rows: [[Cell]] = (0..<10).map { [.text("mã \($0)"), .text("x"), .empty] }
        let zip = try Self.workbook(rows, shared: SharedStrings(maxStrings: 4))
        let texts = Self.sharedTexts(try #require(zip.text("xl/sharedStrings.xml")))
        #expect(texts == ["Mã", "Tệp", "mã 0", "mã 1"])
        let cells = SheetCells.parse(try #require(zip.text("xl/worksheets/sheet1.xml")))
        #expect(cells["A3"] == "<c s=\"3\" t=\"s\"><v>3</v></c>")
        #expect(cells["A4"] == "<c s=\"3\" t=\"inlineStr\"><is><t>mã 2</t></is></c>")
    }

    @Test("a workbook without repeating columns has no shared-string part, as before")
    func noneWithoutRepeats() throws {
        let (bytes, _) = try XLSXWriterTests.sampleWorkbook()
        #expect(!(try ZipReader(bytes)).entries.map(\.name).contains("xl/sharedStrings.xml"))
    }
}
