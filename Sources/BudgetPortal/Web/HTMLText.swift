/// HTML that is safe to send: the markup written in this module's code, with every value
/// interpolated into it escaped.
///
/// Pages are written as interpolated literals (`"<td>\(receipt.fileName)</td>"`); a
/// `String` interpolated is escaped, an `HTMLText` is inserted as it is. So escaping is the
/// default and forgetting it is impossible: there is no way to put a raw `String` into a page
/// but ``init(unescaped:)``, used only for compiled-in assets.
struct HTMLText: Sendable, ExpressibleByStringInterpolation, ExpressibleByStringLiteral {
    private(set) var markup: String

    init(stringLiteral value: String) { markup = value }
    /// Markup from this module's own constants (never from a request or the round).
    init(unescaped markup: String) { self.markup = markup }
    init(stringInterpolation: Interpolation) { markup = stringInterpolation.out }

    struct Interpolation: StringInterpolationProtocol {
        var out = ""
        init(literalCapacity: Int, interpolationCount: Int) {
            out.reserveCapacity(literalCapacity + interpolationCount * 16)
        }
        mutating func appendLiteral(_ literal: String) { out += literal }
        mutating func appendInterpolation(_ text: String) { out += HTMLText.escape(text) }
        mutating func appendInterpolation(_ text: String?) { out += HTMLText.escape(text ?? "") }
        mutating func appendInterpolation(_ html: HTMLText) { out += html.markup }
        mutating func appendInterpolation(_ parts: [HTMLText]) { for part in parts { out += part.markup } }
        mutating func appendInterpolation(_ number: Int) { out += String(number) }
        mutating func appendInterpolation(_ number: Int64) { out += String(number) }
    }

    static func + (a: HTMLText, b: HTMLText) -> HTMLText { HTMLText(unescaped: a.markup + b.markup) }
    static func += (a: inout HTMLText, b: HTMLText) { a.markup += b.markup }

    /// Text for an HTML text node or a quoted attribute value: `& < > " '` become entities;
    /// NUL and C0 controls other than tab, LF and CR become U+FFFD.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
