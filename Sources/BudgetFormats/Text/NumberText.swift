/// Numbers as documents print them: "150.000.000", "-1.234", "2,5".
///
/// Vietnamese usage groups thousands with "." and marks decimals with ",". Written with
/// integer arithmetic on the digits, never a locale-dependent formatter, so output does
/// not change with the host.
public enum NumberText {
    /// `value` with its digits grouped by three: `grouped(150000000)` is "150.000.000",
    /// `grouped(-1234)` is "-1.234". `Int64.min` is handled.
    public static func grouped(_ value: Int64, separator: String = ".") -> String {
        let digits = String(value.magnitude)
        var result = value < 0 ? "-" : ""
        var index = digits.startIndex
        var remaining = digits.count
        while remaining > 0 {
            let take = remaining % 3 == 0 ? 3 : remaining % 3
            let end = digits.index(index, offsetBy: take)
            if index != digits.startIndex { result += separator }
            result += digits[index..<end]
            index = end
            remaining -= take
        }
        return result
    }

    /// `mantissa × 10^-scale` in plain decimal notation, without trailing fractional zeros:
    /// `decimal(mantissa: 25, scale: 1)` is "2.5", with `mark: ","` "2,5";
    /// `decimal(mantissa: 3000, scale: 3)` is "3". With `grouping`, the whole part is
    /// grouped ("1.234,5"); with `places`, at least that many fraction digits are written,
    /// zeros kept or added (`decimal(mantissa: 120, scale: 1, places: 1)` is "12.0").
    ///
    /// `scale` is taken within ±``maxScale``: beyond that it is clamped (a 64-bit mantissa
    /// has 19 digits; quantities use at most 9), so no input can make the text unbounded.
    public static func decimal(
        mantissa: Int64, scale: Int, mark: String = ".", grouping: String? = nil, places: Int = 0
    ) -> String {
        let scale = min(max(scale, -maxScale), maxScale)
        var digits = String(mantissa.magnitude)
        var fraction = ""
        if scale < 0 {
            if mantissa != 0 { digits += String(repeating: "0", count: -scale) }
        } else if scale > 0 {
            if digits.count <= scale { digits = String(repeating: "0", count: scale + 1 - digits.count) + digits }
            let split = digits.index(digits.endIndex, offsetBy: -scale)
            fraction = String(digits[split...])
            digits = String(digits[..<split])
            while fraction.last == "0" && fraction.count > places { fraction.removeLast() }
        }
        if fraction.count < places { fraction += String(repeating: "0", count: min(places, maxScale) - fraction.count) }
        var whole = digits
        if let grouping {
            var grouped = ""
            var count = 0
            for character in digits.reversed() {
                if count > 0 && count % 3 == 0 { grouped.append(contentsOf: grouping.reversed()) }
                grouped.append(character)
                count += 1
            }
            whole = String(grouped.reversed())
        }
        return (mantissa < 0 ? "-" : "") + whole + (fraction.isEmpty ? "" : mark + fraction)
    }

    /// The largest scale, either way, that ``decimal(mantissa:scale:mark:grouping:)`` honours.
    public static let maxScale = 64

    /// Appends the decimal digits of `value` (with "-" if negative) as ASCII bytes.
    ///
    /// The digits are made in a small stack buffer and appended at once: the writers call
    /// this several million times for a large table.
    static func appendInteger(_ value: Int64, to bytes: inout [UInt8]) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            let start = writeDigits(of: value.magnitude, endingAt: digits)
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }

    /// Appends ``decimal(mantissa:scale:mark:grouping:)`` with mark "." and no grouping, as
    /// ASCII bytes, without making a `String`: what the XLSX `<v>` element and JSON hold.
    static func appendDecimal(mantissa: Int64, scale: Int, to bytes: inout [UInt8]) {
        let scale = min(max(scale, -maxScale), maxScale)
        if scale <= 0 {
            appendInteger(mantissa, to: &bytes)
            if mantissa != 0 && scale < 0 { bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: -scale)) }
            return
        }
        if mantissa < 0 { bytes.append(UInt8(ascii: "-")) }
        // At most 19 digits, or `scale` fraction digits and a leading zero.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maxScale + 21) { digits in
            var start = writeDigits(of: mantissa.magnitude, endingAt: digits)
            while digits.count - start < scale + 1 {
                start -= 1
                digits[start] = UInt8(ascii: "0")
            }
            let point = digits.count - scale
            var end = digits.count
            while end > point && digits[end - 1] == UInt8(ascii: "0") { end -= 1 }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start..<point]))
            if end > point {
                bytes.append(UInt8(ascii: "."))
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[point..<end]))
            }
        }
    }

    /// Writes the decimal digits of `magnitude` (at least one) at the end of `digits` and
    /// returns where they start.
    @inline(__always)
    private static func writeDigits(of magnitude: UInt64, endingAt digits: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var magnitude = magnitude
        var start = digits.count
        repeat {
            start -= 1
            digits[start] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude % 10)
            magnitude /= 10
        } while magnitude > 0
        return start
    }
}
