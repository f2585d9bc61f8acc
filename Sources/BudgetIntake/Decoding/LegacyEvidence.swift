/// Counts of the patterns that give TCVN3 and VNI text away, gathered over legacy codes
/// (see ``LegacyText``) with one code of context on each side.
///
/// **TCVN3** puts its most frequent letters (ă â ê ô ơ ư đ à ả ã á ạ ằ ẳ ẵ ắ) at 0xA1–0xBE,
/// where every Windows code page has symbols: "Thµnh tiÒn", "§¬n gi¸". A *TCVN3 hit* is such
/// a code next to a letter. Symbols that legitimately touch letters are discounted: "®"
/// and "§" (TCVN3 đ, Đ, always syllable-initial) count only before a letter, "«" and "µ"
/// (TCVN3 à, which hardly opens a word) only after one and "»" only before one, so
/// «quoted» words, "Excel®" and "5 µm" do not count.
///
/// **VNI** writes a base letter and then a byte for the diacritics: "Vieät Nam", "Thaønh
/// tieàn", "ñoàng". A *VNI hit* is a vowel followed by a mark byte that, read as a
/// Windows letter, cannot follow that vowel in Vietnamese ("eä", "aø", "où" — but not "oà"
/// or "uơ", which old-style "hoà" and "thuở" produce), or "ñ" (VNI đ) opening a word
/// before a vowel. Case must agree: VNI capitals take capital marks ("VIEÄT").
///
/// Neither pattern occurs in real Vietnamese in UTF-8, UTF-16 or Windows-1258, whose
/// letters map to codes ≥ 0xC0 that are ordinary Vietnamese letters or combining marks.
struct LegacyEvidence: Equatable {
    /// Non-ASCII characters next to an ASCII letter: the denominator of the ratios.
    var letterContext = 0
    var tcvn3 = 0
    var vni = 0
    /// Which distinct codes made the hits (bit `code & 63`), so that one repeated symbol
    /// ("Windows®" ten times) is not mistaken for an encoding.
    var tcvn3Kinds: UInt64 = 0
    var vniKinds: UInt64 = 0
    var firstTCVN3: Hit?
    var firstVNI: Hit?

    /// Where a hit is, for the finding's line and sample.
    struct Hit: Equatable {
        var offset: Int
        var line: Int
        var lineStart: Int
    }

    /// Looks at `code` between `previous` and `next` (a space at either end of the text).
    mutating func observe(previous: Int, code: Int, next: Int, at hit: Hit) {
        guard code >= 0x80 else { return }
        if Self.isASCIILetter(previous) || Self.isASCIILetter(next) { letterContext += 1 }
        guard code < 0x100 else { return }
        let byte = UInt8(code)
        if TCVN3.isDistinctiveLetter(byte), Self.isTCVN3Hit(previous: previous, byte: byte, next: next) {
            tcvn3 += 1
            tcvn3Kinds |= 1 << UInt64(code & 63)
            if firstTCVN3 == nil { firstTCVN3 = hit }
        }
        if Self.isVNIHit(previous: previous, byte: byte, next: next) {
            vni += 1
            vniKinds |= 1 << UInt64(code & 63)
            if firstVNI == nil { firstVNI = hit }
        }
    }

    private static func isTCVN3Hit(previous: Int, byte: UInt8, next: Int) -> Bool {
        switch byte {
        case 0xAE, 0xA7, 0xBB: return isLetter(next)  // ® §: đ Đ open syllables; »: closing quote
        case 0xAB, 0xB5: return isLetter(previous)  // «: opening quote; µ: "µm", "µg"
        default: return isLetter(previous) || isLetter(next)
        }
    }

    static func isVNIHit(previous: Int, byte: UInt8, next: Int) -> Bool {
        switch byte {
        case 0xF1:  // ñ: VNI đ, opening a syllable before a vowel
            return !isLetter(previous) && isVowel(next, upper: false)
        case 0xD1:  // Ñ: VNI Đ
            return !isLetter(previous) && (isVowel(next, upper: false) || isVowel(next, upper: true))
        case 0xE0...0xFF:
            return marks(after: previous, upper: false) & 1 << UInt32(byte - 0xE0) != 0
        case 0xC0...0xDF:
            return marks(after: previous, upper: true) & 1 << UInt32(byte - 0xC0) != 0
        default:
            return false
        }
    }

    /// VNI mark bytes (bit `byte - 0xE0`, lower case) that cannot follow `vowel` in real
    /// Vietnamese: one look-up, since both the prefilter and the walk ask it for every mark
    /// byte after a vowel (``markRule(after:upper:)``, by code; codes past the table have none).
    static func marks(after vowel: Int, upper: Bool) -> UInt32 {
        guard vowel >= 0, vowel < markTableCount else { return 0 }
        return upper ? upperMarks[vowel] : lowerMarks[vowel]
    }

    private static let markTableCount = 0x100
    private static let lowerMarks: [UInt32] = (0..<markTableCount).map { markRule(after: $0, upper: false) }
    private static let upperMarks: [UInt32] = (0..<markTableCount).map { markRule(after: $0, upper: true) }

    /// The rule ``marks(after:upper:)`` answers from its tables.
    static func markRule(after vowel: Int, upper: Bool) -> UInt32 {
        let base = upper ? vowel + 0x20 : vowel
        guard upper ? isUpperCase(vowel) : !isUpperCase(vowel) else { return 0 }
        switch base {
        case 0x61:
            return bits([
                0xE0, 0xE1, 0xE2, 0xE3, 0xE4, 0xE5, 0xE8, 0xE9, 0xEA, 0xEB, 0xEF, 0xF5, 0xF8, 0xF9, 0xFA,
                0xFB, 0xFC,
            ])  // a
        case 0x65: return bits([0xE0, 0xE1, 0xE2, 0xE3, 0xE4, 0xE5, 0xEF, 0xF5, 0xF8, 0xF9, 0xFB])  // e
        case 0x6F: return bits([0xE2, 0xE4, 0xE5, 0xEF, 0xF5, 0xF8, 0xF9, 0xFB])  // o
        case 0x75: return bits([0xEF, 0xF8, 0xF9, 0xFB])  // u
        case 0x79: return bits([0xF5, 0xF8, 0xF9, 0xFB])  // y
        case 0xF4, 0xF6: return bits([0xEF, 0xF5, 0xF8, 0xF9, 0xFB])  // VNI ơ, ư
        default: return 0
        }
    }

    private static func bits(_ bytes: [UInt8]) -> UInt32 {
        bytes.reduce(0) { $0 | 1 << UInt32($1 - 0xE0) }
    }

    private static func isUpperCase(_ code: Int) -> Bool {
        (0x41...0x5A).contains(code) || (0xC0...0xDE).contains(code)
    }

    private static func isVowel(_ code: Int, upper: Bool) -> Bool {
        let base = upper ? code + 0x20 : code
        guard upper ? isUpperCase(code) : !isUpperCase(code) else { return false }
        return [0x61, 0x65, 0x69, 0x6F, 0x75, 0xF4, 0xF6].contains(base)
    }

    static func isASCIILetter(_ code: Int) -> Bool {
        (0x41...0x5A).contains(code) || (0x61...0x7A).contains(code)
    }

    /// A letter in any of the readings: ASCII, a Windows letter ≥ 0xC0, a TCVN3 letter,
    /// or a Unicode letter.
    static func isLetter(_ code: Int) -> Bool {
        if isASCIILetter(code) { return true }
        switch code {
        case 0xD7, 0xF7: return false  // × ÷
        case 0xC0...0xFF, LegacyText.unicodeLetter: return true
        case 0xA1...0xFF: return TCVN3.isDistinctiveLetter(UInt8(code))
        default: return false
        }
    }
}
