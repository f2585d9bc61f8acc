/// A header value of the shape `value; name=token; name2="quoted string"` (`Content-Type`,
/// `Content-Disposition`), parsed from bytes.
///
/// Shared by the request's `Content-Type` (for the multipart boundary) and each part's
/// `Content-Disposition`, so both read quoting the same way. Strict: a parameter without
/// `=`, an unterminated quote, a non-token name, or a name given twice makes the whole value
/// unreadable (nil): a lenient reader and a strict one disagreeing on which `name` counts
/// is how form filters are bypassed.
struct HTTPHeaderParameters: Sendable, Equatable {
    /// The value before the first `;`, trimmed, in ASCII lower case (a media or disposition type).
    var value: String
    /// Parameters in order; names in ASCII lower case; values unquoted, as bytes.
    var parameters: [(name: String, value: [UInt8])]

    static func == (lhs: HTTPHeaderParameters, rhs: HTTPHeaderParameters) -> Bool {
        lhs.value == rhs.value
            && lhs.parameters.elementsEqual(rhs.parameters) { $0.name == $1.name && $0.value == $1.value }
    }

    /// The value of a parameter (name in any case), or nil.
    subscript(name: String) -> [UInt8]? {
        let key = name.asciiLowercased
        return parameters.first { $0.name == key }?.value
    }

    /// Parses the bytes of a field value; nil if it is not of this shape.
    ///
    /// A quoted string ends at the first `"` not escaped; a backslash escapes `"` and `\`
    /// only and stays literal before anything else (browsers do not escape backslashes in
    /// file names, RFC 9110 quoted-pairs do: this reads both as the sender meant).
    init?<C: Collection>(parsing text: C) where C.Element == UInt8 {
        let bytes = Array(text)
        var index = 0
        func skipWhitespace() {
            while index < bytes.count, HTTPBytes.isWhitespace(bytes[index]) { index += 1 }
        }
        func token() -> ArraySlice<UInt8> {
            let start = index
            while index < bytes.count, HTTPBytes.isToken(bytes[index]) || bytes[index] == HTTPBytes.slash {
                index += 1
            }
            return bytes[start..<index]
        }
        skipWhitespace()
        let type = token()
        guard !type.isEmpty else { return nil }
        value = String(decoding: type, as: UTF8.self).asciiLowercased
        parameters = []
        skipWhitespace()
        while index < bytes.count {
            guard bytes[index] == HTTPBytes.semicolon else { return nil }
            index += 1
            skipWhitespace()
            if index == bytes.count { break }  // a trailing `;` is harmless
            let start = index
            while index < bytes.count, HTTPBytes.isToken(bytes[index]) { index += 1 }
            let name = String(decoding: bytes[start..<index], as: UTF8.self).asciiLowercased
            guard !name.isEmpty, index < bytes.count, bytes[index] == HTTPBytes.equals else { return nil }
            index += 1
            var parameterValue: [UInt8] = []
            if index < bytes.count, bytes[index] == HTTPBytes.quote {
                index += 1
                var closed = false
                while index < bytes.count {
                    let byte = bytes[index]
                    if byte == HTTPBytes.quote {
                        closed = true
                        index += 1
                        break
                    }
                    if byte == HTTPBytes.backslash, index + 1 < bytes.count,
                        bytes[index + 1] == HTTPBytes.quote || bytes[index + 1] == HTTPBytes.backslash
                    {
                        parameterValue.append(bytes[index + 1])
                        index += 2
                        continue
                    }
                    parameterValue.append(byte)
                    index += 1
                }
                guard closed else { return nil }
            } else {
                let start = index
                while index < bytes.count, HTTPBytes.isToken(bytes[index]) { index += 1 }
                guard index > start else { return nil }
                parameterValue = Array(bytes[start..<index])
            }
            guard !parameters.contains(where: { $0.name == name }) else { return nil }
            parameters.append((name, parameterValue))
            skipWhitespace()
        }
    }
}
