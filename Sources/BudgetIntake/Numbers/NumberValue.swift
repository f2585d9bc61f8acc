import BudgetCore

/// What a money cell (amount, unit price) comes to under one reading.
enum MoneyOutcome: Hashable, Sendable {
    case value(Money)
    /// A non-zero fraction of a đồng remains after the money scale.
    case fractional
    /// Beyond a signed 64-bit integer of đồng.
    case overflow
}

/// What a quantity cell comes to under one reading.
enum QuantityOutcome: Hashable, Sendable {
    case value(Quantity)
    /// More than ``Quantity/maxScale`` significant fraction digits.
    case tooPrecise
    case overflow
}

extension NumberShape {
    /// The amount in whole đồng with `scale` fraction digits, times 10^`exponent` (the
    /// file's money scale: 0, 3 or 6), exactly: "1,5" nghìn đồng is 1 500 đồng.
    func money(scale: Int, exponent: Int) -> MoneyOutcome {
        if overflow { return .overflow }
        var mantissa = digits
        var fraction = scale
        while fraction > 0 && mantissa % 10 == 0 {
            mantissa /= 10
            fraction -= 1
        }
        if fraction > exponent { return .fractional }
        var remaining = exponent - fraction
        while remaining > 0 {
            let (next, overflowed) = mantissa.multipliedReportingOverflow(by: 10)
            if overflowed { return .overflow }
            mantissa = next
            remaining -= 1
        }
        guard mantissa <= UInt64(Int64.max) else { return .overflow }
        return .value(Money(dong: negative ? -Int64(mantissa) : Int64(mantissa)))
    }

    /// The quantity with `scale` fraction digits; trailing zeros beyond nine decimals are
    /// dropped before the precision check ("2,5000000000" is 2.5).
    func quantity(scale: Int) -> QuantityOutcome {
        if overflow { return .overflow }
        var mantissa = digits
        var fraction = scale
        while fraction > Quantity.maxScale && mantissa % 10 == 0 {
            mantissa /= 10
            fraction -= 1
        }
        if fraction > Quantity.maxScale { return .tooPrecise }
        guard mantissa <= UInt64(Int64.max) else { return .overflow }
        return .value(Quantity(mantissa: negative ? -Int64(mantissa) : Int64(mantissa), scale: fraction))
    }

    /// The quantity as text under `mark` as decimal, for messages ("1500", "1,5").
    func readingText(decimal mark: DecimalMark) -> String {
        guard let scale = scale(decimal: mark), case .value(let quantity) = quantity(scale: scale) else { return "?" }
        return quantity.text(decimalMark: mark.text)
    }
}
