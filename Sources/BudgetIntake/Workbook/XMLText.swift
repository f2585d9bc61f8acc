/// Resolves XML references in text and attribute values, over bytes.
///
/// The five predefined entities (`&lt;` `&gt;` `&amp;` `&apos;` `&quot;`) and character
/// references (`&#NNN;`, `&#xHHH;`) whose code point is an XML character; anything else
/// after `&` makes the part damaged — no DTD is read, so no other entity can exist. Line
/// ends are normalised (CR LF and a lone CR become LF) and, in attribute values, tab, CR
/// and LF become spaces (XML 1.0 §2.11, §3.3.3); a character reference to one of them
/// gives the character itself. Problems are thrown without the part's name, which the
/// caller (``XMLScanner``) adds: passing it down would cost a string copy per text.
enum XMLText {
    /// Appends `base[start..<end]`, resolved, to `out`. `raw`: CDATA, where only line ends
    /// are normalised.
    @inline(__always)
    static func append(
        _ base: UnsafeMutablePointer<UInt8>, _ start: Int, _ end: Int, to out: inout [UInt8], attribute: Bool,
        raw: Bool = false
    ) throws(WorkbookProblem) {
        // The common case: nothing to resolve or normalise.
        var k = start
        while k < end {
            let byte = base[k]
            if byte == 0x26 || byte == 0x0D || (attribute && (byte == 0x0A || byte == 0x09)) { break }
            k += 1
        }
        out.append(contentsOf: UnsafeBufferPointer(start: base + start, count: k - start))
        if k < end { try appendSlowly(base, k, end, to: &out, attribute: attribute, raw: raw) }
    }

    private static func appendSlowly(
        _ base: UnsafeMutablePointer<UInt8>, _ start: Int, _ end: Int, to out: inout [UInt8], attribute: Bool,
        raw: Bool
    ) throws(WorkbookProblem) {
        var k = start
        while k < end {
            let byte = base[k]
            switch byte {
            case 0x0D:
                out.append(attribute ? 0x20 : 0x0A)
                k += (k + 1 < end && base[k + 1] == 0x0A) ? 2 : 1
            case 0x0A, 0x09:
                out.append(attribute ? 0x20 : byte)
                k += 1
            case 0x26 where !raw:
                k = try reference(base, k, end, to: &out)
            default:
                out.append(byte)
                k += 1
            }
        }
    }

    /// Resolves the reference at `at` (`&`…`;`); returns the index after it.
    private static func reference(
        _ base: UnsafeMutablePointer<UInt8>, _ at: Int, _ end: Int, to out: inout [UInt8]
    ) throws(WorkbookProblem) -> Int {
        var semicolon = at + 1
        while semicolon < end && semicolon - at <= 32 && base[semicolon] != 0x3B { semicolon += 1 }
        guard semicolon < end, base[semicolon] == 0x3B else {
            throw .damaged("an & that starts no reference")
        }
        let name = UnsafeBufferPointer(start: base + at + 1, count: semicolon - at - 1)
        if name.first == 0x23 {
            guard let scalar = characterReference(name) else {
                throw .damaged("&\(String(decoding: name, as: UTF8.self)); is not an XML character")
            }
            appendScalar(scalar, to: &out)
            return semicolon + 1
        }
        let replacement: UInt8
        switch (name.count, name.first ?? 0) {
        case (2, 0x6C) where name[1] == 0x74: replacement = 0x3C  // lt
        case (2, 0x67) where name[1] == 0x74: replacement = 0x3E  // gt
        case (3, 0x61) where name[1] == 0x6D && name[2] == 0x70: replacement = 0x26  // amp
        case (4, 0x61) where name[1] == 0x70 && name[2] == 0x6F && name[3] == 0x73: replacement = 0x27  // apos
        case (4, 0x71) where name[1] == 0x75 && name[2] == 0x6F && name[3] == 0x74: replacement = 0x22  // quot
        default:
            throw .damaged("the undeclared entity &\(String(decoding: name, as: UTF8.self));")
        }
        out.append(replacement)
        return semicolon + 1
    }

    /// `#NNN` or `#xHHH` → the code point, if it is an XML character (tab, LF, CR, and
    /// U+0020…U+D7FF, U+E000…U+FFFD, U+10000…U+10FFFF).
    static func characterReference(_ name: UnsafeBufferPointer<UInt8>) -> UInt32? {
        guard name.count >= 2 else { return nil }
        let hex = name[1] == 0x78
        let digits = name[(hex ? 2 : 1)...]
        guard !digits.isEmpty else { return nil }
        var value: UInt32 = 0
        for byte in digits {
            let digit: UInt32
            switch byte {
            case 0x30...0x39: digit = UInt32(byte - 0x30)
            case 0x41...0x46 where hex: digit = UInt32(byte - 0x41 + 10)
            case 0x61...0x66 where hex: digit = UInt32(byte - 0x61 + 10)
            default: return nil
            }
            value = value * (hex ? 16 : 10) + digit
            if value > 0x10FFFF { return nil }
        }
        return isCharacter(value) ? value : nil
    }

    static func isCharacter(_ value: UInt32) -> Bool {
        switch value {
        case 0x09, 0x0A, 0x0D: return true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    /// UTF-8 of a valid scalar.
    static func appendScalar(_ value: UInt32, to out: inout [UInt8]) {
        switch value {
        case ..<0x80:
            out.append(UInt8(value))
        case ..<0x800:
            out.append(UInt8(0xC0 | value >> 6))
            out.append(UInt8(0x80 | value & 0x3F))
        case ..<0x10000:
            out.append(UInt8(0xE0 | value >> 12))
            out.append(UInt8(0x80 | (value >> 6) & 0x3F))
            out.append(UInt8(0x80 | value & 0x3F))
        default:
            out.append(UInt8(0xF0 | value >> 18))
            out.append(UInt8(0x80 | (value >> 12) & 0x3F))
            out.append(UInt8(0x80 | (value >> 6) & 0x3F))
            out.append(UInt8(0x80 | value & 0x3F))
        }
    }
}
