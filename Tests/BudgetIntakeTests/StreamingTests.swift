import BudgetCore
import Testing

@testable import BudgetIntake

@Suite("Streaming")
struct StreamingTests {
    /// A submission of `rows` lines with quoted fields, doubled quotes, line breaks in
    /// quotes, CRLF, Vietnamese text in NFC and NFD, ambiguous quantities and findings.
    static func generated(rows: Int) -> String {
        var text = "\u{FEFF}DỰ TOÁN KINH PHÍ\r\nMã đơn vị;BAOKT\r\nĐơn vị tính: nghìn đồng\r\n\r\n"
        text += "STT;Mã nội dung;Nội dung;Đơn vị tính;Số lượng;Đơn giá;Thành tiền;Ghi chú\r\n"
        let descriptions = [
            "Phóng sự chuyên đề", "\"Phim tài liệu \"\"90 năm\"\"\"", "\"Pa nô; băng rôn\r\ncờ\"",
            "To\u{0302}\u{0309} chu\u{031B}\u{0301}c ho\u{0323}\u{0302}i nghi\u{0323}", "In ấn tài liệu",
        ]
        for k in 1...rows {
            let quantity = k % 97 == 0 ? "1.500" : k % 89 == 0 ? "2,5" : String(k % 40 + 1)
            let amount = k % 113 == 0 ? "12abc" : "\((k % 40 + 1) * 45)"
            text += "\(k);IV.\(k % 7).a;\(descriptions[k % descriptions.count]);cái;\(quantity);45;\(amount);\r\n"
            if k % 500 == 0 { text += ";;CỘNG MỤC;;;;1;\r\n" }
        }
        text += ";;Tổng cộng;;;;999;\r\n;;Bằng chữ: Chín trăm chín mươi chín nghìn đồng;;;;;\r\n"
        return text
    }

    @Test("odd-sized chunks give the same result as one big chunk", arguments: [1, 7, 4093])
    func chunked(chunk: Int) {
        let bytes = Array(Self.generated(rows: chunk == 1 ? 3_000 : 30_000).utf8)
        #expect(bytes.count > (chunk == 1 ? 100_000 : SubmissionReader.chunkSize + 1000))
        let whole = Fixture.read(bytes: bytes)
        let split = Fixture.read(bytes: bytes, chunk: chunk)
        #expect(whole.report.lineCount > 0)
        #expect(split.consumer.lines == whole.consumer.lines)
        #expect(split.report.findings == whole.report.findings)
        #expect(split.report.totalRows == whole.report.totalRows)
        #expect(split.report.wordsRows == whole.report.wordsRows)
        #expect(split.report.lineSum == whole.report.lineSum)
        #expect(split.report.decimalMark == whole.report.decimalMark)
        #expect(split.consumer.preamble == whole.consumer.preamble)
        #expect(whole.report.separator == ";")
        #expect(whole.report.encoding == "utf-8-bom")
        #expect(whole.report.moneyScale == 1000)
        #expect(!whole.findings(.invalidNumber).isEmpty)
    }

    @Test("descriptions are NFC whatever the input form")
    func nfc() {
        let result = Fixture.read(Self.generated(rows: 10))
        #expect(result.lines.contains { $0.description == "Tổ chức hội nghị" })
    }
}
