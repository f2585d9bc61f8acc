/// Sheet names Excel accepts.
///
/// Excel refuses a workbook whose sheet names are longer than 31 characters, contain any
/// of `[ ] : * ? / \`, begin or end with an apostrophe, are empty, are "History", or
/// repeat another name in any letter case. Names given by the engine are made to comply
/// here rather than trusted.
public enum XLSXSheetName {
    /// The most UTF-16 code units Excel allows in a sheet name.
    public static let maxLength = 31

    /// `name` made acceptable, uniqueness aside: each of `[ ] : * ? / \` becomes "-",
    /// control characters are dropped, surrounding spaces and apostrophes are trimmed, the
    /// result is cut to 31 UTF-16 code units without splitting a character, and an empty
    /// result becomes "Sheet".
    public static func sanitized(_ name: String) -> String {
        var result = ""
        for scalar in name.unicodeScalars {
            switch scalar {
            case "[", "]", ":", "*", "?", "/", "\\": result.unicodeScalars.append("-")
            case "\u{0}"..."\u{1F}", "\u{7F}", "\u{FFFE}", "\u{FFFF}": continue
            default: result.unicodeScalars.append(scalar)
            }
        }
        result = trimmed(result)
        result = truncated(result, to: maxLength)
        result = trimmed(result)
        return result.isEmpty ? "Sheet" : result
    }

    /// `base` with " (n)" appended, the base cut so that the whole fits 31 code units.
    static func numbered(_ base: String, _ number: Int) -> String {
        let suffix = " (\(number))"
        return trimmed(truncated(base, to: maxLength - suffix.utf16.count)) + suffix
    }

    static func truncated(_ text: String, to limit: Int) -> String {
        guard text.utf16.count > limit else { return text }
        var result = ""
        var length = 0
        for character in text {
            let width = character.utf16.count
            if length + width > limit { break }
            result.append(character)
            length += width
        }
        return result
    }

    private static func trimmed(_ text: String) -> String {
        var scalars = Substring(text).unicodeScalars[...]
        while let first = scalars.first, first == " " || first == "'" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "'" { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}

/// The sheet names a workbook has used, compared as Excel does: ignoring letter case.
struct SheetNameRegistry {
    private var used: Set<String> = ["history"]

    /// `candidate` if free, else the first free "candidate (2)", "candidate (3)", … —
    /// recorded as used.
    mutating func claim(_ candidate: String) -> String {
        var name = candidate
        var number = 2
        while used.contains(name.lowercased()) {
            name = XLSXSheetName.numbered(candidate, number)
            number += 1
        }
        used.insert(name.lowercased())
        return name
    }

    mutating func release(_ name: String) { used.remove(name.lowercased()) }
}
