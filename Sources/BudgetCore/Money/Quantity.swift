/// A quantity as written in a submission: an exact decimal with up to 9 fractional digits.
///
/// Quantities may have decimals ("2,5" kg, "0.75" tháng); amounts may not. Keeping the
/// mantissa and the scale separately keeps `quantity × unit price` exact, so the
/// `amount-mismatch` check compares integers and never floating-point approximations.
public struct Quantity: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The digits as an integer: 2.5 is mantissa 25, scale 1.
    public var mantissa: Int64
    /// The number of fractional digits, 0...9.
    public var scale: Int

    /// The largest scale accepted; more fractional digits than this are refused by the reader.
    public static let maxScale = 9

    /// Creates `mantissa × 10^-scale`. `scale` must be in `0...maxScale`.
    public init(mantissa: Int64, scale: Int) {
        precondition((0...Quantity.maxScale).contains(scale), "scale out of range")
        self.mantissa = mantissa
        self.scale = scale
    }

    /// A whole quantity.
    public init(_ whole: Int64) { self.init(mantissa: whole, scale: 0) }

    /// `self × price`, rounded half up (away from zero) to the đồng, or `nil` if the
    /// result does not fit a signed 64-bit integer.
    ///
    /// This is the rule `amount-mismatch` applies: quantity × unit price, rounded half up
    /// to the đồng, must equal the amount.
    public func times(_ price: Money) -> Money? {
        // A whole quantity (nearly every line) needs no rounding: one checked multiply
        // instead of the 128-bit division below.
        if scale == 0 {
            let (product, overflow) = mantissa.multipliedReportingOverflow(by: price.dong)
            return overflow ? nil : Money(dong: product)
        }
        let product = mantissa.multipliedFullWidth(by: price.dong)
        let negative = (mantissa < 0) != (price.dong < 0) && mantissa != 0 && price.dong != 0
        // Work on the magnitude: |a × b| as a 128-bit unsigned (high, low).
        var high = UInt64(bitPattern: product.high)
        var low = product.low
        if product.high < 0 {
            // two's complement negate the 128-bit value
            low = ~low &+ 1
            high = ~high &+ (low == 0 ? 1 : 0)
        }
        let divisor = Quantity.powerOfTen(scale)
        guard high < divisor else { return nil }  // quotient would not fit 64 bits
        let (quotient, remainder) = divisor.dividingFullWidth((high: high, low: low))
        var magnitude = quotient
        if remainder >= divisor - remainder {  // half up: remainder * 2 >= divisor
            let (next, overflow) = magnitude.addingReportingOverflow(1)
            if overflow { return nil }
            magnitude = next
        }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return Money(dong: magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude))
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Money(dong: Int64(magnitude))
    }

    /// Whether the quantity is below zero.
    public var isNegative: Bool { mantissa < 0 }

    /// Whether the quantity is a whole number.
    public var isWhole: Bool { scale == 0 || mantissa % Int64(Quantity.powerOfTen(scale)) == 0 }

    /// The decimal text with "." as the mark and no trailing zeros ("2.5", "3").
    public var description: String { text(decimalMark: ".") }

    /// The decimal text with the given mark and no trailing zeros: "2,5" for Vietnamese.
    public func text(decimalMark: String) -> String {
        let digits = String(mantissa.magnitude)
        var whole: Substring
        var fraction: Substring
        if scale == 0 {
            whole = Substring(digits)
            fraction = ""
        } else {
            let padded = String(repeating: "0", count: max(0, scale + 1 - digits.count)) + digits
            whole = padded.dropLast(scale)
            fraction = padded.suffix(scale)
        }
        while fraction.last == "0" { fraction = fraction.dropLast() }
        if whole.isEmpty { whole = "0" }
        let sign = mantissa < 0 ? "-" : ""
        return fraction.isEmpty ? sign + whole : sign + whole + decimalMark + fraction
    }

    /// 10^n for n in 0...19.
    static func powerOfTen(_ n: Int) -> UInt64 {
        var value: UInt64 = 1
        for _ in 0..<n { value &*= 10 }
        return value
    }

    public static func == (lhs: Quantity, rhs: Quantity) -> Bool {
        // 2.50 and 2.5 are the same quantity.
        if lhs.scale == rhs.scale { return lhs.mantissa == rhs.mantissa }
        let (a, b) = lhs.scale < rhs.scale ? (lhs, rhs) : (rhs, lhs)
        let (scaled, overflow) = a.mantissa.multipliedReportingOverflow(
            by: Int64(powerOfTen(b.scale - a.scale)))
        return !overflow && scaled == b.mantissa
    }

    public func hash(into hasher: inout Hasher) {
        var m = mantissa
        var s = scale
        while s > 0 && m % 10 == 0 {
            m /= 10
            s -= 1
        }
        hasher.combine(m)
        hasher.combine(s)
    }
}
