import Foundation
import Testing

@testable import BudgetFormats

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite("HTML")
struct HTMLTests {
    @Test(
        "text is escaped for element content and quoted attributes alike",
        arguments: [
            ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
            ("\" onmouseover=\"x", "&quot; onmouseover=&quot;x"), ("it's", "it&#39;s"), ("a & b", "a &amp; b"),
            ("Sở Tài chính", "Sở Tài chính"), ("nul\u{0}bell\u{7}", "nul\u{FFFD}bell\u{FFFD}"),
            ("tab\tlf\n", "tab\tlf\n"),
            ("&amp;", "&amp;amp;"),
        ] as [(String, String)])
    func escape(text: String, escaped: String) {
        #expect(HTML.escape(text) == escaped)
    }

    @Test("line breaks can be kept as <br>, CRLF as one")
    func lines() {
        #expect(HTML.escapeKeepingLines("a\r\nb\nc\rd<") == "a<br>b<br>c<br>d&lt;")
    }

    static let columns = [
        TableColumn("STT", kind: .integer), TableColumn("Nội dung"), TableColumn("Số lượng", kind: .decimal),
        TableColumn("Thành tiền", kind: .amount),
    ]

    @Test("a table page is standalone, A4, UTF-8, with escaped text and grouped, right-aligned amounts")
    func tablePage() throws {
        let sheet = TableSheet(
            name: "t", columns: Self.columns,
            rows: [
                [.integer(1), "<b>Phim</b> \"90 năm\"", .decimal(mantissa: 25, scale: 1), .amount(150_000_000)],
                [.empty, "Tổng cộng", .empty, .amount(-1_234)],
            ])
        var sink = BufferSink()
        let count = try HTMLTableWriter.write(
            sheet, document: HTMLDocument(title: "Tổng hợp <theo> đơn vị"), lead: ["Kế hoạch & dự toán"], to: &sink)
        let html = String(decoding: sink.bytes, as: UTF8.self)
        #expect(count == 2)
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"vi\">"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
        #expect(html.contains("@page { size: A4; margin: 2cm }"))
        #expect(html.contains("font-family: \"Times New Roman\""))
        #expect(html.contains("<title>Tổng hợp &lt;theo&gt; đơn vị</title>"))
        #expect(html.contains("<p class=\"lead\">Kế hoạch &amp; dự toán</p>"))
        #expect(
            html.contains(
                "<tr><td class=\"n\">1</td><td>&lt;b&gt;Phim&lt;/b&gt; &quot;90 năm&quot;</td><td class=\"n\">2,5</td><td class=\"n\">150.000.000</td></tr>"
            ))
        #expect(html.contains("<td class=\"n\">-1.234</td>"))
        #expect(!html.contains("<script") && !html.contains("http://") && !html.contains("https://"))
        #expect(html.hasSuffix("</body>\n</html>\n"))
        #expect(HTMLDocument(title: "x", landscape: true).stylesheet.contains("size: A4 landscape"))
    }

    @Test("a table fragment streams many rows in order")
    func fragment() throws {
        let rows = (1...5_000).map { [Cell.integer(Int64($0)), .text("r\($0)"), .empty, .amount(Int64($0) * 1000)] }
        let html = try HTMLTableWriter.fragment(TableSheet(name: "t", columns: Self.columns, rows: rows))
        #expect(html.hasPrefix("<table>\n<colgroup><col style=\"width:"))
        #expect(html.contains("</colgroup>\n<thead>"))
        #expect(html.hasSuffix("</tbody>\n</table>\n"))
        #expect(html.components(separatedBy: "<tr>").count - 1 == 5_001)
        let first = try #require(html.range(of: "<td>r1</td>"))
        let last = try #require(html.range(of: "<td>r5000</td>"))
        #expect(first.lowerBound < last.lowerBound)
        #expect(html.contains("<td class=\"n\">5.000.000</td>"))
    }

    @Test("a bar chart is self-contained SVG with escaped labels and grouped values")
    func barChart() throws {
        let chart = SVGBarChart(
            bars: [
                (label: "Báo Kon Tum", value: 150_000_000), (label: "<Sở> & \"Văn hóa\"", value: 75_000_000),
                (label: "Không", value: 0), (label: String(repeating: "Dài ", count: 40), value: 1),
            ], width: 600, title: "Tổng hợp theo đơn vị")
        let svg = chart.render()
        // The long label wraps onto 4 lines, its row 66 px high; the others take 24 px.
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"600\" height=\"146\""))
        #expect(svg.contains("&lt;Sở&gt; &amp; &quot;Văn hóa&quot;"))
        #expect(!svg.contains("<Sở>"))
        #expect(svg.contains(">150.000.000</text>") && svg.contains(">75.000.000</text>"))
        #expect(!svg.contains("…"), "labels are never cut")
        #expect(svg.components(separatedBy: "<tspan").count - 1 == 3 + 4)
        #expect(svg.components(separatedBy: "<rect").count - 1 == 3, "no bar for zero")
        #expect(!svg.contains("href") && !svg.contains("<script"))
        #expect(svg == chart.render())
        // The largest bar fills the bar area; half the value, half the length.
        let widths = svg.components(separatedBy: "<rect").dropFirst().compactMap { part -> Int? in
            guard let range = part.range(of: "width=\"") else { return nil }
            return Int(part[range.upperBound...].prefix { $0.isNumber })
        }
        #expect(widths.count == 3 && abs(widths[0] - 2 * widths[1]) <= 1 && widths[2] == 1)
        #expect(SVGBarChart.length(of: Int64.max, largest: Int64.max, area: 300) == 300)
        #expect(SVGBarChart.length(of: -5, largest: 10, area: 300) == 0)
        #expect(SVGBarChart(bars: [], width: 10).render().contains("height=\"8\""))
    }

    @Test("the chart is well-formed XML")
    func barChartParses() throws {
        let svg = SVGBarChart(bars: [(label: "a < b & 'c'", value: 5), (label: "ổn", value: 7)], title: "T & t")
            .render()
        let parser = XMLParser(data: Data(svg.utf8))
        #expect(parser.parse(), "\(String(describing: parser.parserError))")
    }
}
