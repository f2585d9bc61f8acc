import BudgetTestSupport
import Testing

@testable import BudgetIntake

@Suite("CSV scanner")
struct CSVScannerTests {
    @Test(
        "each separator splits fields",
        arguments: [(UInt8(0x2C), "a,b,c"), (0x3B, "a;b;c"), (0x09, "a\tb\tc"), (0x7C, "a|b|c")])
    func separators(separator: UInt8, text: String) {
        #expect(scanRecords(text, separator: separator).records == [["a", "b", "c"]])
    }

    @Test(
        "quoted fields",
        arguments: [
            ("separator inside quotes", #""a,b",c"#, [["a,b", "c"]]),
            ("doubled quotes", #""say ""hi""",x"#, [[#"say "hi""#, "x"]]),
            ("line break inside quotes", "\"one\ntwo\",x", [["one\ntwo", "x"]]),
            ("CRLF inside quotes is kept", "\"one\r\ntwo\",x", [["one\r\ntwo", "x"]]),
            ("empty quoted field", #""",x"#, [["", "x"]]),
            ("trailing empty field", "a,", [["a", ""]]),
        ])
    func quoting(name: String, text: String, expected: [[String]]) {
        let result = scanRecords(text)
        #expect(result.records == expected, "\(name)")
        #expect(result.issues.isEmpty, "\(name)")
    }

    @Test("CR, LF and CRLF all end records, and blank lines are skipped", arguments: ["\n", "\r", "\r\n"])
    func lineEnds(end: String) {
        let text = ["a,b", "c,d", "", "e,f"].joined(separator: end) + end
        let result = scanRecords(text)
        #expect(result.records == [["a", "b"], ["c", "d"], ["e", "f"]])
        #expect(result.lines == [1, 2, 4])
    }

    @Test("a record spanning lines reports the physical line it starts on")
    func physicalLines() {
        let text = "h1,h2\r\n\"multi\r\nline\r\nfield\",x\r\nnext,y\r\n"
        let result = scanRecords(text)
        #expect(result.lines == [1, 2, 5])
        #expect(result.records[1] == ["multi\r\nline\r\nfield", "x"])
    }

    @Test("a quote never closed is reported at the line where it opened")
    func unterminated() {
        let result = scanRecords("a,b\n1,\"open\n2,3\n")
        #expect(result.issues == [CSVIssue(kind: .unterminatedQuote, field: 1, line: 2)])
        #expect(result.records.count == 2)
    }

    @Test("a quote inside an unquoted field is kept and reported")
    func quoteInUnquoted() {
        let result = scanRecords("a,b\"c,d\n")
        #expect(result.records == [["a", "b\"c", "d"]])
        #expect(result.issues == [CSVIssue(kind: .quoteInUnquotedField, field: 1, line: 1)])
    }

    @Test("text after a closing quote is kept and reported")
    func afterQuote() {
        let result = scanRecords("\"ab\"cd,e\n")
        #expect(result.records == [["abcd", "e"]])
        #expect(result.issues == [CSVIssue(kind: .textAfterClosingQuote, field: 0, line: 1)])
    }

    @Test("chunk boundaries anywhere give the same records", arguments: [1, 2, 3, 7])
    func chunking(chunk: Int) {
        let text = "a,\"b\"\"c\"\r\n\"x\r\ny\",z\r\n\r\nlast,\"\"\r"
        let whole = scanRecords(text)
        let split = scanRecords(text, chunk: chunk)
        #expect(split.records == whole.records)
        #expect(split.lines == whole.lines)
    }

    @Test(
        "limits stop the scan",
        arguments: [
            (IntakeLimits(maxFieldBytes: 4), "ab,cd\nabcdef,x\n", CSVLimit.fieldSize, 2),
            (IntakeLimits(maxColumns: 2), "a,b\nc,d,e\n", .columns, 2),
            (IntakeLimits(maxRows: 2), "a\nb\nc\nd\n", .rows, 3),
        ])
    func limits(limits: IntakeLimits, text: String, limit: CSVLimit, line: Int) {
        let result = scanRecords(text, limits: limits)
        #expect(result.stop?.limit == limit)
        #expect(result.stop?.line == line)
    }

    /// Whole input takes the fast paths (one search a record for a record without quotes,
    /// a search a field for simple quoted fields); one byte at a time takes only the state
    /// machine, since every record then runs past its chunk. They must agree on every text.
    @Test("random texts give the same records whole as byte by byte", arguments: [0x2C, 0x3B, 0x09] as [UInt8])
    func fastPathsAgree(separator: UInt8) {
        var random = SplitMix(seed: 0xC5F + UInt64(separator))
        let pieces: [String] = [
            ",", ";", "\t", "\"", "\"\"", "\n", "\r", "\r\n", "\u{0}", "\u{1}", " ", "a", "Bồi dưỡng",
            "0123456789abcdef", "x,y", "đợt 12",
        ]
        for _ in 0..<3_000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...40, using: &random) {
                text += pieces[Int.random(in: 0..<pieces.count, using: &random)]
            }
            let whole = scanRecords(text, separator: separator)
            let bytewise = scanRecords(text, separator: separator, chunk: 1)
            #expect(whole.records == bytewise.records, "\(Array(text.utf8))")
            #expect(whole.lines == bytewise.lines, "\(Array(text.utf8))")
            #expect(whole.issues == bytewise.issues, "\(Array(text.utf8))")
        }
    }
}
