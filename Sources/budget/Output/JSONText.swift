import BudgetCore

/// A JSON value whose object keys keep the order they were given in.
///
/// Scripts read `--format json`; a stable key order (the contract's) makes the output
/// diffable and the tests exact. Amounts are JSON integers of đồng, never floats.
indirect enum JSONText {
    case object([(String, JSONText)])
    case array([JSONText])
    case string(String)
    case int(Int64)
    case bool(Bool)
    case null

    static func optional(_ value: String?) -> JSONText { value.map { .string($0) } ?? .null }
    static func optional(_ value: Int?) -> JSONText { value.map { .int(Int64($0)) } ?? .null }
    static func optional(_ value: Money?) -> JSONText { value.map { .int($0.dong) } ?? .null }

    /// The text, pretty-printed with two-space indentation.
    func render(indent: Int = 0) -> String {
        var out = ""
        write(into: &out, indent: indent)
        return out
    }

    private func write(into out: inout String, indent: Int) {
        let pad = String(repeating: "  ", count: indent)
        switch self {
        case let .object(members):
            if members.isEmpty {
                out += "{}"
                return
            }
            out += "{\n"
            for (n, (key, value)) in members.enumerated() {
                out += pad + "  " + JSONText.quote(key) + ": "
                value.write(into: &out, indent: indent + 1)
                out += n + 1 < members.count ? ",\n" : "\n"
            }
            out += pad + "}"
        case let .array(elements):
            if elements.isEmpty {
                out += "[]"
                return
            }
            out += "[\n"
            for (n, value) in elements.enumerated() {
                out += pad + "  "
                value.write(into: &out, indent: indent + 1)
                out += n + 1 < elements.count ? ",\n" : "\n"
            }
            out += pad + "]"
        case let .string(text): out += JSONText.quote(text)
        case let .int(value): out += String(value)
        case let .bool(value): out += value ? "true" : "false"
        case .null: out += "null"
        }
    }

    /// `text` as a JSON string literal (non-ASCII kept as UTF-8).
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
