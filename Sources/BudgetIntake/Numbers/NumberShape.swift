import BudgetCore

/// The shape of a number cell read straight from its bytes: its digits, sign and marks,
/// and which of the two readings ("." decimal or "," decimal) it allows.
///
/// Never built with `Decimal(string:)` or `Double(_:)`: those read a prefix ("12abc" is
/// 12) or accept "nan", "inf" and hex. Here the whole cell must be consumed: an optional
/// sign (`-`, or parentheses for accountants' negatives), an optional currency word before
/// or after (`đ`, `đồng`, `VND`, `VNĐ`, `₫`, `d`), and digits grouped by `.`, `,` or
/// spaces (ASCII, U+00A0, U+202F, U+2009). Anything else — letters, full-width digits,
/// a mark at either end, two marks in a row — is not a number.
///
/// A reading with decimal mark D is valid when D appears at most once and last, with at
/// least one digit after it, and the other separators (one kind only) group the integer
/// part as thousands: a first group of 1–3 digits not starting with 0, then groups of
/// exactly 3.
struct NumberShape: Sendable, Hashable {
    /// A leading `-` or surrounding parentheses.
    var negative: Bool
    /// Every digit, concatenated, as an integer (the mantissa of either reading).
    var digits: UInt64
    /// The digits do not fit 64 bits.
    var overflow: Bool
    /// Fraction digits when "." is the decimal mark, or `nil` if that reading is invalid.
    var dotScale: Int?
    /// Fraction digits when "," is the decimal mark, or `nil` if that reading is invalid.
    var commaScale: Int?
    /// The last "." or "," in the number, if any.
    var lastMark: DecimalMark?
    /// Two or more of the same mark, or both marks: evidence of kind (a).
    var repeatedOrBothMarks: Bool

    /// Fraction digits under `mark` as the decimal mark, or `nil` if invalid.
    func scale(decimal mark: DecimalMark) -> Int? { mark == .dot ? dotScale : commaScale }

    /// The only valid reading's decimal mark, when exactly one reading is valid and the
    /// number has a mark: the number shows its own decimal mark.
    var ownMark: DecimalMark? {
        guard lastMark != nil else { return nil }
        switch (dotScale, commaScale) {
        case (.some, nil): return .dot
        case (nil, .some): return .comma
        default: return nil
        }
    }

    /// Both readings are valid and differ ("1.500": 1500 or 1.5).
    var isAmbiguous: Bool { lastMark != nil && dotScale != nil && commaScale != nil }

    /// Neither reading is valid ("1.23.4").
    var isInvalid: Bool { dotScale == nil && commaScale == nil }
}

/// What a number cell holds, before any decision about the file's decimal mark.
enum NumberLexeme: Sendable, Hashable {
    /// Nothing but white space.
    case empty
    /// Not a number.
    case invalid
    case number(NumberShape)
}

enum NumberLexer {
    private enum Separator: UInt8 {
        case dot, comma, space
    }

    /// The value of a field of 1–18 ASCII digits and nothing else (the common cell), or
    /// `nil` for anything else, which ``lex(_:)`` then reads in full.
    ///
    /// Amounts have ten or eleven digits, so the first eight are read in one step
    /// (``eightDigits(_:)``), and up to eight more in a second one: the word that ends
    /// at the last digit, its bytes already read replaced by "0". The rest, one by one.
    @inline(__always)
    static func plainInteger(_ field: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard let base = field.baseAddress, field.count > 0, field.count <= 18 else { return nil }
        let count = field.count
        var value: Int64 = 0
        var k = 0
        if count >= 8 {
            guard let high = eightDigits(UnsafeRawPointer(base).loadUnaligned(as: UInt64.self)) else { return nil }
            value = Int64(high)
            k = 8
            if count > 8 && count <= 16 {
                let read = 16 - count  // bytes of the last word that the first one read: 0–7
                let word = UInt64(littleEndian: UnsafeRawPointer(base + (count - 8)).loadUnaligned(as: UInt64.self))
                let fresh = UInt64.max &<< UInt64(8 * read)
                let tail = word & fresh | 0x3030_3030_3030_3030 & ~fresh
                guard let low = eightDigits(UInt64(littleEndian: tail)) else { return nil }
                return value &* Self.powersOfTen[count - 8] &+ Int64(low)
            }
        }
        while count - k >= 8 {
            guard let eight = eightDigits(UnsafeRawPointer(base + k).loadUnaligned(as: UInt64.self)) else {
                return nil
            }
            value = value &* 100_000_000 &+ Int64(eight)
            k += 8
        }
        while k < count {
            let digit = base[k] &- 0x30
            if digit >= 10 { return nil }
            value = value &* 10 &+ Int64(digit)
            k += 1
        }
        return value
    }

    /// 10⁰ … 10⁸.
    private static let powersOfTen: [Int64] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000]

    /// The value of eight ASCII digits (the first in the lowest byte of `raw`, as loaded
    /// from memory), or `nil` if a byte is not a digit.
    ///
    /// Subtracting "0" from every byte leaves 0…9 in each exactly when all are digits: a
    /// byte below "0" wraps to ≥ 0xD0 and one above "9" reaches ≥ 0x80 when 0x76 is added,
    /// so one test of the high bits refuses both (a borrow from a refused byte can only
    /// disturb the bytes after it). Then pairs, quads and the two halves are combined with
    /// three multiplications.
    @inline(__always)
    static func eightDigits(_ raw: UInt64) -> UInt64? {
        let digits = UInt64(littleEndian: raw) &- 0x3030_3030_3030_3030
        guard (digits | (digits &+ 0x7676_7676_7676_7676)) & 0x8080_8080_8080_8080 == 0 else { return nil }
        let pairs = (digits &* 10 &+ (digits &>> 8)) & 0x00FF_00FF_00FF_00FF
        let quads = (pairs &* 100 &+ (pairs &>> 16)) & 0x0000_FFFF_0000_FFFF
        return (quads &* 10_000 &+ (quads &>> 32)) & 0xFFFF_FFFF
    }

    /// Reads `field` (UTF-8, untrimmed).
    ///
    /// Complexity: O(n); no allocation unless the cell carries a non-ASCII currency word.
    static func lex(_ field: UnsafeBufferPointer<UInt8>) -> NumberLexeme {
        guard let base = field.baseAddress else { return .empty }
        // The common case first: nothing but up to 18 ASCII digits.
        if field.count > 0 && field.count <= 18 {
            var value: UInt64 = 0
            var k = 0
            while k < field.count {
                let digit = base[k] &- 0x30
                if digit >= 10 { break }
                value = value &* 10 &+ UInt64(digit)
                k += 1
            }
            if k == field.count {
                return .number(
                    NumberShape(
                        negative: false, digits: value, overflow: false, dotScale: 0, commaScale: 0, lastMark: nil,
                        repeatedOrBothMarks: false))
            }
        }
        var s = 0
        var e = field.count
        TextBytes.trim(base, &s, &e)
        if s == e { return .empty }
        var negative = false
        // Parentheses around the number, possibly around a currency word too.
        if base[s] == 0x28 && base[e - 1] == 0x29 {
            negative = true
            s += 1
            e -= 1
            TextBytes.trim(base, &s, &e)
        }
        guard stripCurrency(base, &s, &e) else { return .invalid }
        if !negative && s < e && base[s] == 0x28 && base[e - 1] == 0x29 {
            negative = true
            s += 1
            e -= 1
            TextBytes.trim(base, &s, &e)
        }
        if s < e && base[s] == 0x2D {
            if negative { return .invalid }
            negative = true
            s += 1
            TextBytes.trim(base, &s, &e)
        }
        guard s < e else { return .invalid }
        return core(base, s, e, negative: negative)
    }

    private static func core(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, negative: Bool) -> NumberLexeme {
        var digits: UInt64 = 0
        var overflow = false
        var groupLength = 0
        var firstGroupLength = 0
        var firstGroupLeadingZero = false
        var separatorCount = 0
        var lastSeparator = Separator.space
        var innerKind: Separator? = nil
        var innerMixed = false
        var middleGroupsAreThree = true
        var dots = 0
        var commas = 0
        var lastMark: DecimalMark? = nil
        var p = start
        while p < end {
            let byte = base[p]
            let digit = byte &- 0x30
            if digit < 10 {
                if groupLength == 0 && separatorCount == 0 && digit == 0 { firstGroupLeadingZero = true }
                let (times10, o1) = digits.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times10.addingReportingOverflow(UInt64(digit))
                if o1 || o2 { overflow = true }
                digits = sum
                groupLength += 1
                p += 1
                continue
            }
            let kind: Separator
            let width: Int
            switch byte {
            case 0x2E: (kind, width) = (.dot, 1)
            case 0x2C: (kind, width) = (.comma, 1)
            case 0x20: (kind, width) = (.space, 1)
            case 0xC2 where p + 1 < end && base[p + 1] == 0xA0: (kind, width) = (.space, 2)
            case 0xE2 where p + 2 < end && base[p + 1] == 0x80 && (base[p + 2] == 0xAF || base[p + 2] == 0x89):
                (kind, width) = (.space, 3)
            default: return .invalid
            }
            if groupLength == 0 { return .invalid }
            if separatorCount == 0 {
                firstGroupLength = groupLength
            } else {
                if groupLength != 3 { middleGroupsAreThree = false }
                if let inner = innerKind {
                    if inner != lastSeparator { innerMixed = true }
                } else {
                    innerKind = lastSeparator
                }
            }
            if kind == .dot {
                dots += 1
                lastMark = .dot
            } else if kind == .comma {
                commas += 1
                lastMark = .comma
            }
            lastSeparator = kind
            separatorCount += 1
            groupLength = 0
            p += width
        }
        if groupLength == 0 { return .invalid }
        let lastGroupLength = groupLength
        let groupingOK = (1...3).contains(firstGroupLength) && !firstGroupLeadingZero && middleGroupsAreThree

        func scale(decimal: Separator) -> Int? {
            if separatorCount == 0 { return 0 }
            if lastSeparator == decimal {
                if separatorCount == 1 { return lastGroupLength }
                guard !innerMixed, let thousands = innerKind, thousands != decimal, groupingOK else { return nil }
                return lastGroupLength
            }
            guard !innerMixed, innerKind == nil || innerKind == lastSeparator, groupingOK, lastGroupLength == 3
            else { return nil }
            return 0
        }

        let shape = NumberShape(
            negative: negative, digits: digits, overflow: overflow,
            dotScale: scale(decimal: .dot), commaScale: scale(decimal: .comma),
            lastMark: lastMark, repeatedOrBothMarks: dots >= 2 || commas >= 2 || (dots > 0 && commas > 0))
        return shape.isInvalid ? .invalid : .number(shape)
    }

    /// Removes a currency word before or after the digits; `false` if the text around the
    /// digits is something else ("12abc", "nan", "１２").
    private static func stripCurrency(_ base: UnsafePointer<UInt8>, _ s: inout Int, _ e: inout Int) -> Bool {
        var first = s
        while first < e && !isNumberStart(base[first]) { first += 1 }
        if first == e { return false }
        var last = e - 1
        while last > first && !isNumberEnd(base[last]) { last -= 1 }
        if first > s {
            guard isCurrency(base, s, first) else { return false }
            s = first
        }
        if last + 1 < e {
            guard isCurrency(base, last + 1, e) else { return false }
            e = last + 1
        }
        TextBytes.trim(base, &s, &e)
        return true
    }

    @inline(__always)
    private static func isNumberStart(_ byte: UInt8) -> Bool {
        byte &- 0x30 < 10 || byte == 0x2D || byte == 0x28
    }

    @inline(__always)
    private static func isNumberEnd(_ byte: UInt8) -> Bool {
        byte &- 0x30 < 10 || byte == 0x29
    }

    /// Whether bytes `[s, e)`, trimmed, are a currency word.
    private static func isCurrency(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var s = start
        var e = end
        TextBytes.trim(base, &s, &e)
        if s == e { return true }
        guard e - s <= 24 else { return false }
        let text = String(decoding: UnsafeBufferPointer(start: base + s, count: e - s), as: UTF8.self)
        return currencyWords.contains(Folding.key(text))
    }

    /// Currency words, folded (`đ` → `d`, tone marks and case removed).
    private static let currencyWords: Set<String> = ["d", "dong", "vnd", "₫", "vn₫"]
}
