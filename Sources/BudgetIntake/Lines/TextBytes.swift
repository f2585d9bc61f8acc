import BudgetCore

/// Byte-level text helpers for the hot path: trimming and making `String`s from UTF-8
/// fields without grapheme breaking, Foundation or per-character work.
enum TextBytes {
    /// Narrows `[s, e)` past white space at both ends: ASCII white space and the Unicode
    /// spaces `Folding.isSpace` knows (U+0085, U+00A0, U+1680, U+2000–U+200A,
    /// U+2028/9, U+202F, U+205F, U+3000, U+FEFF).
    @inline(__always)
    static func trim(_ base: UnsafePointer<UInt8>, _ s: inout Int, _ e: inout Int) {
        while s < e {
            let width = leadingSpaceWidth(base, s, e)
            if width == 0 { break }
            s += width
        }
        while s < e {
            let width = trailingSpaceWidth(base, s, e)
            if width == 0 { break }
            e -= width
        }
    }

    @inline(__always)
    private static func isASCIISpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }

    private static func leadingSpaceWidth(_ base: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> Int {
        let byte = base[s]
        if byte < 0x80 { return isASCIISpace(byte) ? 1 : 0 }
        if e - s >= 2 && byte == 0xC2 && (base[s + 1] == 0xA0 || base[s + 1] == 0x85) { return 2 }
        if e - s >= 3 && isSpace3(base[s], base[s + 1], base[s + 2]) { return 3 }
        return 0
    }

    private static func trailingSpaceWidth(_ base: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> Int {
        let byte = base[e - 1]
        if byte < 0x80 { return isASCIISpace(byte) ? 1 : 0 }
        if e - s >= 2 && base[e - 2] == 0xC2 && (byte == 0xA0 || byte == 0x85) { return 2 }
        if e - s >= 3 && isSpace3(base[e - 3], base[e - 2], byte) { return 3 }
        return 0
    }

    private static func isSpace3(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> Bool {
        switch (a, b) {
        case (0xE2, 0x80): return c <= 0x8A || c == 0xA8 || c == 0xA9 || c == 0xAF
        case (0xE2, 0x81): return c == 0x9F
        case (0xE1, 0x9A): return c == 0x80
        case (0xE3, 0x80): return c == 0x80
        case (0xEF, 0xBB): return c == 0xBF
        default: return false
        }
    }

    /// Whether the trimmed field is empty.
    @inline(__always)
    static func isBlank(_ field: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = field.baseAddress, field.count > 0 else { return true }
        if !isASCIISpace(base[0]) && base[0] < 0x80 { return false }
        var s = 0
        var e = field.count
        trim(base, &s, &e)
        return s == e
    }

    /// Whether the field, trimmed, could be an item code: no byte beyond ASCII and no space
    /// or punctuation a code never has (codes are letters, digits and `. - _ /`). A cheap
    /// test, for the rows worth a second look (the signature block).
    @inline(__always)
    static func mayBeCode(_ field: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = field.baseAddress else { return true }
        var s = 0
        var e = field.count
        trim(base, &s, &e)
        var index = s
        while index < e {
            let byte = base[index]
            if byte >= 0x80 || byte == 0x20 || byte == 0x28 || byte == 0x2C || byte == 0x3A { return false }
            index += 1
        }
        return true
    }

    /// Whether the field holds words (more than a few letters: not a number with `đ` or
    /// `VND`, which the number reader reads) or a slash (a date): an amount cell worth a
    /// second look.
    static func mayBeWordsOrDate(_ field: UnsafeBufferPointer<UInt8>) -> Bool {
        var letters = 0
        for byte in field {
            if byte == 0x2F { return true }
            if byte >= 0x80 || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) { letters += 1 }
        }
        return letters > 4
    }

    /// The field trimmed and in NFC, as a `String`.
    ///
    /// Foundation's normalisation runs only when the bytes hold something that NFC could
    /// change; precomposed Vietnamese (U+00C0–U+02FF, U+1E00–U+1EFF) and common
    /// punctuation (U+2002–U+20CF) are already NFC and take the fast path.
    @inline(__always)
    static func text(_ field: UnsafeBufferPointer<UInt8>) -> String {
        guard let base = field.baseAddress, field.count > 0 else { return "" }
        var s = 0
        var e = field.count
        trim(base, &s, &e)
        if s == e { return "" }
        let bytes = UnsafeBufferPointer(start: base + s, count: e - s)
        let string = makeString(bytes)
        return mayNeedNormalising(bytes) ? Folding.nfc(string) : string
    }

    /// ``Folding/caseAndSpaceKey(_:)`` of the field's text, as ``text(_:)`` would make it,
    /// without making it: straight from the trimmed bytes when they are known to be NFC,
    /// else from the text. (The fold drops white space at both ends anyway; trimming first
    /// keeps the common field on the fold's fast path.)
    @inline(__always)
    static func foldKey(_ field: UnsafeBufferPointer<UInt8>, _ keyer: Folding.CaseAndSpaceKeyer) -> UInt64 {
        guard let base = field.baseAddress, field.count > 0 else { return Folding.emptyCaseAndSpaceKey }
        var s = 0
        var e = field.count
        trim(base, &s, &e)
        return foldKey(trimmed: UnsafeBufferPointer(start: base + s, count: e - s), of: field, keyer)
    }

    /// ``foldKey(_:_:)`` for a caller that has trimmed `field` already (`trimmed`).
    @inline(__always)
    static func foldKey(
        trimmed: UnsafeBufferPointer<UInt8>, of field: UnsafeBufferPointer<UInt8>, _ keyer: Folding.CaseAndSpaceKeyer
    ) -> UInt64 {
        keyer.key(utf8: trimmed) ?? Folding.caseAndSpaceKey(text(field))
    }

    /// A `String` of UTF-8 bytes (already validated by the decoding stage).
    ///
    /// `String(unsafeUninitializedCapacity:initializingUTF8With:)` writes the bytes
    /// straight into the new string: a small ASCII string skips validation entirely, and
    /// a large one is validated once in place, with no second copy and no separate ASCII
    /// scan (both of which `String(decoding:as:)` does).
    @inline(__always)
    static func makeString(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: bytes.count) { target in
            guard let to = target.baseAddress, let from = bytes.baseAddress else { return 0 }
            to.update(from: from, count: bytes.count)
            return bytes.count
        }
    }

    /// Whether NFC could change these UTF-8 bytes: true for combining marks and for any
    /// scalar outside the ranges known to be NFC-stable.
    ///
    /// Only bytes above 0xCB need a look: ASCII, continuation bytes and the leads of
    /// U+0080–U+02FF are all below 0xCC. Such bytes are found eight at a time; each must
    /// start a precomposed Vietnamese letter (U+1E00–U+1EFF) or common punctuation
    /// (U+2002–U+20BF).
    static func mayNeedNormalising(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let n = bytes.count
        var i = 0
        let e1 = ByteSearch.splat(0xE1)
        let b8 = ByteSearch.splat(0xB8)
        let fc = ByteSearch.splat(0xFC)
        while i + 9 <= n {
            let word = ByteSearch.load(base + i)
            // bit 7 set and low seven bits above 0x4B: adding 0x34 to them carries into
            // bit 7 without crossing into the next byte.
            let above = ((word & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x3434_3434_3434_3434) & word & ByteSearch.highs
            if above == 0 {
                i += 8
                continue
            }
            // Vietnamese letters (E1 B8–BB xx) pass without leaving the fast loop.
            let next = ByteSearch.load(base + i + 1)
            let vietnamese = ByteSearch.equal(word, e1) & ByteSearch.equal(next & fc, b8)
            let other = above & ~vietnamese
            if other == 0 {
                i += 8
                continue
            }
            let j = i + other.trailingZeroBitCount >> 3
            guard isStableThreeByteLead(base, j, n) else { return true }
            i = j + 1
        }
        while i < n {
            if base[i] < 0xCC {
                i += 1
                continue
            }
            guard isStableThreeByteLead(base, i, n) else { return true }
            i += 3
        }
        return false
    }

    @inline(__always)
    private static func isStableThreeByteLead(_ base: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> Bool {
        guard i + 2 < n else { return false }
        let second = base[i + 1]
        switch base[i] {
        case 0xE1: return second >= 0xB8 && second <= 0xBB  // U+1E00–U+1EFF
        case 0xE2: return (second == 0x80 && base[i + 2] >= 0x82) || second == 0x81 || second == 0x82  // U+2002–U+20BF
        default: return false
        }
    }
}
