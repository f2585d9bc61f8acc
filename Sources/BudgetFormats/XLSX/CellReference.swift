/// A1-style references: column letters and cell addresses.
enum CellReference {
    /// The letters of the 0-based column `index`: 0 → "A", 25 → "Z", 26 → "AA", 16 383 → "XFD".
    ///
    /// Bijective base 26: there is no zero digit, so "Z" is followed by "AA".
    static func columnLetters(_ index: Int) -> String {
        var number = index + 1
        var letters: [UInt8] = []
        while number > 0 {
            let remainder = (number - 1) % 26
            letters.append(UInt8(ascii: "A") + UInt8(remainder))
            number = (number - 1) / 26
        }
        return String(decoding: letters.reversed(), as: UTF8.self)
    }

    /// "B7" for column 1, row 7 (row 1-based).
    static func cell(column: Int, row: Int) -> String { columnLetters(column) + String(row) }
}
