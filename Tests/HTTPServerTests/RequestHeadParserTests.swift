import HTTPServer
import Testing

/// Parses `text` in one feed.
func parseHead(
    _ text: String, limits: HTTPRequestHeadLimits = HTTPRequestHeadLimits()
) -> HTTPRequestHeadParser.Progress {
    var parser = HTTPRequestHeadParser(limits: limits)
    return parser.parse(Array(text.utf8))
}

/// The request of a head that must parse.
func request(_ text: String) throws -> HTTPRequest {
    guard case .complete(let request, _) = parseHead(text) else {
        throw TestClientError(description: "not parsed: \(parseHead(text))")
    }
    return request
}

/// The error of a head that must be refused, or nil.
func refusal(_ text: String, limits: HTTPRequestHeadLimits = HTTPRequestHeadLimits()) -> HTTPRequestHeadError? {
    if case .failed(let error) = parseHead(text, limits: limits) { return error }
    return nil
}

@Suite("Request head parser")
struct RequestHeadParserTests {
    @Test("a GET parses into method, decoded path, raw query, version and headers looked up in any case")
    func simpleGet() throws {
        let head = try request("GET /k%E1%BA%BF-ho%E1%BA%A1ch?x=1&y=a+b HTTP/1.1\r\nHost: portal\r\nX-Trace: 7\r\n\r\n")
        #expect(head.method == .get)
        #expect(head.path == "/kế-hoạch")
        #expect(head.query == "x=1&y=a+b")
        #expect(head.target == "/k%E1%BA%BF-ho%E1%BA%A1ch?x=1&y=a+b")
        #expect(head.version == .http1_1)
        #expect(head.headers["host"] == "portal")
        #expect(head.headers["X-TRACE"] == "7")
        #expect(head.contentLength == 0)
        #expect(head.keepAlive)
        #expect(head.queryFields?["y"] == "a b")
    }

    @Test("field values are trimmed of surrounding spaces and tabs, inner ones kept")
    func trimmedValues() throws {
        let head = try request("GET / HTTP/1.1\r\nHost:\t portal \t\r\nX-A:  a  b\t\r\nX-Empty:\r\n\r\n")
        #expect(head.headers["Host"] == "portal")
        #expect(head.headers["X-A"] == "a  b")
        #expect(head.headers["X-Empty"] == "")
    }

    @Test("the bytes after the blank line are not taken: they are the body or the next request")
    func consumedStopsAtHead() {
        let text = "POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabcGET / HTTP/1.1\r\n"
        guard case .complete(let head, let consumed) = parseHead(text) else {
            Issue.record("not parsed")
            return
        }
        #expect(consumed == text.utf8.count - "abcGET / HTTP/1.1\r\n".utf8.count)
        #expect(head.contentLength == 3)
    }

    static let splitCases = [
        "GET / HTTP/1.1\r\nHost: h\r\nCookie: a=1; b=2\r\n\r\nBODY",
        "\r\n\r\nPOST /x?y HTTP/1.0\r\nContent-Length: 10\r\nConnection: keep-alive\r\n\r\n0123456789",
        "GET / HTTP/1.1\r\nHost: h\r\n folded\r\n\r\n",
        "GET / HTTP/1.1\nHost: h\r\n\r\n",
        "GET /%2e%2e/etc HTTP/1.1\r\nHost: h\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: h\r\nX: \r\r\n\r\n",
    ]

    @Test("a head fed split at every offset, or byte by byte, gives what one feed gives", arguments: splitCases)
    func everySplit(_ text: String) {
        let bytes = Array(text.utf8)
        let whole = parseHead(text)
        for cut in 0...bytes.count {
            var parser = HTTPRequestHeadParser()
            var result = parser.parse(bytes[..<cut])
            if case .needMoreData = result {
                result = parser.parse(bytes[cut...])
                if case .complete(let head, let consumed) = result {
                    result = .complete(head, consumed: cut + consumed)
                }
            }
            #expect(result == whole, "cut at \(cut)")
        }
        var parser = HTTPRequestHeadParser()
        var single = HTTPRequestHeadParser.Progress.needMoreData
        for (index, byte) in bytes.enumerated() {
            single = parser.parse([byte])
            if case .complete(let head, let consumed) = single {
                single = .complete(head, consumed: index + consumed)
                break
            }
            if case .failed = single { break }
        }
        #expect(single == whole)
    }

    @Test("empty lines before the request line are skipped")
    func leadingEmptyLines() throws {
        #expect(try request("\r\n\r\nGET /a HTTP/1.1\r\nHost: h\r\n\r\n").path == "/a")
    }

    @Test("once it has answered, the parser gives the same answer and takes nothing more")
    func finishedParserRepeats() {
        var parser = HTTPRequestHeadParser()
        guard case .complete(let head, _) = parser.parse(Array("GET / HTTP/1.1\r\nHost: h\r\n\r\n".utf8)) else {
            Issue.record("not parsed")
            return
        }
        #expect(parser.parse(Array("more".utf8)) == .complete(head, consumed: 0))
    }

    struct Refused: CustomTestStringConvertible, Sendable {
        let name: String
        let text: String
        let error: HTTPRequestHeadError
        var testDescription: String { name }
    }

    static let refused: [Refused] = [
        Refused(
            name: "obs-fold", text: "GET / HTTP/1.1\r\nHost: h\r\nX-A: a\r\n\tb\r\n\r\n", error: .obsoleteLineFolding),
        Refused(name: "space before colon", text: "GET / HTTP/1.1\r\nHost : h\r\n\r\n", error: .whitespaceBeforeColon),
        Refused(name: "tab before colon", text: "GET / HTTP/1.1\r\nHost\t: h\r\n\r\n", error: .whitespaceBeforeColon),
        Refused(name: "method not a token", text: "G(T / HTTP/1.1\r\nHost: h\r\n\r\n", error: .invalidMethod),
        Refused(name: "field name not a token", text: "GET / HTTP/1.1\r\nHo[st: h\r\n\r\n", error: .invalidFieldName),
        Refused(name: "empty field name", text: "GET / HTTP/1.1\r\n: h\r\n\r\n", error: .invalidFieldName),
        Refused(name: "no colon", text: "GET / HTTP/1.1\r\nHost h\r\n\r\n", error: .missingColon),
        Refused(
            name: "control byte in a value", text: "GET / HTTP/1.1\r\nHost: h\u{1}\r\n\r\n", error: .invalidFieldValue),
        Refused(name: "NUL in a value", text: "GET / HTTP/1.1\r\nHost: h\0\r\n\r\n", error: .invalidFieldValue),
        Refused(
            name: "bare LF after the request line", text: "GET / HTTP/1.1\nHost: h\r\n\r\n", error: .invalidLineEnding),
        Refused(name: "bare LF ending the head", text: "GET / HTTP/1.1\r\nHost: h\r\n\n", error: .invalidLineEnding),
        Refused(name: "bare CR", text: "GET / HTTP/1.1\rHost: h\r\n\r\n", error: .invalidLineEnding),
        Refused(
            name: "two spaces in the request line", text: "GET  / HTTP/1.1\r\nHost: h\r\n\r\n",
            error: .malformedRequestLine),
        Refused(name: "no version", text: "GET /\r\nHost: h\r\n\r\n", error: .malformedRequestLine),
        Refused(name: "lower-case protocol name", text: "GET / http/1.1\r\nHost: h\r\n\r\n", error: .malformedVersion),
        Refused(name: "version without minor", text: "GET / HTTP/1\r\nHost: h\r\n\r\n", error: .malformedVersion),
        Refused(name: "HTTP/2.0", text: "GET / HTTP/2.0\r\nHost: h\r\n\r\n", error: .unsupportedVersion),
        Refused(name: "HTTP/1.2", text: "GET / HTTP/1.2\r\nHost: h\r\n\r\n", error: .unsupportedVersion),
        Refused(name: "HTTP/0.9", text: "GET / HTTP/0.9\r\n\r\n", error: .unsupportedVersion),
        Refused(name: "HTTP/1.1 without Host", text: "GET / HTTP/1.1\r\nAccept: */*\r\n\r\n", error: .missingHost),
        Refused(name: "two Host fields", text: "GET / HTTP/1.1\r\nHost: a\r\nHost: a\r\n\r\n", error: .duplicateHost),
        Refused(name: "Host with a space", text: "GET / HTTP/1.1\r\nHost: a b\r\n\r\n", error: .invalidHost),
        Refused(
            name: "two equal Content-Length fields",
            text: "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\nContent-Length: 4\r\n\r\n",
            error: .duplicateContentLength),
        Refused(
            name: "a Content-Length list", text: "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 4, 4\r\n\r\n",
            error: .invalidContentLength),
        Refused(
            name: "a negative Content-Length", text: "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: -1\r\n\r\n",
            error: .invalidContentLength),
        Refused(
            name: "a signed Content-Length", text: "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: +1\r\n\r\n",
            error: .invalidContentLength),
        Refused(
            name: "a non-numeric Content-Length", text: "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1e3\r\n\r\n",
            error: .invalidContentLength),
        Refused(
            name: "an empty Content-Length", text: "POST / HTTP/1.1\r\nHost: h\r\nContent-Length:\r\n\r\n",
            error: .invalidContentLength),
        Refused(
            name: "an overflowing Content-Length",
            text: "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 9223372036854775808\r\n\r\n",
            error: .invalidContentLength),
        Refused(
            name: "Transfer-Encoding chunked",
            text: "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n",
            error: .transferEncodingNotSupported),
        Refused(
            name: "Transfer-Encoding with Content-Length",
            text: "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n",
            error: .transferEncodingNotSupported),
        Refused(
            name: "Transfer-Encoding identity on a GET",
            text: "GET / HTTP/1.1\r\nHost: h\r\ntransfer-encoding: identity\r\n\r\n",
            error: .transferEncodingNotSupported),
        Refused(
            name: "POST without Content-Length", text: "POST / HTTP/1.1\r\nHost: h\r\n\r\n", error: .lengthRequired),
        Refused(name: "PUT without Content-Length", text: "PUT /a HTTP/1.1\r\nHost: h\r\n\r\n", error: .lengthRequired),
        Refused(
            name: "an Expect other than 100-continue",
            text: "PUT /a HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\nExpect: 200-ok\r\n\r\n",
            error: .unsupportedExpectation),
        Refused(
            name: "a dot-dot segment", text: "GET /a/%2E%2e/b HTTP/1.1\r\nHost: h\r\n\r\n",
            error: .invalidTarget(.dotSegment)),
        Refused(
            name: "an asterisk target", text: "OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n",
            error: .invalidTarget(.notOriginForm)),
        Refused(
            name: "an absolute-form target", text: "GET http://h/ HTTP/1.1\r\nHost: h\r\n\r\n",
            error: .invalidTarget(.notOriginForm)),
        Refused(
            name: "a non-ASCII target byte", text: "GET /tệp HTTP/1.1\r\nHost: h\r\n\r\n", error: .malformedRequestLine),
    ]

    @Test("heads breaking a rule are refused with the rule named", arguments: refused)
    func refusedHeads(_ example: Refused) {
        #expect(refusal(example.text) == example.error)
    }

    @Test("each refusal maps to its status: 400, 411, 414, 417, 431, 501, 505")
    func statuses() {
        #expect(HTTPRequestHeadError.obsoleteLineFolding.status == .badRequest)
        #expect(HTTPRequestHeadError.duplicateContentLength.status == .badRequest)
        #expect(HTTPRequestHeadError.invalidTarget(.encodedSlash).status == .badRequest)
        #expect(HTTPRequestHeadError.lengthRequired.status.code == 411)
        #expect(HTTPRequestHeadError.requestLineTooLong.status.code == 414)
        #expect(HTTPRequestHeadError.unsupportedExpectation.status.code == 417)
        #expect(HTTPRequestHeadError.headTooLarge.status.code == 431)
        #expect(HTTPRequestHeadError.tooManyHeaders.status.code == 431)
        #expect(HTTPRequestHeadError.transferEncodingNotSupported.status.code == 501)
        #expect(HTTPRequestHeadError.unsupportedVersion.status.code == 505)
    }

    @Test("a Content-Length with leading zeros is read as its number")
    func leadingZeros() throws {
        #expect(try request("PUT /a HTTP/1.1\r\nHost: h\r\nContent-Length: 007\r\n\r\n").contentLength == 7)
    }

    @Test("HTTP/1.0 is accepted without Host")
    func http10WithoutHost() throws {
        #expect(try request("GET / HTTP/1.0\r\n\r\n").version == .http1_0)
    }

    @Test(
        "keep-alive: HTTP/1.1 unless Connection: close; HTTP/1.0 only with Connection: keep-alive",
        arguments: [
            ("GET / HTTP/1.1\r\nHost: h\r\n\r\n", true),
            ("GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n", false),
            ("GET / HTTP/1.1\r\nHost: h\r\nConnection: Upgrade, CLOSE\r\n\r\n", false),
            ("GET / HTTP/1.0\r\n\r\n", false),
            ("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n", true),
            ("GET / HTTP/1.0\r\nConnection: keep-alive, close\r\n\r\n", false),
        ])
    func keepAlive(_ text: String, _ expected: Bool) throws {
        #expect(try request(text).keepAlive == expected)
    }

    @Test("Expect: 100-continue is recognised in any case on HTTP/1.1, and ignored on HTTP/1.0")
    func expectContinue() throws {
        let body = "Content-Length: 5\r\nExpect: 100-Continue\r\n\r\n"
        #expect(try request("POST / HTTP/1.1\r\nHost: h\r\n" + body).expectsContinue)
        #expect(try !request("POST / HTTP/1.0\r\n" + body).expectsContinue)
        #expect(
            try !request("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\nExpect: 100-continue\r\n\r\n")
                .expectsContinue)
    }

    @Test("a request line of 8 KiB is read; one byte more is 414, refused before the line ends")
    func requestLineLimit() throws {
        let pathOf8K = "/" + String(repeating: "a", count: 8 * 1024 - "GET / HTTP/1.1".utf8.count)
        #expect(try request("GET \(pathOf8K) HTTP/1.1\r\nHost: h\r\n\r\n").path.utf8.count == pathOf8K.utf8.count)
        #expect(refusal("GET \(pathOf8K)a HTTP/1.1\r\nHost: h\r\n\r\n") == .requestLineTooLong)
        var parser = HTTPRequestHeadParser()
        #expect(parser.parse(Array("GET /\(String(repeating: "b", count: 9000))".utf8)) == .failed(.requestLineTooLong))
    }

    @Test("a head of 64 KiB is read; one byte more is 431, refused as soon as the limit is crossed")
    func headLimit() throws {
        let prefix = "GET / HTTP/1.1\r\nHost: h\r\n"
        var fields = ""
        var index = 0
        while prefix.utf8.count + fields.utf8.count + 2 < 64 * 1024 - 8000 {
            fields += "X-\(index): \(String(repeating: "v", count: 7900))\r\n"
            index += 1
        }
        let filler = 64 * 1024 - prefix.utf8.count - fields.utf8.count - "X-Last: \r\n\r\n".utf8.count
        let exact = prefix + fields + "X-Last: \(String(repeating: "w", count: filler))\r\n\r\n"
        #expect(exact.utf8.count == 64 * 1024)
        #expect(try request(exact).headers.count == index + 2)
        let over = prefix + fields + "X-Last: \(String(repeating: "w", count: filler + 1))\r\n\r\n"
        #expect(refusal(over) == .headTooLarge)
        var parser = HTTPRequestHeadParser()
        #expect(parser.parse(Array(over.utf8.prefix(64 * 1024 + 1))) == .failed(.headTooLarge))
    }

    @Test("100 fields are read; the 101st is 431")
    func fieldCountLimit() throws {
        let fields = (1..<100).map { "X-\($0): v\r\n" }.joined()
        #expect(try request("GET / HTTP/1.1\r\nHost: h\r\n\(fields)\r\n").headers.count == 100)
        #expect(refusal("GET / HTTP/1.1\r\nHost: h\r\n\(fields)X-Extra: v\r\n\r\n") == .tooManyHeaders)
    }

    @Test("limits are configurable")
    func configurableLimits() {
        let limits = HTTPRequestHeadLimits(maxHeadBytes: 40, maxRequestLineBytes: 14, maxHeaderCount: 1)
        #expect(refusal("GET /abcdefg HTTP/1.1\r\n", limits: limits) == .requestLineTooLong)
        #expect(refusal("GET / HTTP/1.0\r\nA: 1\r\nB: 2\r\n\r\n", limits: limits) == .tooManyHeaders)
        #expect(
            refusal("GET / HTTP/1.0\r\nA: \(String(repeating: "1", count: 30))\r\n\r\n", limits: limits)
                == .headTooLarge)
    }
}
