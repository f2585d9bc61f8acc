import Testing

@testable import HTTPServer

/// A multipart body from parts given as (header lines, data).
func multipartBody(
    boundary: String, _ parts: [(String, [UInt8])], preamble: String = "", epilogue: String = "\r\n"
) -> [UInt8] {
    var body = Array(preamble.utf8)
    for (headers, data) in parts {
        body += Array("--\(boundary)\r\n\(headers)\r\n".utf8) + data + Array("\r\n".utf8)
    }
    return body + Array("--\(boundary)--\(epilogue)".utf8)
}

/// Parses in one feed; events (data merged) or the error.
func parseMultipart(
    _ body: [UInt8], boundary: String, limits: MultipartLimits = MultipartLimits()
) -> (
    [MultipartEvent], MultipartError?
) {
    do {
        var parser = try MultipartParser(boundary: boundary, limits: limits)
        var events: [MultipartEvent] = []
        do {
            try parser.feed(body, into: &events)
            try parser.finish()
            return (MultipartFuzzHarness.normalized(events), nil)
        } catch {
            return (MultipartFuzzHarness.normalized(events), error)
        }
    } catch {
        return ([], error)
    }
}

@Suite("Multipart parser")
struct MultipartParserTests {
    static let boundary = "----WebKitFormBoundaryQ3b0aXZ2"
    static let fileData: [UInt8] =
        Array("STT,Mã,Thành tiền\r\n1,A01,1000\r\n--not-the-boundary\r\n\r\n-".utf8) + [0, 255, 13]
    static let body = multipartBody(
        boundary: boundary,
        [
            ("Content-Disposition: form-data; name=\"agency\"\r\n", Array("BAOKT".utf8)),
            (
                "Content-Disposition: form-data; name=\"file\"; filename=\"dự toán.csv\"\r\nContent-Type: text/csv\r\n",
                fileData
            ),
            ("Content-Disposition: form-data; name=\"empty\"\r\n", []),
        ], preamble: "ignored preamble\r\n", epilogue: "\r\nignored epilogue")

    @Test("a form with fields and a file gives part heads, data and ends, then the end")
    func basicForm() {
        let (events, error) = parseMultipart(Self.body, boundary: Self.boundary)
        #expect(error == nil)
        #expect(events.count == 9)
        guard events.count == 9, case .partBegin(let agency) = events[0], case .partBegin(let file) = events[3],
            case .partBegin(let empty) = events[6]
        else {
            Issue.record("unexpected events \(events)")
            return
        }
        #expect(
            agency == MultipartPartHead(name: "agency", headers: ["Content-Disposition": "form-data; name=\"agency\""]))
        #expect(events[1] == .partData(Array("BAOKT".utf8)))
        #expect(events[2] == .partEnd)
        #expect(file.name == "file")
        #expect(file.filename == "dự toán.csv")
        #expect(file.contentType == "text/csv")
        #expect(file.isFile)
        #expect(events[4] == .partData(Self.fileData))
        #expect(empty.name == "empty")
        #expect(!empty.isFile)
        #expect(events[7] == .partEnd)
        #expect(events[8] == .end)
    }

    @Test("a body split at every offset (and fed byte by byte) gives the same events as one feed")
    func everySplit() throws {
        let (whole, wholeError) = parseMultipart(Self.body, boundary: Self.boundary)
        #expect(wholeError == nil)
        for cut in 0...Self.body.count {
            var parser = try MultipartParser(boundary: Self.boundary)
            var events: [MultipartEvent] = []
            try parser.feed(Self.body[..<cut], into: &events)
            try parser.feed(Self.body[cut...], into: &events)
            try parser.finish()
            #expect(MultipartFuzzHarness.normalized(events) == whole, "cut at \(cut)")
        }
        var parser = try MultipartParser(boundary: Self.boundary)
        var events: [MultipartEvent] = []
        for byte in Self.body { try parser.feed([byte], into: &events) }
        try parser.finish()
        #expect(MultipartFuzzHarness.normalized(events) == whole)
    }

    @Test("a body that starts with its delimiter needs no preamble; padding after a delimiter is allowed")
    func noPreambleAndPadding() {
        let body = Array("--b \t\r\nContent-Disposition: form-data; name=a\r\n\r\nv\r\n--b--".utf8)
        let (events, error) = parseMultipart(body, boundary: "b")
        #expect(error == nil)
        #expect(
            events == [
                .partBegin(MultipartPartHead(name: "a", headers: ["Content-Disposition": "form-data; name=a"])),
                .partData([118]), .partEnd, .end,
            ])
    }

    @Test("the boundary text inside data, not after CRLF, is data")
    func boundaryInsideData() {
        let data = Array("x--b\r\n-b\r\n--c".utf8)
        let body = multipartBody(
            boundary: "b", [("Content-Disposition: form-data; name=\"f\"; filename=\"f\"\r\n", data)])
        let (events, error) = parseMultipart(body, boundary: "b")
        #expect(error == nil)
        #expect(events.count == 4)
        if events.count == 4 { #expect(events[1] == .partData(data)) }
    }

    @Test(
        "the boundary comes from Content-Type, quoted or not, in any case of the type",
        arguments: [
            ("multipart/form-data; boundary=abc", "abc"),
            ("Multipart/Form-Data;boundary=\"a b:c?\"", "a b:c?"),
            ("multipart/form-data; charset=utf-8; boundary=----WebKitFormBoundaryX", "----WebKitFormBoundaryX"),
            (
                "multipart/form-data; boundary=\"\(String(repeating: "x", count: 70))\"",
                String(repeating: "x", count: 70)
            ),
        ])
    func boundaryFromContentType(_ contentType: String, _ boundary: String) throws {
        #expect(try MultipartParser.boundary(contentType: contentType) == boundary)
    }

    @Test(
        "a missing, long, space-ending or badly quoted boundary, or another type, is refused",
        arguments: [
            "multipart/form-data", "multipart/form-data; boundary=", "multipart/form-data; boundary=\"a \"",
            "multipart/form-data; boundary=\"\(String(repeating: "x", count: 71))\"", "multipart/mixed; boundary=a",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=\"abc",
            "multipart/form-data; boundary=a<b",
            "multipart/form-data; boundary=a; boundary=b",
        ])
    func invalidBoundary(_ contentType: String) {
        #expect(throws: MultipartError.invalidBoundary) { try MultipartParser.boundary(contentType: contentType) }
    }

    @Test(
        "file names keep quotes escaped with backslashes, literal backslashes and UTF-8; filename* is ignored",
        arguments: [
            ("filename=\"b\\\"c\\\" Dự toán.xlsx\"", "b\"c\" Dự toán.xlsx"),
            ("filename=\"C:\\dir\\a.csv\"", "C:\\dir\\a.csv"),
            ("filename=\"a\\\\b\"", "a\\b"),
            ("filename=\"\"", ""),
            ("filename=plain.txt", "plain.txt"),
            ("filename=\"a.txt\"; filename*=UTF-8''%E2%82%AC.txt", "a.txt"),
            ("FILENAME=\"x;y=z.txt\"", "x;y=z.txt"),
        ])
    func filenames(_ parameter: String, _ filename: String) {
        let body = multipartBody(boundary: "b", [("Content-Disposition: form-data; name=\"f\"; \(parameter)\r\n", [1])])
        let (events, error) = parseMultipart(body, boundary: "b")
        #expect(error == nil)
        guard case .partBegin(let head)? = events.first else {
            Issue.record("no part")
            return
        }
        #expect(head.filename == filename)
        #expect(head.isFile)
    }

    @Test("16 parts are read; a 17th is refused")
    func partLimit() {
        let parts = (0..<16).map { ("Content-Disposition: form-data; name=\"f\($0)\"\r\n", [UInt8]()) }
        #expect(parseMultipart(multipartBody(boundary: "b", parts), boundary: "b").1 == nil)
        let tooMany = parts + [("Content-Disposition: form-data; name=\"x\"\r\n", [])]
        #expect(parseMultipart(multipartBody(boundary: "b", tooMany), boundary: "b").1 == .tooManyParts)
    }

    @Test("a part header block over 8 KiB (from the end of the boundary to the blank line) is refused")
    func headerLimit() {
        let disposition = "Content-Disposition: form-data; name=\"f\"\r\n"
        // The CRLF ending the delimiter line, the fields, the blank line.
        let filler = 8 * 1024 - 2 - disposition.utf8.count - "X: \r\n\r\n".utf8.count
        let exact = disposition + "X: \(String(repeating: "a", count: filler))\r\n"
        #expect(parseMultipart(multipartBody(boundary: "b", [(exact, [])]), boundary: "b").1 == nil)
        let over = disposition + "X: \(String(repeating: "a", count: filler + 1))\r\n"
        #expect(parseMultipart(multipartBody(boundary: "b", [(over, [])]), boundary: "b").1 == .partHeaderTooLarge)
    }

    @Test("a text field over 64 KiB is refused; a file part of any size is not")
    func fieldLimit() {
        let field = "Content-Disposition: form-data; name=\"note\"\r\n"
        let file = "Content-Disposition: form-data; name=\"f\"; filename=\"a\"\r\n"
        let exact = [UInt8](repeating: 65, count: 64 * 1024)
        #expect(parseMultipart(multipartBody(boundary: "b", [(field, exact)]), boundary: "b").1 == nil)
        #expect(
            parseMultipart(multipartBody(boundary: "b", [(field, exact + [65])]), boundary: "b").1 == .fieldTooLarge)
        #expect(parseMultipart(multipartBody(boundary: "b", [(file, exact + exact)]), boundary: "b").1 == nil)
        #expect(MultipartError.fieldTooLarge.status.code == 413)
        #expect(MultipartError.truncated.status.code == 400)
    }

    static let malformed: [(String, String, MultipartError)] = [
        ("no close delimiter", "--b\r\nContent-Disposition: form-data; name=a\r\n\r\nv\r\n--b", .truncated),
        ("body ends in a part's data", "--b\r\nContent-Disposition: form-data; name=a\r\n\r\nv", .truncated),
        ("body ends in part headers", "--b\r\nContent-Disposition: form-da", .truncated),
        ("only a preamble", "no delimiter at all", .truncated),
        ("empty body", "", .truncated),
        ("no Content-Disposition", "--b\r\nContent-Type: text/plain\r\n\r\nv\r\n--b--", .invalidContentDisposition),
        (
            "not form-data", "--b\r\nContent-Disposition: attachment; name=a\r\n\r\nv\r\n--b--",
            .invalidContentDisposition
        ),
        ("no name", "--b\r\nContent-Disposition: form-data; filename=a\r\n\r\nv\r\n--b--", .invalidContentDisposition),
        (
            "name twice", "--b\r\nContent-Disposition: form-data; name=a; name=b\r\n\r\nv\r\n--b--",
            .invalidContentDisposition
        ),
        (
            "two Content-Disposition fields",
            "--b\r\nContent-Disposition: form-data; name=a\r\nContent-Disposition: form-data; name=b\r\n\r\n\r\n--b--",
            .invalidContentDisposition
        ),
        (
            "unterminated quote", "--b\r\nContent-Disposition: form-data; name=\"a\r\n\r\nv\r\n--b--",
            .invalidContentDisposition
        ),
        (
            "bare LF in part headers", "--b\r\nContent-Disposition: form-data; name=a\n\r\nv\r\n--b--",
            .malformedPartHeader
        ),
        (
            "bare CR in part headers", "--b\r\nContent-Disposition: form-data; name=a\r\rv\r\n--b--",
            .malformedPartHeader
        ),
        (
            "folded part header", "--b\r\nContent-Disposition: form-data;\r\n name=a\r\n\r\nv\r\n--b--",
            .malformedPartHeader
        ),
        ("part header without colon", "--b\r\nContent-Disposition form-data\r\n\r\n\r\n--b--", .malformedPartHeader),
        (
            "delimiter followed by text", "--bX\r\nContent-Disposition: form-data; name=a\r\n\r\n\r\n--b--",
            .malformedDelimiter
        ),
        ("single dash after delimiter", "--b-\r\n", .malformedDelimiter),
        ("delimiter with bare LF", "--b\nContent-Disposition: form-data; name=a\r\n\r\n\r\n--b--", .malformedDelimiter),
    ]

    @Test("malformed or truncated bodies are errors", arguments: malformed)
    func malformedBodies(_ name: String, _ body: String, _ error: MultipartError) {
        #expect(parseMultipart(Array(body.utf8), boundary: "b").1 == error, "\(name)")
    }

    @Test("after an error the parser throws it again and takes nothing more")
    func stickyError() throws {
        var parser = try MultipartParser(boundary: "b")
        var events: [MultipartEvent] = []
        #expect(throws: MultipartError.malformedDelimiter) { try parser.feed(Array("--bX".utf8), into: &events) }
        #expect(throws: MultipartError.malformedDelimiter) { try parser.feed(Array("--b--".utf8), into: &events) }
        #expect(throws: MultipartError.malformedDelimiter) { try parser.finish() }
    }

    @Test("a 1 MiB file part is passed on as it is fed: the parser holds less than a delimiter between feeds")
    func fileNotBuffered() throws {
        let boundary = "----WebKitFormBoundaryQ3b0aXZ2"
        var parser = try MultipartParser(boundary: boundary)
        var events: [MultipartEvent] = []
        try parser.feed(
            Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"f\"; filename=\"big.bin\"\r\n\r\n".utf8),
            into: &events)
        var block = [UInt8](repeating: 0x41, count: 64 * 1024)
        block[block.count - 1] = 13  // a CR at the end: held back as a possible delimiter start
        var passed = 0
        for _ in 0..<16 {
            events.removeAll()
            try parser.feed(block, into: &events)
            passed += events.reduce(0) { total, event in
                if case .partData(let data) = event { return total + data.count }
                return total
            }
            #expect(parser.bufferedByteCount < boundary.utf8.count + 4)
        }
        #expect(passed >= 16 * 64 * 1024 - 1)
        try parser.feed(Array("\r\n--\(boundary)--".utf8), into: &events)
        try parser.finish()
    }

    @Test("the collector gathers text fields and passes file parts' events on")
    func collector() throws {
        var collector = MultipartTextFieldCollector()
        var fileEvents: [MultipartEvent] = []
        var parser = try MultipartParser(boundary: Self.boundary)
        for event in try parser.feed(Self.body) {
            if let fileEvent = try collector.take(event) { fileEvents.append(fileEvent) }
        }
        #expect(
            collector.fields.fields == [
                HTTPFormFields.Field(name: "agency", value: "BAOKT"), HTTPFormFields.Field(name: "empty", value: ""),
            ])
        #expect(fileEvents.count == 3)
        #expect(MultipartFuzzHarness.normalized(fileEvents).dropFirst().first == .partData(Self.fileData))
    }

    @Test("a text field that is not UTF-8 is refused by the collector")
    func collectorRefusesBadText() throws {
        var collector = MultipartTextFieldCollector()
        let body = multipartBody(boundary: "b", [("Content-Disposition: form-data; name=a\r\n", [0xC3])])
        var parser = try MultipartParser(boundary: "b")
        #expect(throws: MultipartError.invalidFieldText) {
            for event in try parser.feed(body) { _ = try collector.take(event) }
        }
    }

    @Test("a body reader streams a form through the parser: fields collected, file data in blocks")
    func readMultipartForm() throws {
        var reader = HTTPBodyReader(bytes: Self.body)
        var fileBytes: [UInt8] = []
        var names: [String] = []
        let fields = try reader.readMultipartForm(boundary: Self.boundary) { event in
            switch event {
            case .partBegin(let head): names.append(head.filename ?? "")
            case .partData(let data): fileBytes += data
            default: break
            }
        }
        #expect(fields["agency"] == "BAOKT")
        #expect(names == ["dự toán.csv"])
        #expect(fileBytes == Self.fileData)
    }
}
