import Foundation
import Testing

@testable import BudgetFormats

@Suite("Markdown and JSON writers")
struct TextTableWriterTests {
    static let columns = [
        TableColumn("Mã", kind: .text), TableColumn("Số lượng", kind: .decimal),
        TableColumn("Thành tiền", kind: .amount),
    ]

    @Test("a Markdown pipe table aligns numbers right, writes them plainly and escapes text")
    func markdown() throws {
        var sink = BufferSink()
        let count = try MarkdownTableWriter.write(
            TableSheet(
                name: "t", columns: Self.columns,
                rows: [
                    ["IV.2.a | b", .decimal(mantissa: 25, scale: 1), .amount(150_000_000)],
                    ["*x* _y_ <b> \\ `c` [l](u)", .empty, .amount(-1)],
                    ["dòng 1\r\ndòng 2\nba", .empty, .empty],
                ]), to: &sink)
        #expect(count == 3)
        #expect(
            String(decoding: sink.bytes, as: UTF8.self) == """
                | Mã | Số lượng | Thành tiền |
                | --- | ---: | ---: |
                | IV.2.a \\| b | 2.5 | 150000000 |
                | \\*x\\* \\_y\\_ \\<b\\> \\\\ \\`c\\` \\[l\\](u) |  | -1 |
                | dòng 1<br>dòng 2<br>ba |  |  |

                """)
    }

    @Test("a JSON array holds one object per row with the caller's keys, and parses back")
    func json() throws {
        var sink = BufferSink()
        let count = try JSONArrayWriter.write(
            TableSheet(
                name: "t", columns: Self.columns,
                rows: [
                    ["Sở \"Văn hóa\"\n\\ \u{1}\t", .decimal(mantissa: 25, scale: 1), .amount(150_000_000)],
                    [.empty, .decimal(mantissa: -5, scale: 3), .amount(Int64.min)],
                ]), keys: ["code", "quantity", "amount"], to: &sink)
        #expect(count == 2)
        let text = String(decoding: sink.bytes, as: UTF8.self)
        #expect(
            text == """
                [
                {"code":"Sở \\"Văn hóa\\"\\n\\\\ \\u0001\\t","quantity":2.5,"amount":150000000},
                {"code":null,"quantity":-0.005,"amount":-9223372036854775808}
                ]

                """)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(sink.bytes)) as? [[String: Any]])
        #expect(parsed[0]["code"] as? String == "Sở \"Văn hóa\"\n\\ \u{1}\t")
        #expect(parsed[0]["amount"] as? Int == 150_000_000)
        #expect(parsed[1]["code"] is NSNull)
    }

    @Test("an empty JSON table is an empty array; keys must fit the columns")
    func jsonEdges() throws {
        var sink = BufferSink()
        try JSONArrayWriter.write(
            TableSheet(name: "t", columns: Self.columns, rows: [[Cell]]()), keys: ["a", "b", "c"], to: &sink)
        #expect(sink.bytes == Array("[]\n".utf8))
        #expect(throws: JSONArrayError.keysDoNotMatchColumns(keys: 2, columns: 3)) {
            try JSONArrayWriter.write(
                TableSheet(name: "t", columns: Self.columns, rows: [[Cell]]()), keys: ["a", "b"], to: &sink)
        }
        #expect(throws: JSONArrayError.duplicateKey("a")) {
            try JSONArrayWriter.write(
                TableSheet(name: "t", columns: Self.columns, rows: [[Cell]]()), keys: ["a", "b", "a"], to: &sink)
        }
        #expect(JSONText.quoted("\u{1F}\u{7F}é\u{2028}") == "\"\\u001f\u{7F}é\u{2028}\"")
    }
}
