import BudgetCore
import Testing

@testable import BudgetIntake

@Suite("Limits")
struct LimitTests {
    static let body =
        Fixture.header + "\n" + (1...50).map { "\($0),I.1,Mua hàng,cái,1,5,5," }.joined(separator: "\n") + "\n"

    @Test(
        "each limit stops reading with limit-exceeded, without a crash",
        arguments: [
            (IntakeLimits(maxFileBytes: 100), "file-size"),
            (IntakeLimits(maxFieldBytes: 8), "field-size"),
            (IntakeLimits(maxColumns: 5), "columns"),
            (IntakeLimits(maxRows: 10), "rows"),
        ])
    func limits(limits: IntakeLimits, variant: String) {
        for chunk in [Int.max, 7] {
            let result = Fixture.read(Self.body, chunk: chunk, limits: limits)
            let found = result.findings(.limitExceeded)
            #expect(found.map(\.variant) == [variant], "chunk \(chunk)")
            #expect(found.first?.arguments["limit"] != nil)
            #expect(result.lines.count < 50)
        }
    }

    @Test(
        "a record longer than the field limit is read when each field is within it; the first limit reached in a record wins",
        arguments: [Int.max, 7])
    func fieldAndColumnOrder(chunk: Int) {
        // Fields are at most 13 bytes ("Thành tiền"), the header 62: within a 16-byte limit.
        let limits = IntakeLimits(maxFieldBytes: 16, maxColumns: 9)
        let short = "STT,Mã,Nội dung,ĐVT,Số lượng,Đơn giá,Thành tiền\n1,I.1,Mua hàng,cái,1,5,5\n"
        let read = Fixture.read(short, chunk: chunk, limits: limits)
        #expect(read.findings(.limitExceeded).isEmpty)
        #expect(read.lines.count == 1)
        // Line 3: a 17-byte field, then more columns than allowed: the field limit, met first.
        let both = short + "2,I.1,Mua hàng nhiều,cái,1,5,5,a,b,c,d\n"
        #expect(
            Fixture.read(both, chunk: chunk, limits: limits).findings(.limitExceeded).map(\.variant) == ["field-size"])
        // Line 3: short fields, too many of them: the column limit.
        let wide = short + "2,I.1,Mua,cái,1,5,5,a,b,c,d\n"
        #expect(Fixture.read(wide, chunk: chunk, limits: limits).findings(.limitExceeded).map(\.variant) == ["columns"])
    }

    @Test("the rows limit keeps the lines before it")
    func rowsKeepLines() {
        let result = Fixture.read(Self.body, limits: IntakeLimits(maxRows: 10))
        #expect(result.lines.count == 9)
        #expect(result.findings == [Located(11, nil, .limitExceeded, "rows")])
    }

    @Test("a file over the size limit read in many chunks stops as soon as it crosses it")
    func fileSizeStreaming() {
        let big = Self.body + String(repeating: "1,I.1,x,cái,1,5,5,\n", count: 100_000)
        let result = Fixture.read(big, chunk: 4093, limits: IntakeLimits(maxFileBytes: SubmissionReader.chunkSize + 10))
        #expect(result.findings.map(\.variant) == ["file-size"])
        #expect(result.report.byteCount <= SubmissionReader.chunkSize + 4093)
    }

    @Test("an unterminated quote swallowing a long tail hits the field limit and names the opening line")
    func unterminatedLong() {
        let text =
            Fixture.header + "\n1,I.1,\"open,cái,1,5,5,\n" + String(repeating: "2,I.1,x,cái,1,5,5,\n", count: 100)
        let result = Fixture.read(text, limits: IntakeLimits(maxFieldBytes: 500))
        #expect(
            result.findings == [
                Located(2, nil, .limitExceeded, "field-size"), Located(2, nil, .malformedCSV, "unterminated"),
            ])
    }

    @Test(
        "malformed quoting is reported with the header's column and reading goes on; a record never closed is no line")
    func malformed() {
        let text =
            Fixture.header
            + "\n1,I.1,Mua \"loại 1\",cái,1,5,5,\n2,I.1,\"Mua\" thêm,cái,1,5,5,\n3,I.1,\"never closed,cái,1,5,5,\n"
        let result = Fixture.read(text)
        #expect(
            result.findings == [
                Located(2, 3, .malformedCSV), Located(3, 3, .malformedCSV, "after-quote"),
                Located(4, 3, .malformedCSV, "unterminated"),
            ])
        #expect(result.findings(.malformedCSV).first?.column == "Nội dung")
        #expect(result.lines.count == 2)
    }

    @Test(
        "garbage never crashes or hangs",
        arguments: [
            "\"", "\"\"\"", ",,,,\n\n\r\r", "\u{0}\u{1}\u{2}", String(repeating: "\"a\",", count: 300), "a\rb\r\nc\n\"",
        ])
    func garbage(text: String) {
        let result = Fixture.read(text)
        // Nothing here is an estimate: no line is read, and the file says why.
        #expect(result.lines.isEmpty)
        #expect(!result.findings.isEmpty)
        let byteByByte = Fixture.read(text, chunk: 1)
        #expect(byteByByte.findings == result.findings, "reading a byte at a time changes nothing")
    }
}
