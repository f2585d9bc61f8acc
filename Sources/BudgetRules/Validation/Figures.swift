import BudgetCore

/// How rules print numbers in finding values and arguments.
///
/// Findings are read by Vietnamese accountants next to their own sheet, so amounts are
/// grouped with "." ("90.000.000") and quantities use "," as the decimal mark ("2,5"),
/// in both languages: the figures must look like the cells they point at.
enum Figures {
    /// "90.000.000".
    static func amount(_ money: Money) -> String { money.grouped(separator: ".") }

    /// "2,5".
    static func quantity(_ quantity: Quantity) -> String { quantity.text(decimalMark: ",") }

    /// |a − b| grouped, exact even when the difference does not fit an `Int64`.
    static func difference(_ a: Money, _ b: Money) -> String {
        let magnitude =
            a.dong >= b.dong
            ? UInt64(bitPattern: a.dong &- b.dong)
            : UInt64(bitPattern: b.dong &- a.dong)
        return grouped(magnitude)
    }

    /// A magnitude grouped with ".".
    static func grouped(_ magnitude: UInt64) -> String {
        let digits = Array(String(magnitude).utf8)
        var out: [UInt8] = []
        out.reserveCapacity(digits.count + digits.count / 3)
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(UInt8(ascii: ".")) }
            out.append(digit)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
