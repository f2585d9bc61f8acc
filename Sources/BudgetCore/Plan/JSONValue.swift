import Foundation

/// A parsed JSON text kept as one flat list of entries (a "tape"), for plan files.
///
/// A mistake in a plan must be reported with the field path *and* the line and column,
/// and money must be read as an exact integer (never through a `Double`); Foundation's
/// parsers give neither, so this reader keeps numbers as their text and the byte offset of
/// every value. Plans are usually small, hand-edited files, but a district's can hold
/// 200 000 items (18 MB): a tree of nodes, each with its member arrays, its strings and its
/// line and column counted as it was read, took most of the 1–2 s and 170–280 MB of loading
/// one. The tape holds a value in 12 bytes, makes a string only when the loader asks for
/// one (after checking its UTF-8 while reading) and counts no line until a message needs
/// one (``position(of:)``, ``positions(of:)``). A plan of 200 000 items now loads in about
/// half the time and 50 MB less (`budget-bench plan`, README's large-plan figures).
public final class JSONDocument: Sendable {
    /// The kinds of entries. A member name is an entry of its own, before its value.
    enum Kind: UInt8 { case object, array, string, number, bool, null, key }

    /// One value or member name, 12 bytes. Offsets fit 32 bits: plans are refused at 4 GiB.
    struct Entry {
        var kind: Kind
        /// A `true` bool; a key or string with a backslash escape.
        var flag: Bool
        /// Where the value starts (its first byte, the opening quote of a string).
        var start: UInt32
        /// Strings, keys and numbers: the offset just past the content (before the
        /// closing quote). Objects and arrays: the index of the entry after the last one
        /// inside them.
        var end: UInt32
    }

    /// The largest text this reader takes (its offsets are 32-bit).
    public static let maxBytes = Int(UInt32.max)

    let bytes: [UInt8]
    let entries: [Entry]

    init(bytes: [UInt8], entries: [Entry]) {
        self.bytes = bytes
        self.entries = entries
    }

    /// The top-level value.
    public var root: JSONNode { JSONNode(document: self, index: 0) }

    /// The index of the entry after the value at `index` and everything inside it.
    func after(_ index: Int) -> Int { Self.after(index, in: entries) }

    static func after(_ index: Int, in entries: [Entry]) -> Int {
        let entry = entries[index]
        switch entry.kind {
        case .object, .array: return Int(entry.end)
        default: return index + 1
        }
    }

    /// The text of the member name or string at `index`, escapes decoded.
    func text(at index: Int) -> String { Self.text(of: entries[index], in: bytes) }

    static func text(of entry: Entry, in bytes: [UInt8]) -> String {
        let range = Int(entry.start) + 1..<Int(entry.end)
        if !entry.flag { return String(decoding: bytes[range], as: UTF8.self) }
        var decoded: [UInt8] = []
        JSONReader.unescape(bytes[range], into: &decoded)
        return String(decoding: decoded, as: UTF8.self)
    }

    /// Whether two member names are the same text (`"a"` and `"\u0061"` are).
    static func keysEqual(_ a: Entry, _ b: Entry, in bytes: [UInt8]) -> Bool {
        if a.flag || b.flag { return text(of: a, in: bytes) == text(of: b, in: bytes) }
        return bytes[Int(a.start) + 1..<Int(a.end)].elementsEqual(bytes[Int(b.start) + 1..<Int(b.end)])
    }

    /// Whether the member name at `index` is `key`: its bytes compared in place (the
    /// generic comparison of a string's bytes with a slice was a tenth of loading a plan).
    func key(at index: Int, equals key: String) -> Bool {
        let entry = entries[index]
        if entry.flag { return text(at: index) == key }
        let start = Int(entry.start) + 1
        let count = Int(entry.end) - start
        // Most names differ in length: told apart without touching either's bytes.
        guard key.utf8.count == count else { return false }
        var key = key
        return key.withUTF8 { wanted in
            guard wanted.count == count else { return false }
            guard count > 0, let wantedBase = wanted.baseAddress else { return true }
            return bytes.withUnsafeBufferPointer { all in
                guard let base = all.baseAddress else { return false }
                return memcmp(wantedBase, base + start, count) == 0
            }
        }
    }

    /// The 1-based line and column (in characters) of byte `offset`, as a text editor
    /// shows them. Column counting starts at the line's first byte (a byte-order mark on
    /// the first line counts as one character, as it always has).
    ///
    /// Complexity: O(offset). For many offsets use ``positions(of:)``.
    public func position(of offset: Int) -> (line: Int, column: Int) {
        positions(of: [offset])[0]
    }

    /// ``position(of:)`` of every offset, in one pass over the text: a plan with a
    /// problem in each of 200 000 items must not be read 200 000 times.
    ///
    /// Complexity: O(n + k log k) for n bytes and k offsets.
    public func positions(of offsets: [Int]) -> [(line: Int, column: Int)] {
        Self.positions(of: offsets, in: bytes)
    }

    /// ``positions(of:)`` in any text, parsed or not (a syntax error has no document yet).
    static func positions(of offsets: [Int], in bytes: [UInt8]) -> [(line: Int, column: Int)] {
        var result = [(line: Int, column: Int)](repeating: (1, 1), count: offsets.count)
        let order = offsets.indices.sorted { offsets[$0] < offsets[$1] }
        var index = 0
        var line = 1
        var column = 1
        for k in order {
            let target = min(offsets[k], bytes.count)
            while index < target {
                let byte = bytes[index]
                if byte == 0x0A {
                    line += 1
                    column = 1
                } else if byte & 0xC0 != 0x80 {
                    column += 1
                }
                index += 1
            }
            result[k] = (line, column)
        }
        return result
    }
}

/// A JSON value in a ``JSONDocument``: a small view (the document and an index), cheap to
/// copy; strings are made when asked for, elements and members are walked in place.
public struct JSONNode: Sendable {
    public let document: JSONDocument
    let index: Int

    var entry: JSONDocument.Entry { document.entries[index] }

    /// The byte offset where the value starts; ``JSONDocument/position(of:)`` turns it into
    /// a line and column.
    public var offset: Int { Int(entry.start) }

    /// The value, for `switch` and `if case`.
    public var value: JSONValue {
        let e = entry
        switch e.kind {
        case .object: return .object(JSONMembers(document: document, start: index + 1, end: Int(e.end)))
        case .array: return .array(JSONElements(document: document, start: index + 1, end: Int(e.end)))
        case .string, .key: return .string(document.text(at: index))
        case .number:
            return .number(String(decoding: document.bytes[Int(e.start)..<Int(e.end)], as: UTF8.self))
        case .bool: return .bool(e.flag)
        case .null: return .null
        }
    }

    /// The member `key` of an object, or `nil`.
    ///
    /// Complexity: O(members), without making a string for any member name.
    public subscript(key: String) -> JSONNode? {
        let e = entry
        guard e.kind == .object else { return nil }
        var i = index + 1
        let end = Int(e.end)
        while i < end {
            if document.key(at: i, equals: key) { return JSONNode(document: document, index: i + 1) }
            i = document.after(i + 1)
        }
        return nil
    }

    /// Whether every member name of this object is one of `names` (compared as bytes,
    /// without making a string of any member name).
    public func hasOnlyMembers(in names: [String]) -> Bool {
        var found: [JSONNode?] = []
        return members(named: names, into: &found)
    }

    /// One pass over this object's members for the ones named in `names`: `found[k]` is
    /// set to the value of the member named `names[k]`, or `nil` (`found` is resized to
    /// `names`). Returns whether every member is one of `names`.
    ///
    /// Why: an item of a plan was looked up member by member (its code, title, agencies,
    /// cap) and checked for unknown ones in a pass of its own — a dozen name comparisons
    /// an item, a fifth of loading 200 000 of them; here each member is compared once.
    public func members(named names: [String], into found: inout [JSONNode?]) -> Bool {
        if found.count != names.count { found = Array(repeating: nil, count: names.count) }
        for k in found.indices { found[k] = nil }
        let e = entry
        guard e.kind == .object else { return true }
        var i = index + 1
        let end = Int(e.end)
        var onlyNamed = true
        members: while i < end {
            for (k, name) in names.enumerated() where found[k] == nil && document.key(at: i, equals: name) {
                found[k] = JSONNode(document: document, index: i + 1)
                i = document.after(i + 1)
                continue members
            }
            onlyNamed = false
            i = document.after(i + 1)
        }
        return onlyNamed
    }

    /// What kind of value this is, for messages ("a string", "an object").
    public var kindName: Localized {
        switch entry.kind {
        case .object: Localized(vi: "một đối tượng", en: "an object")
        case .array: Localized(vi: "một mảng", en: "an array")
        case .string, .key: Localized(vi: "một chuỗi", en: "a string")
        case .number: Localized(vi: "một số", en: "a number")
        case .bool: Localized(vi: "một giá trị đúng/sai", en: "a boolean")
        case .null: Localized(vi: "null", en: "null")
        }
    }
}

/// A JSON value, one level deep: the elements and members are views into the document.
public enum JSONValue: Sendable {
    case object(JSONMembers)
    case array(JSONElements)
    case string(String)
    /// The number exactly as written.
    case number(String)
    case bool(Bool)
    case null
}

/// The elements of an array, in order, walked in place.
public struct JSONElements: Sequence, Sendable {
    let document: JSONDocument
    let start: Int
    let end: Int

    public var isEmpty: Bool { start == end }

    /// How many elements. Complexity: O(elements), each skipped whole.
    public var count: Int {
        var n = 0
        var i = start
        while i < end {
            i = document.after(i)
            n += 1
        }
        return n
    }

    public struct Iterator: IteratorProtocol {
        let document: JSONDocument
        var position: Int
        let end: Int

        public mutating func next() -> JSONNode? {
            guard position < end else { return nil }
            let node = JSONNode(document: document, index: position)
            position = document.after(position)
            return node
        }
    }

    public func makeIterator() -> Iterator { Iterator(document: document, position: start, end: end) }
}

/// The members of an object, in the order written, walked in place.
public struct JSONMembers: Sequence, Sendable {
    let document: JSONDocument
    let start: Int
    let end: Int

    public struct Iterator: IteratorProtocol {
        let document: JSONDocument
        var position: Int
        let end: Int

        public mutating func next() -> (key: String, value: JSONNode)? {
            guard position < end else { return nil }
            let key = document.text(at: position)
            let value = JSONNode(document: document, index: position + 1)
            position = document.after(position + 1)
            return (key, value)
        }
    }

    public func makeIterator() -> Iterator { Iterator(document: document, position: start, end: end) }
}

/// A syntax error in a JSON text.
public struct JSONSyntaxError: Error, Sendable, Equatable {
    public var line: Int
    public var column: Int
    public var message: Localized
}

/// Parses JSON text (RFC 8259) into a ``JSONDocument``.
public enum JSONReader {
    /// The maximum nesting depth, so that hostile input cannot exhaust the stack.
    public static let maxDepth = 64

    /// Parses `bytes` (UTF-8, an optional BOM is skipped) and returns the top-level value.
    public static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONNode {
        try document(bytes).root
    }

    /// Parses `bytes` (UTF-8, an optional BOM is skipped).
    public static func document(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONDocument {
        var parser = Parser(bytes: bytes)
        guard bytes.count < JSONDocument.maxBytes else {
            throw parser.error(
                Localized(vi: "tệp quá lớn (4 GiB trở lên)", en: "the file is too large (4 GiB or more)"))
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.i = 3 }
        parser.skipSpace()
        try parser.value(depth: 0)
        parser.skipSpace()
        if parser.i < bytes.count {
            throw parser.error(
                Localized(vi: "có nội dung thừa sau giá trị JSON", en: "unexpected content after the JSON value"))
        }
        return JSONDocument(bytes: bytes, entries: parser.entries)
    }

    /// Decodes the escapes of a string's content (already checked by the parser).
    static func unescape(_ content: ArraySlice<UInt8>, into out: inout [UInt8]) {
        var i = content.startIndex
        while i < content.endIndex {
            let c = content[i]
            i += 1
            guard c == UInt8(ascii: "\\") else {
                out.append(c)
                continue
            }
            let e = content[i]
            i += 1
            switch e {
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = hex4(content, at: i)
                i += 4
                if (0xD800...0xDBFF).contains(scalar) {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (hex4(content, at: i + 2) - 0xDC00)
                    i += 6
                }
                out.append(contentsOf: String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8)
            default: out.append(e)  // " \ /
            }
        }
    }

    /// The value of four hexadecimal digits at `i`, or a value no scalar has.
    static func hex4(_ bytes: ArraySlice<UInt8>, at i: Int) -> UInt32 {
        guard i + 4 <= bytes.endIndex else { return 0x11_0000 }
        var v: UInt32 = 0
        for c in bytes[i..<i + 4] {
            let d = hex4Digit(c)
            guard d < 16 else { return 0x11_0000 }
            v = v * 16 + d
        }
        return v
    }

    /// The value of one hexadecimal digit, or 16 if `c` is not one.
    static func hex4Digit(_ c: UInt8) -> UInt32 {
        switch c {
        case 48...57: UInt32(c - 48)
        case 65...70: UInt32(c - 55)
        case 97...102: UInt32(c - 87)
        default: 16
        }
    }

    struct Parser {
        let bytes: [UInt8]
        var i = 0
        var entries: [JSONDocument.Entry] = []
        /// Scratch for decoding escapes, reused.
        var scratch: [UInt8] = []

        init(bytes: [UInt8]) {
            self.bytes = bytes
            entries.reserveCapacity(bytes.count / 16)
        }

        func error(_ message: Localized, at offset: Int? = nil) -> JSONSyntaxError {
            let (line, column) = JSONDocument.positions(of: [offset ?? i], in: bytes)[0]
            return JSONSyntaxError(line: line, column: column, message: message)
        }

        mutating func skipSpace() {
            while i < bytes.count {
                switch bytes[i] {
                case 0x20, 0x09, 0x0D, 0x0A: i += 1
                default: return
                }
            }
        }

        mutating func append(_ kind: JSONDocument.Kind, start: Int, end: Int = 0, flag: Bool = false) {
            entries.append(JSONDocument.Entry(kind: kind, flag: flag, start: UInt32(start), end: UInt32(end)))
        }

        mutating func value(depth: Int) throws(JSONSyntaxError) {
            guard depth < JSONReader.maxDepth else {
                throw error(Localized(vi: "lồng nhau quá sâu", en: "nested too deeply"))
            }
            guard i < bytes.count else {
                throw error(
                    Localized(
                        vi: "tệp kết thúc khi đang chờ một giá trị", en: "the file ends where a value was expected"))
            }
            let start = i
            switch bytes[i] {
            case UInt8(ascii: "{"): try object(depth: depth)
            case UInt8(ascii: "["): try array(depth: depth)
            case UInt8(ascii: "\""):
                let escaped = try scanChecked()
                append(.string, start: start, end: i - 1, flag: escaped)
            case UInt8(ascii: "t"):
                try literal("true")
                append(.bool, start: start, flag: true)
            case UInt8(ascii: "f"):
                try literal("false")
                append(.bool, start: start)
            case UInt8(ascii: "n"):
                try literal("null")
                append(.null, start: start)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                try number()
                append(.number, start: start, end: i)
            default:
                throw error(Localized(vi: "ký tự không mong đợi", en: "unexpected character"))
            }
        }

        mutating func object(depth: Int) throws(JSONSyntaxError) {
            let here = entries.count
            append(.object, start: i)
            i += 1
            var count = 0
            /// Member names seen, once an object has more than a few (a hostile object of
            /// 100 000 members must not be checked pairwise).
            var seen: Set<String>? = nil
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "}") {
                i += 1
            } else {
                while true {
                    skipSpace()
                    guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else {
                        throw error(
                            Localized(vi: "cần tên trường trong ngoặc kép", en: "expected a quoted member name"))
                    }
                    let keyIndex = entries.count
                    let keyStart = i
                    let escaped = try scanChecked()
                    append(.key, start: keyStart, end: i - 1, flag: escaped)
                    skipSpace()
                    guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else {
                        throw error(
                            Localized(vi: "cần dấu «:» sau tên trường", en: "expected \":\" after the member name"))
                    }
                    i += 1
                    skipSpace()
                    let valueStart = i
                    try value(depth: depth + 1)
                    try checkUnique(keyIndex, in: here, count: count, seen: &seen, valueStart: valueStart)
                    count += 1
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
                        break
                    }
                    throw error(Localized(vi: "cần dấu «,» hoặc «}»", en: "expected \",\" or \"}\""))
                }
            }
            entries[here].end = UInt32(entries.count)
        }

        /// Refuses a member name that the object at `object` already has, at its value.
        mutating func checkUnique(
            _ keyIndex: Int, in object: Int, count: Int, seen: inout Set<String>?, valueStart: Int
        ) throws(JSONSyntaxError) {
            var duplicate = false
            if count < 16 {
                var k = object + 1
                while k < keyIndex {
                    if JSONDocument.keysEqual(entries[k], entries[keyIndex], in: bytes) {
                        duplicate = true
                        break
                    }
                    k = JSONDocument.after(k + 1, in: entries)
                }
                if count == 15 && !duplicate {
                    var all = Set<String>()
                    k = object + 1
                    while k <= keyIndex {
                        all.insert(JSONDocument.text(of: entries[k], in: bytes))
                        k = JSONDocument.after(k + 1, in: entries)
                    }
                    seen = all
                }
            } else {
                duplicate = seen?.insert(JSONDocument.text(of: entries[keyIndex], in: bytes)).inserted == false
            }
            if duplicate {
                let key = JSONDocument.text(of: entries[keyIndex], in: bytes)
                throw error(
                    Localized(vi: "trường «\(key)» xuất hiện hai lần", en: "member \"\(key)\" appears twice"),
                    at: valueStart)
            }
        }

        mutating func array(depth: Int) throws(JSONSyntaxError) {
            let here = entries.count
            append(.array, start: i)
            i += 1
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "]") {
                i += 1
            } else {
                while true {
                    skipSpace()
                    try value(depth: depth + 1)
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
                        break
                    }
                    throw error(Localized(vi: "cần dấu «,» hoặc «]»", en: "expected \",\" or \"]\""))
                }
            }
            entries[here].end = UInt32(entries.count)
        }

        mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
            let count = word.utf8CodeUnitCount
            let matches = word.withUTF8Buffer { w in
                i + count <= bytes.count && (0..<count).allSatisfy { bytes[i + $0] == w[$0] }
            }
            guard matches else { throw error(Localized(vi: "giá trị không hợp lệ", en: "invalid value")) }
            i += count
        }

        mutating func number() throws(JSONSyntaxError) {
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
        }

        /// Four hexadecimal digits; an error is placed at the first byte that is not one.
        mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
            let invalid = Localized(vi: "mã \\u không hợp lệ", en: "invalid \\u escape")
            guard i + 4 <= bytes.count else { throw error(invalid) }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let digit = JSONReader.hex4Digit(bytes[i])
                guard digit < 16 else { throw error(invalid) }
                v = v * 16 + digit
                i += 1
            }
            return v
        }

        /// Reads a string from its opening quote to past its closing one, checking every
        /// escape; its decoded bytes go to `scratch` when it has escapes. Returns whether
        /// it has any, and whether any byte is not ASCII.
        mutating func scan() throws(JSONSyntaxError) -> (escaped: Bool, ascii: Bool) {
            i += 1  // opening quote
            let contentStart = i
            var escaped = false
            var ascii = true
            while true {
                skipPlain(&ascii)
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
                if c >= 0x80 { ascii = false }
                if c != UInt8(ascii: "\\") {
                    i += 1
                    continue
                }
                escaped = true
                i += 1
                guard i < bytes.count else {
                    throw error(Localized(vi: "chuỗi không được đóng", en: "unterminated string"))
                }
                let e = bytes[i]
                i += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                    UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    break
                case UInt8(ascii: "u"):
                    let scalar = try hex4()
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
                    } else if (0xDC00...0xDFFF).contains(scalar) {
                        throw error(Localized(vi: "mã \\u không hợp lệ", en: "invalid \\u escape"))
                    }
                default:
                    throw error(Localized(vi: "chuỗi thoát không hợp lệ", en: "invalid escape"))
                }
            }
            if escaped {
                scratch.removeAll(keepingCapacity: true)
                JSONReader.unescape(bytes[contentStart..<i - 1], into: &scratch)
            }
            return (escaped, ascii)
        }

        /// Moves `i` past bytes inside a string that need no look — neither a quote, a
        /// backslash nor a control character — eight at a time, clearing `ascii` if any is
        /// not ASCII; stops at the first such byte, left to the byte loop.
        /// Titles are most of a plan's bytes: byte by byte, strings were half of reading it.
        @inline(__always)
        mutating func skipPlain(_ ascii: inout Bool) {
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highs: UInt64 = 0x8080_8080_8080_8080
            let count = bytes.count
            guard i &+ 8 <= count else { return }
            var at = i
            var high: UInt64 = 0
            bytes.withUnsafeBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                while at &+ 8 <= count {
                    let word = UInt64(littleEndian: UnsafeRawPointer(base + at).loadUnaligned(as: UInt64.self))
                    let quote = word ^ (ones &* 0x22)
                    let backslash = word ^ (ones &* 0x5C)
                    // A zero byte of `quote` or `backslash`, or a byte below 0x20 (never missed;
                    // a false alarm only beside a real one).
                    let found =
                        ((quote &- ones) & ~quote | (backslash &- ones) & ~backslash | (word &- ones &* 0x20) & ~word)
                        & highs
                    if found != 0 {
                        // The lowest flagged byte is exact (a false alarm is only ever above
                        // a real one): step to it, past the plain bytes before it.
                        let plain = found.trailingZeroBitCount &>> 3
                        high |= word & ((1 &<< (UInt64(truncatingIfNeeded: plain) &* 8)) &- 1)
                        at &+= plain
                        break
                    }
                    high |= word
                    at &+= 8
                }
            }
            if high & highs != 0 { ascii = false }
            i = at
        }

        /// A string or member name, checked (escapes and UTF-8); its text is made only
        /// when asked for. Returns whether it has escapes.
        mutating func scanChecked() throws(JSONSyntaxError) -> Bool {
            let start = i + 1
            let (escaped, ascii) = try scan()
            if !ascii || escaped, !UTF8Check.isValid(escaped ? scratch[...] : bytes[start..<i - 1]) {
                throw error(Localized(vi: "chuỗi không phải UTF-8 hợp lệ", en: "the string is not valid UTF-8"))
            }
            return escaped
        }
    }
}
