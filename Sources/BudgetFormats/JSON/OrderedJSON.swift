/// A JSON value whose object keys keep the order they were given in.
///
/// Scripts read `--format json`; a stable key order (the contract's) makes the output
/// diffable and the tests exact. Amounts are JSON integers of đồng, never floats.
public indirect enum OrderedJSON: Sendable {
    case object([(String, OrderedJSON)])
    case array([OrderedJSON])
    case string(String)
    case int(Int64)
    case bool(Bool)
    case null

    /// A string, or `null`.
    public static func optional(_ value: String?) -> OrderedJSON { value.map { .string($0) } ?? .null }
    /// An integer, or `null`.
    public static func optional(_ value: Int?) -> OrderedJSON { value.map { .int(Int64($0)) } ?? .null }
    /// An integer, or `null`.
    public static func optional(_ value: Int64?) -> OrderedJSON { value.map { .int($0) } ?? .null }

    /// The text, pretty-printed with two-space indentation.
    public func render(indent: Int = 0) -> String {
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
                out += pad + "  " + JSONText.quoted(key) + ": "
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
        case let .string(text): out += JSONText.quoted(text)
        case let .int(value): out += String(value)
        case let .bool(value): out += value ? "true" : "false"
        case .null: out += "null"
        }
    }
}
