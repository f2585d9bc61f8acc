/// The request target split into the decoded path and the raw query.
///
/// Pure: bytes in, values out. The path is decoded here, once, and checked after decoding;
/// the query is left as sent for ``HTTPFormFields/init(urlEncoded:)`` to decode, because
/// its `+` and `&` mean something only to form decoding.
public struct HTTPRequestTarget: Sendable, Equatable {
    /// The path, percent-decoded once; starts with `/`; no `.` or `..` segment, no NUL,
    /// no backslash, valid UTF-8.
    public var path: String
    /// The query without its `?`, not decoded; nil when the target has no `?`.
    public var query: String?

    /// Parses an origin-form target (`/path?query`), as bytes from the request line.
    public init<C: Collection>(parsing bytes: C) throws(HTTPTargetError) where C.Element == UInt8 {
        let target = Array(bytes)
        guard target.first == HTTPBytes.slash else { throw .notOriginForm }
        guard !target.contains(HTTPBytes.hash) else { throw .fragment }
        let questionMark = target.firstIndex(of: HTTPBytes.question)
        let rawPath = target[..<(questionMark ?? target.endIndex)]
        query = questionMark.map { String(decoding: target[($0 + 1)...], as: UTF8.self) }

        var decoded: [UInt8] = []
        decoded.reserveCapacity(rawPath.count)
        var index = rawPath.startIndex
        while index < rawPath.endIndex {
            var byte = rawPath[index]
            if byte == HTTPBytes.percent {
                guard index + 2 < rawPath.endIndex, let high = HTTPBytes.hexValue(rawPath[index + 1]),
                    let low = HTTPBytes.hexValue(rawPath[index + 2])
                else { throw .invalidPercentEncoding }
                byte = high << 4 | low
                if byte == HTTPBytes.slash { throw .encodedSlash }
                index += 3
            } else {
                index += 1
            }
            if byte < 0x20 || byte == 0x7F { throw .encodedControl }
            if byte == HTTPBytes.backslash { throw .backslash }
            decoded.append(byte)
        }
        for segment in decoded.split(separator: HTTPBytes.slash, omittingEmptySubsequences: false) {
            if segment.elementsEqual([HTTPBytes.dot]) || segment.elementsEqual([HTTPBytes.dot, HTTPBytes.dot]) {
                throw .dotSegment
            }
        }
        guard let path = HTTPBytes.validUTF8String(decoded) else { throw .invalidUTF8 }
        self.path = path
    }
}
