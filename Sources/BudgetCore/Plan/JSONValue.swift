import Foundation

/// A JSON value with the position where it starts, for plan files.
///
/// Plans are small, hand-edited files; a mistake in one must be reported with the field
/// path *and* the line and column, and money must be read as an exact integer (never
/// through a `Double`). Foundation's parsers give neither, so this reader keeps numbers
/// as their text and positions on every value.
public indirect enum JSONValue: Sendable, Equatable {
    case object([(key: String, value: JSONNode)])
    case array([JSONNode])
    case string(String)
    /// The number exactly as written.
    case number(String)
    case bool(Bool)
    case null

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case let (.object(a), .object(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case let (.array(a), .array(b)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.number(a), .number(b)): return a == b
        case let (.bool(a), .bool(b)): return a == b
        case (.null, .null): return true
        default: return false
        }
    }
}

/// A JSON value and where it starts (1-based line and column, columns in characters).
public struct JSONNode: Sendable, Equatable {
    public var value: JSONValue
    public var line: Int
    public var column: Int

    /// The member `key` of an object, or `nil`.
    public subscript(key: String) -> JSONNode? {
        guard case let .object(members) = value else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// What kind of value this is, for messages ("a string", "an object").
    public var kindName: Localized {
        switch value {
        case .object: Localized(vi: "một đối tượng", en: "an object")
        case .array: Localized(vi: "một mảng", en: "an array")
        case .string: Localized(vi: "một chuỗi", en: "a string")
        case .number: Localized(vi: "một số", en: "a number")
        case .bool: Localized(vi: "một giá trị đúng/sai", en: "a boolean")
        case .null: Localized(vi: "null", en: "null")
        }
    }
}

/// A syntax error in a JSON text.
public struct JSONSyntaxError: Error, Sendable, Equatable {
    public var line: Int
    public var column: Int
    public var message: Localized
}

/// Parses JSON text (RFC 8259) into ``JSONNode``s.
public enum JSONReader {
    /// The maximum nesting depth, so that hostile input cannot exhaust the stack.
    public static let maxDepth = 64

    /// Parses `bytes` (UTF-8, an optional BOM is skipped).
    public static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONNode {
        var parser = Parser(bytes: bytes)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.i = 3 }
        parser.skipSpace()
        let node = try parser.value(depth: 0)
        parser.skipSpace()
        if parser.i < bytes.count {
            throw parser.error(
                Localized(vi: "có nội dung thừa sau giá trị JSON", en: "unexpected content after the JSON value"))
        }
        return node
    }

    struct Parser {
        let bytes: [UInt8]
        var i = 0
        var line = 1
        var lineStart = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        /// The last position whose column was counted, and that column: positions only move
        /// forward, so each column is counted from the previous one, not from the start of
        /// its line (a plan written on one long line would otherwise parse in quadratic time).
        var countedIndex = 0
        var countedColumn = 1

        /// The column of the current position, in characters (UTF-8 continuation bytes skipped).
        mutating func column() -> Int {
            if countedIndex < lineStart || countedIndex > i {
                countedIndex = lineStart
                countedColumn = 1
            }
            while countedIndex < i {
                if bytes[countedIndex] & 0xC0 != 0x80 { countedColumn += 1 }
                countedIndex += 1
            }
            return countedColumn
        }

        mutating func error(_ message: Localized) -> JSONSyntaxError {
            JSONSyntaxError(line: line, column: column(), message: message)
        }

        mutating func skipSpace() {
            while i < bytes.count {
                switch bytes[i] {
                case 0x20, 0x09, 0x0D: i += 1
                case 0x0A:
                    i += 1
                    line += 1
                    lineStart = i
                default: return
                }
            }
        }

        mutating func value(depth: Int) throws(JSONSyntaxError) -> JSONNode {
            guard depth < JSONReader.maxDepth else {
                throw error(Localized(vi: "lồng nhau quá sâu", en: "nested too deeply"))
            }
            guard i < bytes.count else {
                throw error(
                    Localized(
                        vi: "tệp kết thúc khi đang chờ một giá trị", en: "the file ends where a value was expected"))
            }
            let (startLine, startColumn) = (line, column())
            func node(_ v: JSONValue) -> JSONNode { JSONNode(value: v, line: startLine, column: startColumn) }
            switch bytes[i] {
            case UInt8(ascii: "{"):
                i += 1
                var members: [(key: String, value: JSONNode)] = []
                skipSpace()
                if i < bytes.count, bytes[i] == UInt8(ascii: "}") {
                    i += 1
                    return node(.object(members))
                }
                while true {
                    skipSpace()
                    guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else {
                        throw error(
                            Localized(vi: "cần tên trường trong ngoặc kép", en: "expected a quoted member name"))
                    }
                    let key = try string()
                    skipSpace()
                    guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else {
                        throw error(
                            Localized(vi: "cần dấu «:» sau tên trường", en: "expected \":\" after the member name"))
                    }
                    i += 1
                    skipSpace()
                    let member = try value(depth: depth + 1)
                    if members.contains(where: { $0.key == key }) {
                        throw JSONSyntaxError(
                            line: member.line, column: member.column,
                            message: Localized(
                                vi: "trường «\(key)» xuất hiện hai lần", en: "member \"\(key)\" appears twice"))
                    }
                    members.append((key, member))
                    skipSpace()
                    guard i < bytes.count else {
                        throw error(Localized(vi: "thiếu dấu «}»", en: "missing \"}\""))
                    }
                    if bytes[i] == UInt8(ascii: ",") {
                        i += 1
                        continue
                    }
                    if bytes[i] == UInt8(ascii: "}") {
                        i += 1
                        return node(.object(members))
                    }
                    throw error(Localized(vi: "cần dấu «,» hoặc «}»", en: "expected \",\" or \"}\""))
                }
            case UInt8(ascii: "["):
                i += 1
                var elements: [JSONNode] = []
                skipSpace()
                if i < bytes.count, bytes[i] == UInt8(ascii: "]") {
                    i += 1
                    return node(.array(elements))
                }
                while true {
                    skipSpace()
                    elements.append(try value(depth: depth + 1))
                    skipSpace()
                    guard i < bytes.count else {
                        throw error(Localized(vi: "thiếu dấu «]»", en: "missing \"]\""))
                    }
                    if bytes[i] == UInt8(ascii: ",") {
                        i += 1
                        continue
                    }
                    if bytes[i] == UInt8(ascii: "]") {
                        i += 1
                        return node(.array(elements))
                    }
                    throw error(Localized(vi: "cần dấu «,» hoặc «]»", en: "expected \",\" or \"]\""))
                }
            case UInt8(ascii: "\""):
                return node(.string(try string()))
            case UInt8(ascii: "t"):
                try literal("true")
                return node(.bool(true))
            case UInt8(ascii: "f"):
                try literal("false")
                return node(.bool(false))
            case UInt8(ascii: "n"):
                try literal("null")
                return node(.null)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                return node(.number(try number()))
            default:
                throw error(Localized(vi: "ký tự không mong đợi", en: "unexpected character"))
            }
        }

        mutating func literal(_ word: String) throws(JSONSyntaxError) {
            let w = Array(word.utf8)
            guard i + w.count <= bytes.count, Array(bytes[i..<i + w.count]) == w else {
                throw error(Localized(vi: "giá trị không hợp lệ", en: "invalid value"))
            }
            i += w.count
        }

        mutating func number() throws(JSONSyntaxError) -> String {
            let start = i
            if bytes[i] == UInt8(ascii: "-") { i += 1 }
            func digitsRun() -> Int {
                var n = 0
                while i < bytes.count, (48...57).contains(bytes[i]) {
                    i += 1
                    n += 1
                }
                return n
            }
            let intStart = i
            let intDigits = digitsRun()
            guard intDigits > 0, !(intDigits > 1 && bytes[intStart] == 48) else {
                throw error(Localized(vi: "số không hợp lệ", en: "invalid number"))
            }
            if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
                i += 1
                guard digitsRun() > 0 else { throw error(Localized(vi: "số không hợp lệ", en: "invalid number")) }
            }
            if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
                i += 1
                if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
                guard digitsRun() > 0 else { throw error(Localized(vi: "số không hợp lệ", en: "invalid number")) }
            }
            return String(decoding: bytes[start..<i], as: UTF8.self)
        }

        mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
            guard i + 4 <= bytes.count else {
                throw error(Localized(vi: "mã \\u không hợp lệ", en: "invalid \\u escape"))
            }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let c = bytes[i]
                let d: UInt32
                switch c {
                case 48...57: d = UInt32(c - 48)
                case 65...70: d = UInt32(c - 55)
                case 97...102: d = UInt32(c - 87)
                default: throw error(Localized(vi: "mã \\u không hợp lệ", en: "invalid \\u escape"))
                }
                v = v * 16 + d
                i += 1
            }
            return v
        }

        mutating func string() throws(JSONSyntaxError) -> String {
            i += 1  // opening quote
            var out: [UInt8] = []
            while true {
                guard i < bytes.count else {
                    throw error(Localized(vi: "chuỗi không được đóng", en: "unterminated string"))
                }
                let c = bytes[i]
                if c == UInt8(ascii: "\"") {
                    i += 1
                    break
                }
                if c < 0x20 {
                    throw error(Localized(vi: "ký tự điều khiển trong chuỗi", en: "control character in a string"))
                }
                if c != UInt8(ascii: "\\") {
                    out.append(c)
                    i += 1
                    continue
                }
                i += 1
                guard i < bytes.count else {
                    throw error(Localized(vi: "chuỗi không được đóng", en: "unterminated string"))
                }
                let e = bytes[i]
                i += 1
                switch e {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800...0xDBFF).contains(scalar) {
                        guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u")
                        else {
                            throw error(
                                Localized(
                                    vi: "cặp thay thế UTF-16 không đầy đủ", en: "incomplete UTF-16 surrogate pair"))
                        }
                        i += 2
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else {
                            throw error(
                                Localized(vi: "cặp thay thế UTF-16 không hợp lệ", en: "invalid UTF-16 surrogate pair"))
                        }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let u = Unicode.Scalar(scalar) else {
                        throw error(Localized(vi: "mã \\u không hợp lệ", en: "invalid \\u escape"))
                    }
                    out.append(contentsOf: Array(String(Character(u)).utf8))
                default:
                    throw error(Localized(vi: "chuỗi thoát không hợp lệ", en: "invalid escape"))
                }
            }
            // Decoding repairs what is not UTF-8, so the bytes come back unchanged exactly
            // when they were valid (Foundation's `String(bytes:encoding:)` gave the same
            // answer at several times the cost: a fifth of loading a large plan).
            let text = String(decoding: out, as: UTF8.self)
            guard text.utf8.elementsEqual(out) else {
                throw error(Localized(vi: "chuỗi không phải UTF-8 hợp lệ", en: "the string is not valid UTF-8"))
            }
            return text
        }
    }
}
