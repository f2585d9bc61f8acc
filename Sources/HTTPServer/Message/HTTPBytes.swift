/// Byte classes of RFC 9110 and RFC 3986, as tables, for the parsers' hot loops.
///
/// Everything the server reads is bytes; these answer "may this byte appear here?" without
/// building a `String` first. Internal: the parsers and the serialiser are their only users.
enum HTTPBytes {
    static let cr: UInt8 = 0x0D
    static let lf: UInt8 = 0x0A
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
    static let colon: UInt8 = 0x3A
    static let percent: UInt8 = 0x25
    static let slash: UInt8 = 0x2F
    static let backslash: UInt8 = 0x5C
    static let question: UInt8 = 0x3F
    static let hash: UInt8 = 0x23
    static let dot: UInt8 = 0x2E
    static let quote: UInt8 = 0x22
    static let semicolon: UInt8 = 0x3B
    static let comma: UInt8 = 0x2C
    static let equals: UInt8 = 0x3D
    static let plus: UInt8 = 0x2B

    /// `tchar` of RFC 9110 §5.6.2: the characters of a method, a field name, a token.
    static let tokenTable: [Bool] = (0..<256).map { byte in
        switch UInt8(byte) {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "A")...UInt8(ascii: "Z"):
            return true
        default:
            return "!#$%&'*+-.^_`|~".utf8.contains(UInt8(byte))
        }
    }

    @inline(__always)
    static func isToken(_ byte: UInt8) -> Bool { tokenTable[Int(byte)] }

    /// True if `bytes` is a non-empty `token`.
    static func isToken<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        !bytes.isEmpty && bytes.allSatisfy { isToken($0) }
    }

    /// A byte of a field value (`field-vchar`, SP, HTAB; obs-text allowed as RFC 9110 §5.5 does).
    @inline(__always)
    static func isFieldValueByte(_ byte: UInt8) -> Bool {
        byte == tab || (byte >= 0x20 && byte != 0x7F)
    }

    /// A byte of a request target as sent on the wire: visible ASCII only (RFC 3986 characters
    /// and the few that browsers leave unescaped); no space, no control, no non-ASCII.
    @inline(__always)
    static func isTargetByte(_ byte: UInt8) -> Bool { byte > 0x20 && byte < 0x7F }

    /// Optional white space (`OWS`): SP or HTAB.
    @inline(__always)
    static func isWhitespace(_ byte: UInt8) -> Bool { byte == space || byte == tab }

    /// The value of a hexadecimal digit, or nil.
    @inline(__always)
    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// ASCII lower case of one byte; other bytes unchanged.
    @inline(__always)
    static func lower(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    /// ASCII case-insensitive equality of two byte sequences.
    static func equalsIgnoringCase<A: Collection, B: Collection>(_ a: A, _ b: B) -> Bool
    where A.Element == UInt8, B.Element == UInt8 {
        a.count == b.count && zip(a, b).allSatisfy { lower($0) == lower($1) }
    }

    /// The string these bytes spell if they are valid UTF-8, else nil (`String(validating:)`
    /// needs macOS 15; decoding with repair and comparing back is the same test).
    static func validUTF8String<C: Collection>(_ bytes: C) -> String? where C.Element == UInt8 {
        let string = String(decoding: bytes, as: UTF8.self)
        return string.utf8.elementsEqual(bytes) ? string : nil
    }

    /// `bytes` without leading and trailing SP/HTAB.
    static func trimmingWhitespace(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var slice = bytes
        while let first = slice.first, isWhitespace(first) { slice = slice.dropFirst() }
        while let last = slice.last, isWhitespace(last) { slice = slice.dropLast() }
        return slice
    }
}

extension String {
    /// ASCII-only lower case: header names and tokens compare this way, never by locale.
    var asciiLowercased: String {
        var bytes = Array(utf8)
        var changed = false
        for index in bytes.indices where bytes[index] >= 0x41 && bytes[index] <= 0x5A {
            bytes[index] |= 0x20
            changed = true
        }
        return changed ? String(decoding: bytes, as: UTF8.self) : self
    }

    /// This string without leading and trailing SP and HTAB (not other Unicode spaces).
    var trimmingOWS: String {
        let bytes = Array(utf8)
        let trimmed = HTTPBytes.trimmingWhitespace(bytes[...])
        return trimmed.count == bytes.count ? self : String(decoding: trimmed, as: UTF8.self)
    }
}
