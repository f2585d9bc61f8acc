import Foundation

/// A finding's `arguments` as stored: a JSON object of strings, keys sorted.
///
/// Written by hand rather than with `JSONEncoder` so that encoding cannot fail and the text
/// is the same on every platform (sorted keys, no escaped slashes, non-ASCII as is); read
/// with `JSONDecoder`, since a stored value that does not decode means a damaged round.
enum ArgumentsJSON {
    static func encode(_ arguments: [String: String]) -> String {
        var out = "{"
        for (index, key) in arguments.keys.sorted().enumerated() {
            if index > 0 { out += "," }
            appendString(key, to: &out)
            out += ":"
            appendString(arguments[key] ?? "", to: &out)
        }
        return out + "}"
    }

    static func decode(_ text: String) -> [String: String]? {
        try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))
    }

    private static func appendString(_ value: String, to out: inout String) {
        out += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
