#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The text of a numeric cell, as the number reader will read it.
///
/// Numbers are written the way Excel shows them in full (its formula bar): at most 15
/// significant digits — Excel's own precision — in positional notation, integers without
/// ".0", no exponent, no grouping: 25000000000 → "25000000000", 2.5 → "2.5",
/// 1100000.0000000002 (1.1 × 1 000 000 computed in binary) → "1100000". The stored
/// double is written with up to 17 digits, and reading those would turn Excel's
/// floating-point noise into `fractional-amount` and `too-precise` findings that the same
/// sheet saved as CSV never has.
///
/// A cell whose style shows a date or a time (``CellStyles``) becomes ISO 8601 text:
/// `2020-03-10`, `2020-03-10 14:30:00`, `14:30:00`: what the cell shows, not a number of
/// đồng. Serial numbers count days from 1899-12-30 (1900 system, with Excel's phantom
/// 1900-02-29 as serial 60) or from 1904-01-01 (1904 system); outside 0…2 958 465
/// (9999-12-31) the value stays a number, as Excel then shows ####.
enum CellNumber {
    /// Appends the text of the number written `raw` (a `<v>` element's content). Text that
    /// is not a decimal number is appended unchanged, for the number reader to refuse.
    static func append(
        _ raw: UnsafeBufferPointer<UInt8>, kind: CellStyles.DateKind, uses1904: Bool, to out: inout [UInt8]
    ) {
        var s = 0
        var e = raw.count
        while s < e && XMLScanner.isSpace(raw[s]) { s += 1 }
        while e > s && XMLScanner.isSpace(raw[e - 1]) { e -= 1 }
        let text = UnsafeBufferPointer(rebasing: raw[s..<e])
        if kind.isEmpty && isPlainInteger(text) {
            out.append(contentsOf: text)
            return
        }
        guard let value = parse(text) else {
            out.append(contentsOf: raw)
            return
        }
        if !kind.isEmpty, appendDate(value, kind: kind, uses1904: uses1904, to: &out) { return }
        appendDecimal(value, to: &out)
    }

    /// An optional `-` and 1–15 digits without a leading zero (or "0"): already the text
    /// the slow path would make.
    @inline(__always)
    private static func isPlainInteger(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        let sign = text.first == 0x2D ? 1 : 0
        let digits = text.count - sign
        guard digits >= 1 && digits <= 15 else { return false }
        if text[sign] == 0x30 && digits > 1 { return false }
        for k in sign..<text.count where text[k] &- 0x30 > 9 { return false }
        return !(sign == 1 && digits == 1 && text[1] == 0x30)  // "-0" is "0"
    }

    /// A decimal number in XML Schema's `double` lexical form (digits, a point, an
    /// exponent), or nil — "INF", "NaN", hexadecimal and anything else are not numbers here.
    static func parse(_ text: UnsafeBufferPointer<UInt8>) -> Double? {
        guard !text.isEmpty, text.count <= 64 else { return nil }
        var digits = 0
        for byte in text {
            switch byte {
            case 0x30...0x39: digits += 1
            case 0x2B, 0x2D, 0x2E, 0x45, 0x65: break
            default: return nil
            }
        }
        guard digits > 0 else { return nil }
        guard let value = Double(String(decoding: text, as: UTF8.self)), value.isFinite else { return nil }
        return value
    }

    /// Appends `value` rounded to 15 significant digits, positional, trailing zeros dropped.
    static func appendDecimal(_ value: Double, to out: inout [UInt8]) {
        if value == 0 {
            out.append(0x30)
            return
        }
        if value.rounded() == value && abs(value) < 1e15 {
            appendInteger(Int64(value), to: &out)
            return
        }
        // "%.14e": one digit, a point, 14 digits, "e", the exponent: exactly rounded by libc.
        var buffer = [CChar](repeating: 0, count: 40)
        let written = buffer.withUnsafeMutableBufferPointer { pointer in
            withVaList([value]) { vsnprintf(pointer.baseAddress, 40, "%.14e", $0) }
        }
        guard written > 0 && written < 40 else { return }
        var mantissa: [UInt8] = []
        var negative = false
        var exponent = 0
        var exponentSign = 1
        var inExponent = false
        for k in 0..<Int(written) {
            let byte = UInt8(bitPattern: buffer[k])
            switch byte {
            case 0x2D where !inExponent: negative = true
            case 0x2D: exponentSign = -1
            case 0x30...0x39 where inExponent: exponent = exponent * 10 + Int(byte - 0x30)
            case 0x30...0x39: mantissa.append(byte)
            case 0x65, 0x45: inExponent = true
            default: break
            }
        }
        exponent *= exponentSign
        while mantissa.count > 1 && mantissa.last == 0x30 { mantissa.removeLast() }
        if negative { out.append(0x2D) }
        // mantissa = d.ddd × 10^exponent
        if exponent < 0 {
            out.append(0x30)
            out.append(0x2E)
            out.append(contentsOf: repeatElement(UInt8(0x30), count: -exponent - 1))
            out.append(contentsOf: mantissa)
        } else if exponent + 1 >= mantissa.count {
            out.append(contentsOf: mantissa)
            out.append(contentsOf: repeatElement(UInt8(0x30), count: exponent + 1 - mantissa.count))
        } else {
            out.append(contentsOf: mantissa[..<(exponent + 1)])
            out.append(0x2E)
            out.append(contentsOf: mantissa[(exponent + 1)...])
        }
    }

    static func appendInteger(_ value: Int64, to out: inout [UInt8]) {
        if value < 0 { out.append(0x2D) }
        appendDigits(value.magnitude, width: 1, to: &out)
    }

    /// The last serial number Excel shows as a date: 9999-12-31.
    static let lastSerial = 2_958_465.0

    /// Appends the ISO text of a serial date-time; false (nothing appended) when it is out
    /// of Excel's range.
    static func appendDate(_ serial: Double, kind: CellStyles.DateKind, uses1904: Bool, to out: inout [UInt8]) -> Bool {
        guard serial >= 0, serial < lastSerial + 1 else { return false }
        var day = Int(serial.rounded(.down))
        var seconds = Int(((serial - Double(day)) * 86_400).rounded())
        if seconds >= 86_400 {
            day += 1
            seconds -= 86_400
        }
        if kind.contains(.date) {
            if !uses1904 && day == 60 {
                out.append(contentsOf: Array("1900-02-29".utf8))
            } else if !uses1904 && day == 0 {
                out.append(contentsOf: Array("1900-01-00".utf8))
            } else {
                // Days from 1970-01-01.
                let days = uses1904 ? day - 24_107 : (day < 60 ? day - 25_568 : day - 25_569)
                let (year, month, dayOfMonth) = civil(days)
                appendDigits(UInt64(year), width: 4, to: &out)
                out.append(0x2D)
                appendDigits(UInt64(month), width: 2, to: &out)
                out.append(0x2D)
                appendDigits(UInt64(dayOfMonth), width: 2, to: &out)
            }
        }
        if kind.contains(.time) {
            if kind.contains(.date) { out.append(0x20) }
            appendDigits(UInt64(seconds / 3600), width: 2, to: &out)
            out.append(0x3A)
            appendDigits(UInt64(seconds / 60 % 60), width: 2, to: &out)
            out.append(0x3A)
            appendDigits(UInt64(seconds % 60), width: 2, to: &out)
        }
        return true
    }

    /// The decimal digits of `value`, zero-padded to `width`.
    private static func appendDigits(_ value: UInt64, width: Int, to out: inout [UInt8]) {
        var digits: [UInt8] = []
        var rest = value
        repeat {
            digits.append(UInt8(rest % 10) + 0x30)
            rest /= 10
        } while rest > 0
        if digits.count < width { out.append(contentsOf: repeatElement(UInt8(0x30), count: width - digits.count)) }
        out.append(contentsOf: digits.reversed())
    }

    /// The civil date of `days` since 1970-01-01 (proleptic Gregorian; H. Hinnant's
    /// `civil_from_days`).
    static func civil(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
