/// An incremental parser of one request head: feed it bytes as they arrive, in any split,
/// and it answers the same as if it had all of them at once.
///
/// A value type over bytes with no I/O, so it can be tested and fuzzed without sockets.
/// It decides byte by byte (a limit is crossed at a byte, a line ends at its LF), which is
/// why the split never changes the answer. It holds at most the current line and the
/// fields seen so far, both bounded by ``HTTPRequestHeadLimits/maxHeadBytes``.
///
/// Strict by design (RFC 9112 allows leniency, an exposed server should not take it):
/// lines end with CRLF only (a bare LF or CR is refused); obs-fold, white space before a
/// colon, control bytes in values, and every `Transfer-Encoding` are refused; two
/// `Content-Length` lines are refused even when equal. Empty lines before the request line
/// are skipped (RFC 9112 §2.2), counted in the head's size.
public struct HTTPRequestHeadParser: Sendable {
    /// What a call to ``parse(_:)`` found.
    public enum Progress: Sendable, Equatable {
        /// The head is not complete; every byte given was taken.
        case needMoreData
        /// The head ended inside the bytes given: `consumed` of them belong to it, the rest
        /// (the body, or the next request) does not.
        case complete(HTTPRequest, consumed: Int)
        /// The head broke a rule; nothing more will be read from this connection.
        case failed(HTTPRequestHeadError)
    }

    private enum State: Sendable {
        case requestLine
        case fields
        case finished(Progress)
    }

    /// The limits this parser enforces.
    public let limits: HTTPRequestHeadLimits
    private var state = State.requestLine
    private var line: [UInt8] = []
    private var afterCR = false
    private var headBytes = 0
    private var method = HTTPMethod.get
    private var rawTarget = ""
    private var target = HTTPRequestTarget.root
    private var version = HTTPVersion.http1_1
    private var fields: [HTTPHeaders.Field] = []

    public init(limits: HTTPRequestHeadLimits = HTTPRequestHeadLimits()) {
        self.limits = limits
    }

    /// Bytes of the head taken so far (for the head deadline: the first one starts it).
    public var bytesTaken: Int { headBytes }

    /// Takes the next bytes of the head.
    ///
    /// Once it has answered `.complete` or `.failed`, it answers the same again without
    /// taking anything (`consumed: 0`); use a new parser for the next request.
    /// - Complexity: O(n) in the bytes given.
    public mutating func parse(_ bytes: UnsafeRawBufferPointer) -> Progress {
        if case .finished(let progress) = state {
            if case .complete(let head, _) = progress { return .complete(head, consumed: 0) }
            return progress
        }
        for index in 0..<bytes.count {
            let byte = bytes[index]
            headBytes += 1
            if headBytes > limits.maxHeadBytes { return finish(.failed(.headTooLarge)) }
            if afterCR {
                guard byte == HTTPBytes.lf else { return finish(.failed(.invalidLineEnding)) }
                afterCR = false
                if let progress = endOfLine(consumed: index + 1) { return finish(progress) }
            } else if byte == HTTPBytes.cr {
                afterCR = true
            } else if byte == HTTPBytes.lf {
                return finish(.failed(.invalidLineEnding))
            } else {
                line.append(byte)
                if case .requestLine = state, line.count > limits.maxRequestLineBytes {
                    return finish(.failed(.requestLineTooLong))
                }
            }
        }
        return .needMoreData
    }

    /// Takes the next bytes of the head (see ``parse(_:)-(UnsafeRawBufferPointer)``).
    public mutating func parse<C: Collection>(_ bytes: C) -> Progress where C.Element == UInt8 {
        if let progress = bytes.withContiguousStorageIfAvailable({ parse(UnsafeRawBufferPointer($0)) }) {
            return progress
        }
        return Array(bytes).withUnsafeBytes { parse($0) }
    }

    private mutating func finish(_ progress: Progress) -> Progress {
        state = .finished(progress)
        line = []
        return progress
    }

    /// A line ended (its CRLF taken): the request line, a field line, or the blank line.
    private mutating func endOfLine(consumed: Int) -> Progress? {
        defer { line.removeAll(keepingCapacity: true) }
        switch state {
        case .requestLine:
            if line.isEmpty { return nil }
            if let error = parseRequestLine() { return .failed(error) }
            state = .fields
            return nil
        case .fields:
            if line.isEmpty { return completeHead(consumed: consumed) }
            if let error = parseFieldLine() { return .failed(error) }
            return nil
        case .finished(let progress):
            return progress
        }
    }

    private mutating func parseRequestLine() -> HTTPRequestHeadError? {
        let parts = line.split(separator: HTTPBytes.space, omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty }) else { return .malformedRequestLine }
        guard HTTPBytes.isToken(parts[0]) else { return .invalidMethod }
        guard parts[1].allSatisfy(HTTPBytes.isTargetByte) else { return .malformedRequestLine }
        switch Self.version(parts[2]) {
        case .success(let parsed): version = parsed
        case .failure(let error): return error
        }
        method = HTTPMethod(rawValue: String(decoding: parts[0], as: UTF8.self))
        rawTarget = String(decoding: parts[1], as: UTF8.self)
        do {
            target = try HTTPRequestTarget(parsing: parts[1])
        } catch {
            return .invalidTarget(error)
        }
        return nil
    }

    /// `HTTP/1.0` or `HTTP/1.1`; another `HTTP/d.d` is unsupported (505); anything else malformed.
    private static func version(_ bytes: ArraySlice<UInt8>) -> Result<HTTPVersion, HTTPRequestHeadError> {
        let text = Array(bytes)
        guard text.count == 8, text[0..<5].elementsEqual("HTTP/".utf8), text[6] == HTTPBytes.dot,
            let major = digit(text[5]), let minor = digit(text[7])
        else { return .failure(.malformedVersion) }
        switch (major, minor) {
        case (1, 0): return .success(.http1_0)
        case (1, 1): return .success(.http1_1)
        default: return .failure(.unsupportedVersion)
        }
    }

    private static func digit(_ byte: UInt8) -> UInt8? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? byte - UInt8(ascii: "0") : nil
    }

    private mutating func parseFieldLine() -> HTTPRequestHeadError? {
        guard fields.count < limits.maxHeaderCount else { return .tooManyHeaders }
        guard let first = line.first, !HTTPBytes.isWhitespace(first) else { return .obsoleteLineFolding }
        guard let colon = line.firstIndex(of: HTTPBytes.colon) else { return .missingColon }
        let name = line[..<colon]
        if let last = name.last, HTTPBytes.isWhitespace(last) { return .whitespaceBeforeColon }
        guard HTTPBytes.isToken(name) else { return .invalidFieldName }
        let value = HTTPBytes.trimmingWhitespace(line[(colon + 1)...])
        guard value.allSatisfy(HTTPBytes.isFieldValueByte) else { return .invalidFieldValue }
        fields.append(
            HTTPHeaders.Field(
                name: String(decoding: name, as: UTF8.self), value: String(decoding: value, as: UTF8.self)))
        return nil
    }

    /// The blank line: the checks that need every field, in a fixed order.
    private func completeHead(consumed: Int) -> Progress {
        var headers = HTTPHeaders()
        for field in fields { headers.add(name: field.name, value: field.value) }
        if headers.contains("Transfer-Encoding") { return .failed(.transferEncodingNotSupported) }

        let lengths = headers.values(for: "Content-Length")
        var contentLength: Int64 = 0
        if lengths.count > 1 { return .failed(.duplicateContentLength) }
        if let text = lengths.first {
            guard let value = Self.contentLength(text) else { return .failed(.invalidContentLength) }
            contentLength = value
        }

        let hosts = headers.values(for: "Host")
        if hosts.count > 1 { return .failed(.duplicateHost) }
        if version == .http1_1 && hosts.isEmpty { return .failed(.missingHost) }
        if let host = hosts.first, !host.utf8.allSatisfy(Self.isHostByte) { return .failed(.invalidHost) }

        var expectsContinue = false
        if version == .http1_1, let expect = headers["Expect"] {
            guard expect.asciiLowercased == "100-continue", headers.values(for: "Expect").count == 1 else {
                return .failed(.unsupportedExpectation)
            }
            expectsContinue = true
        }

        if method.requiresContentLength && lengths.isEmpty { return .failed(.lengthRequired) }

        let keepAlive: Bool
        switch version {
        case .http1_1: keepAlive = !headers.containsToken("close", in: "Connection")
        case .http1_0:
            keepAlive =
                headers.containsToken("keep-alive", in: "Connection")
                && !headers.containsToken("close", in: "Connection")
        }
        let head = HTTPRequest(
            method: method, target: rawTarget, path: target.path, query: target.query, version: version,
            headers: headers, contentLength: contentLength, expectsContinue: expectsContinue && contentLength > 0,
            keepAlive: keepAlive)
        return .complete(head, consumed: consumed)
    }

    /// `1*DIGIT` that fits an `Int64`; nil otherwise (signs, spaces, lists, overflow).
    static func contentLength(_ text: String) -> Int64? {
        var value: Int64 = 0
        guard !text.utf8.isEmpty else { return nil }
        for byte in text.utf8 {
            guard let digit = digit(byte) else { return nil }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(Int64(digit))
            if overflow1 || overflow2 { return nil }
            value = sum
        }
        return value
    }

    /// Bytes of `uri-host [":" port]` (RFC 3986): unreserved, sub-delims, `%`, `:`, `[`, `]`.
    private static func isHostByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "-._~!$&'()*+,;=%:[]".utf8.contains(byte)
        }
    }
}

extension HTTPRequestTarget {
    /// `/`: the placeholder before the request line is parsed.
    static let root = HTTPRequestTarget(path: "/", query: nil)

    init(path: String, query: String?) {
        self.path = path
        self.query = query
    }
}
