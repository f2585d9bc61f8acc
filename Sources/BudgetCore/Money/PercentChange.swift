/// A change as a percentage of what it changed from, computed exactly with integers.
///
/// Never `Double`: a percentage printed on a paper to Finance must be the same on every
/// machine and must not drift for amounts in the billions. The result is in tenths of a
/// percent (`125` is 12,5 %), `change × 1000 ÷ base` rounded half away from zero (12,25 %
/// → 12,3 %; −12,25 % → −12,3 %), with the intermediate product taken at 128 bits so
/// that no amount that fits `Int64` can overflow it.
public enum PercentChange {
    /// `change ÷ base × 100` in tenths of a percent, rounded half away from zero; `nil`
    /// when `base` is not positive (there is no percentage of nothing: an agency that
    /// sent nothing before), or when the result would not fit `Int64` (a change of more
    /// than about 9 × 10¹⁴ times the base, which no real estimate reaches).
    public static func tenths(change: Int64, base: Int64) -> Int64? {
        guard base > 0 else { return nil }
        let divisor = UInt64(base)
        let magnitude = change.magnitude
        // magnitude × 1000 ÷ divisor = whole × 1000 + rest × 1000 ÷ divisor,
        // where rest < divisor keeps the second quotient below 1000.
        let whole = magnitude / divisor
        let rest = magnitude % divisor
        let (wholeTenths, wholeOverflow) = whole.multipliedReportingOverflow(by: 1000)
        guard !wholeOverflow else { return nil }
        let (quotient, remainder) = divisor.dividingFullWidth(rest.multipliedFullWidth(by: 1000))
        var (tenths, sumOverflow) = wholeTenths.addingReportingOverflow(quotient)
        guard !sumOverflow else { return nil }
        // Half away from zero: the remainder is at least half the divisor. `remainder` is
        // below `divisor` ≤ Int64.max, so doubling it cannot overflow 64 unsigned bits.
        if remainder * 2 >= divisor {
            (tenths, sumOverflow) = tenths.addingReportingOverflow(1)
            guard !sumOverflow else { return nil }
        }
        guard tenths <= UInt64(Int64.max) else { return nil }
        return change < 0 ? -Int64(tenths) : Int64(tenths)
    }
}
