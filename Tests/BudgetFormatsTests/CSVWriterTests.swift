import BudgetTestSupport
import Testing

@testable import BudgetFormats

@Suite("CSV writer")
struct CSVWriterTests {
    static let columns = [
        TableColumn("STT", kind: .integer), TableColumn("Nội dung"), TableColumn("Số lượng", kind: .decimal),
        TableColumn("Thành tiền", kind: .amount),
    ]

    static func csv(_ rows: [[Cell]], options: CSVOptions = CSVOptions(byteOrderMark: false)) throws -> String {
        String(
            decoding: try CSVWriter.bytes(TableSheet(name: "t", columns: columns, rows: rows), options: options),
            as: UTF8.self)
    }

    @Test("a table is a header record and one CRLF-terminated record per row, numbers plain")
    func basic() throws {
        let text = try Self.csv([
            [.integer(1), "Phim tài liệu", .decimal(mantissa: 25, scale: 1), .amount(90_000_000)],
            [.integer(2), "Phóng sự", .decimal(mantissa: 10, scale: 0), .amount(-60_000_000)],
            [.empty, "Tổng cộng"],
        ])
        #expect(
            text
                == "STT,Nội dung,Số lượng,Thành tiền\r\n1,Phim tài liệu,2.5,90000000\r\n2,Phóng sự,10,-60000000\r\n,Tổng cộng,,\r\n"
        )
    }

    @Test("rows pushed one at a time give the bytes of the pulled table, padded the same way")
    func pushed() throws {
        var rows: [[Cell]] = [[.empty, "Tổng cộng"], ["=1+1", "a,b", .decimal(mantissa: 25, scale: 1), .amount(-5)]]
        rows += (0..<5_000).map { [.integer(Int64($0)), .text("dòng \($0)"), .empty, .amount(Int64($0) * 1_000)] }
        for options in [
            CSVOptions(), CSVOptions(separator: .semicolon, byteOrderMark: false, header: false, decimalMark: ","),
        ] {
            var writer = CSVRecordWriter(columns: Self.columns, name: "t", output: BufferSink(), options: options)
            for row in rows { try writer.append(row) }
            try writer.finish()
            #expect(writer.rows == rows.count)
            let pulled = try CSVWriter.bytes(TableSheet(name: "t", columns: Self.columns, rows: rows), options: options)
            #expect(writer.output.bytes == pulled)
        }
        var writer = CSVRecordWriter(columns: Self.columns, name: "t", output: BufferSink())
        try writer.append([.integer(1)])
        #expect(throws: TableShapeError(sheet: "t", row: 2, cells: 5, columns: 4)) {
            try writer.append([.empty, .empty, .empty, .empty, .empty])
        }
    }

    @Test("the byte-order mark leads unless turned off")
    func bom() throws {
        let bytes = try CSVWriter.bytes(TableSheet(name: "t", columns: Self.columns, rows: [[Cell]]()))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let none = try CSVWriter.bytes(
            TableSheet(name: "t", columns: Self.columns, rows: [[Cell]]()), options: CSVOptions(byteOrderMark: false))
        #expect(none.first == UInt8(ascii: "S"))
    }

    @Test(
        "fields are quoted when they hold the separator, a quote, CR or LF",
        arguments: [
            ("plain", "plain"), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""),
            ("two\nlines", "\"two\nlines\""),
            ("cr\rhere", "\"cr\rhere\""), ("semi;colon", "semi;colon"), ("", ""),
        ] as [(String, String)])
    func quoting(field: String, written: String) throws {
        let text = try Self.csv([[.empty, .text(field)]])
        #expect(text.split(separator: "\r\n", omittingEmptySubsequences: false)[1] == Substring(",\(written),,"))
    }

    @Test("with ';' as separator, a field holding ';' is quoted and a comma decimal mark is safe")
    func semicolon() throws {
        let text = try Self.csv(
            [[.integer(1), "a;b", .decimal(mantissa: 25, scale: 1), .amount(5)]],
            options: CSVOptions(separator: .semicolon, byteOrderMark: false, decimalMark: ","))
        #expect(text == "STT;Nội dung;Số lượng;Thành tiền\r\n1;\"a;b\";2,5;5\r\n")
        let clash = try Self.csv(
            [[.empty, .empty, .decimal(mantissa: 25, scale: 1)]],
            options: CSVOptions(byteOrderMark: false, decimalMark: ","))
        #expect(clash.hasSuffix(",,\"2,5\",\r\n"))
    }

    @Test(
        "text that a spreadsheet would run as a formula gets a leading apostrophe",
        arguments: [
            ("=SUM(A1)", "'=SUM(A1)"), ("+1", "'+1"), ("-1", "'-1"), ("@x", "'@x"), ("\tx", "'\tx"),
            ("\rx", "\"'\rx\""), ("=1,2", "\"'=1,2\""), ("a=1", "a=1"), (" =1", " =1"),
        ] as [(String, String)])
    func neutralised(text: String, written: String) throws {
        let csv = try Self.csv([[.empty, .text(text)]])
        #expect(csv.split(separator: "\r\n", omittingEmptySubsequences: false)[1] == Substring(",\(written),,"))
    }

    @Test("numbers are never prefixed, negative or not")
    func numbersNotNeutralised() throws {
        let csv = try Self.csv([[.integer(-1), .empty, .decimal(mantissa: -25, scale: 1), .amount(-150_000_000)]])
        #expect(csv.hasSuffix("\r\n-1,,-2.5,-150000000\r\n"))
    }

    @Test("rows stream from a throwing closure, and its error passes through")
    func closureRows() throws {
        struct Broken: Error {}
        var remaining = 3
        let sheet = TableSheet(name: "t", columns: Self.columns) { () throws -> [Cell]? in
            remaining -= 1
            if remaining < 0 { throw Broken() }
            return [.integer(Int64(remaining))]
        }
        var sink = BufferSink()
        #expect(throws: Broken.self) { try CSVWriter.write(sheet, to: &sink) }

        var count = 0
        let finite = TableSheet(name: "t", columns: Self.columns) { () -> [Cell]? in
            count += 1
            return count <= 2 ? [.integer(Int64(count))] : nil
        }
        var out = BufferSink()
        #expect(try CSVWriter.write(finite, to: &out, options: CSVOptions(byteOrderMark: false)) == 2)
    }

    @Test("a row longer than the columns is an error naming the row")
    func tooLong() throws {
        let cells: [Cell] = [.integer(1), "a", .empty, .amount(1), "extra"]
        #expect(throws: TableShapeError(sheet: "t", row: 2, cells: 5, columns: 4)) {
            try Self.csv([[.integer(1)], cells])
        }
    }

    @Test("CSV streams into a ZIP entry like into a file")
    func intoZip() throws {
        var zip = ZipWriter(sink: BufferSink(), modified: .earliest)
        try zip.beginEntry("a.csv")
        try CSVWriter.write(TableSheet(name: "t", columns: Self.columns, rows: [[.integer(1)]]), to: &zip)
        try zip.endEntry()
        try zip.finish()
        let reader = try ZipReader(zip.sink.bytes)
        #expect(reader.text("a.csv") == "\u{FEFF}STT,Nội dung,Số lượng,Thành tiền\r\n1,,,\r\n")
    }
}
