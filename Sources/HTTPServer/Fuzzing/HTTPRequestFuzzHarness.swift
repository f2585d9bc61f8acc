/// The invariants the request head fuzzer checks, shared by the fuzz target and the
/// regression test that replays its corpus.
///
/// `package`, not `public`: it is not API, but the fuzz target (FuzzHTTPRequest) and the
/// tests must call the same code, and they cannot share it through the fuzz executable
/// (two `LLVMFuzzerTestOneInput` symbols would collide in the test binary, which links every
/// test target's dependencies, FuzzIntake's included).
///
/// An input is: byte 0 (bits 0–1: how many cut points, 0–2; bit 2: small limits), bytes 1–2
/// (where to cut), then the bytes of the request.
package enum HTTPRequestFuzzHarness {
    static let smallLimits = HTTPRequestHeadLimits(maxHeadBytes: 300, maxRequestLineBytes: 64, maxHeaderCount: 4)
    static let allowedStatuses: Set<Int> = [400, 411, 414, 417, 431, 501, 505]

    /// What one parse ended with, the consumed count made absolute.
    enum Outcome: Equatable {
        case needMoreData
        case complete(HTTPRequest, consumed: Int)
        case failed(HTTPRequestHeadError)
    }

    /// The invariants this input breaks; empty when none.
    package static func violations(_ input: [UInt8]) -> [String] {
        guard input.count >= 3 else { return [] }
        let cuts = Int(input[0] & 3) % 3
        let limits = input[0] & 4 != 0 ? smallLimits : HTTPRequestHeadLimits()
        let bytes = Array(input[3...])
        var problems: [String] = []

        let whole = parse(bytes, pieces: [bytes.count], limits: limits)
        var sizes: [Int] = [bytes.count]
        if cuts > 0 {
            var points = [Int(input[1]) * 257 % (bytes.count + 1), Int(input[2]) * 263 % (bytes.count + 1)]
            points = Array(points.prefix(cuts)).sorted()
            sizes = []
            var last = 0
            for point in points {
                sizes.append(point - last)
                last = point
            }
            sizes.append(bytes.count - last)
        }
        let split = parse(bytes, pieces: sizes, limits: limits)
        if split != whole { problems.append("split \(sizes) gives \(split), one feed \(whole)") }
        if bytes.count <= 2048 {
            let single = parse(bytes, pieces: Array(repeating: 1, count: bytes.count), limits: limits)
            if single != whole { problems.append("byte by byte gives \(single), one feed \(whole)") }
        }

        switch whole {
        case .needMoreData:
            if bytes.count > limits.maxHeadBytes { problems.append("more than the head limit taken without an answer") }
        case .failed(let error):
            if !allowedStatuses.contains(error.status.code) { problems.append("refused with \(error.status)") }
        case .complete(let request, let consumed):
            problems += check(request, consumed: consumed, limits: limits)
            // The answer depends on the head's bytes only, not on what follows it.
            let alone = parse(Array(bytes[..<consumed]), pieces: [consumed], limits: limits)
            if alone != whole { problems.append("the head alone gives \(alone)") }
            // Written back out, the request parses to itself (room for U+FFFD replacing a bad byte).
            let rewritten = serialize(request)
            let roomy = HTTPRequestHeadLimits(
                maxHeadBytes: 3 * limits.maxHeadBytes, maxRequestLineBytes: limits.maxRequestLineBytes,
                maxHeaderCount: limits.maxHeaderCount)
            let again = parse(rewritten, pieces: [rewritten.count], limits: roomy)
            if again != .complete(request, consumed: rewritten.count) {
                problems.append("rewritten as \(String(decoding: rewritten, as: UTF8.self)) it parses as \(again)")
            }
        }
        return problems
    }

    static func parse(_ bytes: [UInt8], pieces: [Int], limits: HTTPRequestHeadLimits) -> Outcome {
        var parser = HTTPRequestHeadParser(limits: limits)
        var offset = 0
        for size in pieces {
            let progress = parser.parse(bytes[offset..<(offset + size)])
            switch progress {
            case .needMoreData:
                offset += size
            case .complete(let request, let consumed):
                if consumed > size { return .failed(.malformedRequestLine) }
                return .complete(request, consumed: offset + consumed)
            case .failed(let error):
                return .failed(error)
            }
        }
        return .needMoreData
    }

    static func check(_ request: HTTPRequest, consumed: Int, limits: HTTPRequestHeadLimits) -> [String] {
        var problems: [String] = []
        let headers = request.headers
        if headers.contains("Transfer-Encoding") { problems.append("accepted a Transfer-Encoding") }
        let lengths = headers.values(for: "Content-Length")
        if lengths.count > 1 { problems.append("accepted \(lengths.count) Content-Length fields") }
        if let length = lengths.first, HTTPRequestHeadParser.contentLength(length) != request.contentLength {
            problems.append("Content-Length \(length) read as \(request.contentLength)")
        }
        if lengths.isEmpty && request.contentLength != 0 { problems.append("a body length without Content-Length") }
        if request.method.requiresContentLength && lengths.isEmpty {
            problems.append("\(request.method) without length")
        }
        if request.version == .http1_1 && !headers.contains("Host") { problems.append("HTTP/1.1 without Host") }
        if headers.count > limits.maxHeaderCount { problems.append("\(headers.count) fields accepted") }
        if consumed > limits.maxHeadBytes { problems.append("a head of \(consumed) bytes accepted") }
        let path = Array(request.path.utf8)
        if path.first != HTTPBytes.slash { problems.append("path \(request.path) does not start with /") }
        if path.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == HTTPBytes.backslash }) {
            problems.append("path \(request.path.debugDescription) holds a control byte or backslash")
        }
        for segment in request.path.split(separator: "/", omittingEmptySubsequences: false)
        where segment == "." || segment == ".." {
            problems.append("path \(request.path) has a dot segment")
        }
        if !HTTPBytes.isToken(request.method.rawValue.utf8) { problems.append("method \(request.method) not a token") }
        for field in headers {
            if !HTTPBytes.isToken(field.name.utf8) { problems.append("field name \(field.name.debugDescription)") }
            if field.value.utf8.contains(where: { !HTTPBytes.isFieldValueByte($0) })
                || field.value.utf8.first.map(HTTPBytes.isWhitespace) == true
                || field.value.utf8.last.map(HTTPBytes.isWhitespace) == true
            {
                problems.append("field value \(field.value.debugDescription) not trimmed or holds a control byte")
            }
        }
        // The helpers a handler calls on what it is given must not trap.
        _ = request.queryFields
        _ = request.cookies
        let client = HTTPForwardedFor.clientAddress(
            peer: "10.0.0.1", forwardedFor: headers.values(for: "X-Forwarded-For"), trustedProxies: ["10.0.0.1"])
        if IPAddress.canonical(client) != client { problems.append("client address \(client) not canonical") }
        if let type = headers["Content-Type"] { _ = try? MultipartParser.boundary(contentType: type) }
        return problems
    }

    /// The request as a client would send it.
    static func serialize(_ request: HTTPRequest) -> [UInt8] {
        var text = "\(request.method.rawValue) \(request.target) \(request.version)\r\n"
        for field in request.headers { text += "\(field.name): \(field.value)\r\n" }
        text += "\r\n"
        return Array(text.utf8)
    }
}
