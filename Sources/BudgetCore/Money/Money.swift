/// An amount of Vietnamese đồng, always whole.
///
/// Budgets of one province run to billions of đồng, and the package is an official
/// document: amounts are exact 64-bit integers, every sum is overflow-checked, and
/// nothing is ever a `Double`. Arithmetic that could overflow returns `nil` instead of
/// trapping, so that input can never crash the tool; callers turn `nil` into a
/// `limit-exceeded` or `invalid-number` finding.
public struct Money: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The amount in đồng.
    public var dong: Int64

    /// Creates an amount of `dong` đồng.
    public init(dong: Int64) { self.dong = dong }

    /// Zero đồng.
    public static let zero = Money(dong: 0)

    /// The sum, or `nil` if it does not fit a signed 64-bit integer.
    public func adding(_ other: Money) -> Money? {
        let (sum, overflow) = dong.addingReportingOverflow(other.dong)
        return overflow ? nil : Money(dong: sum)
    }

    /// The amount multiplied by a whole factor (a money scale such as × 1 000),
    /// or `nil` on overflow.
    public func multiplied(by factor: Int64) -> Money? {
        let (product, overflow) = dong.multipliedReportingOverflow(by: factor)
        return overflow ? nil : Money(dong: product)
    }

    /// The sum of `amounts`, or `nil` if any partial sum overflows.
    ///
    /// Complexity: O(n).
    public static func sum<S: Sequence>(_ amounts: S) -> Money? where S.Element == Money {
        var total = Money.zero
        for amount in amounts {
            guard let next = total.adding(amount) else { return nil }
            total = next
        }
        return total
    }

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.dong < rhs.dong }

    /// The plain integer, as CSV and JSON print it.
    public var description: String { String(dong) }

    /// The amount with thousands grouped by `separator`, as Vietnamese documents print it
    /// ("150.000.000" with "."; "150,000,000" with ",").
    public func grouped(separator: String = ".") -> String {
        let digits = String(dong.magnitude)
        var out = ""
        out.reserveCapacity(digits.utf8.count + digits.utf8.count / 3 + 1)
        for (index, ch) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out += separator }
            out.append(ch)
        }
        return dong < 0 ? "-" + out : out
    }

    public init(from decoder: Decoder) throws {
        dong = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(dong)
    }
}
